// What every section needs from the inspector: the edit function, the topology and which sections are collapsed.
import { createContext, useContext, type ReactNode } from 'react';
import { ChevronDown, ChevronRight } from 'lucide-react';
import type { Device, Topology } from '../../../shared/model/schema';
import { findDevice } from './draft-edits';
import type { SectionId } from './paths';

export interface InspectorContextValue {
  topology: Topology;
  onEdit(label: string, recipe: (draft: Topology) => void): void;
  collapsed: ReadonlySet<SectionId>;
  toggle(id: SectionId): void;
  /** The entry last asked to be shown (problems panel, replay decision), if any. */
  focus?: { deviceId: string; path: readonly (string | number)[] };
}

export const InspectorContext = createContext<InspectorContextValue | null>(null);

export function useInspector(): InspectorContextValue {
  const value = useContext(InspectorContext);
  if (!value) throw new Error('inspector sections must be rendered inside <Inspector>');
  return value;
}

/**
 * An edit of one device, as one undo step. The recipe gets the draft of the same device (same kind), looked up by
 * id at the time the edit applies.
 */
export function useDeviceEdit<D extends Device>(
  device: D,
): (label: string, recipe: (draft: D, topology: Topology) => void) => void {
  const { onEdit } = useInspector();
  return (label, recipe) =>
    onEdit(label, (topology) => {
      const draft = findDevice(topology, device.id);
      if (draft && draft.kind === device.kind) recipe(draft as D, topology);
    });
}

export function Section({
  id,
  title,
  children,
  extra,
  badge,
}: {
  id: SectionId;
  title: string;
  children: ReactNode;
  /** Shown at the right of the header (e.g. a role's enable checkbox). */
  extra?: ReactNode;
  badge?: ReactNode;
}) {
  const { collapsed, toggle } = useInspector();
  const open = !collapsed.has(id);
  const bodyId = `pj-insp-section-${id}`;
  // A role that is off has nothing to show: the header with its checkbox says it all.
  return (
    <section className="pj-insp-section" data-pj-section={id}>
      <header className="pj-insp-section-header">
        <button
          type="button"
          className="pj-insp-section-toggle"
          aria-expanded={open}
          aria-controls={children != null ? bodyId : undefined}
          onClick={() => toggle(id)}
        >
          {open ? <ChevronDown size={14} aria-hidden="true" /> : <ChevronRight size={14} aria-hidden="true" />}
          <span>{title}</span>
          {badge !== undefined && <span className="pj-insp-badge">{badge}</span>}
        </button>
        {extra && <div className="pj-insp-section-extra">{extra}</div>}
      </header>
      {open && children != null && (
        <div className="pj-insp-section-body" id={bodyId}>
          {children}
        </div>
      )}
    </section>
  );
}
