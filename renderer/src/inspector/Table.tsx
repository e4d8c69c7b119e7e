// Compact editable tables: a header line and one grid line per entry. Each row carries its config path so a focus
// request can scroll to it and highlight it.
import type { CSSProperties, ReactNode } from 'react';
import { pathKey, type ConfigPath } from './paths';

export function Table({
  label,
  columns,
  template,
  children,
  empty,
}: {
  label: string;
  columns: readonly string[];
  /** CSS grid-template-columns shared by header and rows, including the trailing buttons column. */
  template: string;
  children: ReactNode;
  /** Shown instead of rows when there are none. */
  empty?: string;
}) {
  const style = { '--pj-insp-cols': template } as CSSProperties;
  const hasRows = Array.isArray(children) ? children.length > 0 : Boolean(children);
  return (
    <div className="pj-insp-table" role="table" aria-label={label} style={style}>
      {hasRows ? (
        <div className="pj-insp-tr pj-insp-thead" role="row">
          {columns.map((c, i) => (
            <span key={i} role="columnheader" className="pj-insp-th">
              {c}
            </span>
          ))}
          <span role="columnheader" className="pj-insp-th" />
        </div>
      ) : (
        empty && <div className="pj-insp-empty">{empty}</div>
      )}
      {children}
    </div>
  );
}

export function TableRow({ path, children, className }: { path: ConfigPath; children: ReactNode; className?: string }) {
  return (
    <div className={`pj-insp-tr ${className ?? ''}`} role="row" data-pj-path={pathKey(path)} tabIndex={-1}>
      {children}
    </div>
  );
}

export function Cell({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <div role="cell" className={`pj-insp-td ${className ?? ''}`}>
      {children}
    </div>
  );
}

/** A bordered block for entries with too many fields for one line (interfaces, rules, sites, zones). */
export function Card({ path, children, className }: { path: ConfigPath; children: ReactNode; className?: string }) {
  return (
    <div className={`pj-insp-card ${className ?? ''}`} data-pj-path={pathKey(path)} tabIndex={-1}>
      {children}
    </div>
  );
}
