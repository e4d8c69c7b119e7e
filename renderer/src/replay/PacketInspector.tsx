// The selected frame: its layer tree with every field, a hex + ASCII pane (point at a field → its bytes light up;
// point at a byte → its field lights up; a click pins the pair, a second click or Esc lets go), and the fields that
// changed since the previous hop, one column per link.
import {
  memo,
  useCallback,
  useMemo,
  useState,
  type JSX,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { FrameStep, Trace } from '../../../shared/engine/trace';
import type { Field, Layer } from '../../../shared/wire/field';
import { changedAtCurrentHop, compareHops, type HopComparison } from '../../../shared/replay/hops';
import type { ReplayModel } from './model';
import { TlsPanel } from './TlsPanel';

export interface PacketInspectorProps {
  model: ReplayModel;
  step: number;
  /** Jump to another hop of the same packet (clicking a column head of the comparison). */
  onSelectStep?(step: number): void;
}

interface Selection {
  key: string;
  offset: number;
  length: number;
}

/** Hop comparisons per trace and step: stepping back and forth over a packet's hops compares its frames once. */
const comparisons = new WeakMap<Trace, Map<number, HopComparison | undefined>>();
function cachedComparison(trace: Trace, step: number): HopComparison | undefined {
  let byStep = comparisons.get(trace);
  if (!byStep) comparisons.set(trace, (byStep = new Map()));
  if (!byStep.has(step)) byStep.set(step, compareHops(trace, step));
  return byStep.get(step);
}

/** The smallest field (deepest wins on ties) that covers a byte. */
export function fieldAtByte(layers: Layer[], byte: number): Field | undefined {
  let best: Field | undefined;
  const visit = (fields: Field[]) => {
    for (const f of fields) {
      if (f.length > 0 && byte >= f.offset && byte < f.offset + f.length && (!best || f.length <= best.length))
        best = f;
      if (f.children) visit(f.children);
    }
  };
  for (const l of layers) visit(l.fields);
  return best;
}

export function PacketInspector({ model, step, onSelectStep }: PacketInspectorProps): JSX.Element {
  const { t } = useTranslation('replay');
  const s = model.trace.steps[step];
  const frame = s?.type === 'frame' ? s : undefined;
  const comparison = frame ? cachedComparison(model.trace, frame.index) : undefined;
  const changed = useMemo(() => changedAtCurrentHop(comparison), [comparison]);
  // Pinned by a click (kept while following the packet hop by hop); pointed at, shown instead while the pointer is there.
  const [picked, setPicked] = useState<Selection | undefined>();
  const [pointed, setPointed] = useState<Selection | undefined>();
  // The same field at its place in the frame on screen (a packet's hops differ in their addresses and lengths).
  const inFrame = useCallback(
    (sel: Selection | undefined): Selection | undefined => {
      if (!sel || !frame) return undefined;
      if (sel.key.startsWith('byte:')) return sel.offset < frame.bytes.length ? sel : undefined;
      if (sel.key.startsWith('layer:')) {
        const layer = frame.layers.find((l) => `layer:${l.protocol}` === sel.key);
        return layer ? { key: sel.key, offset: layer.offset, length: layer.length } : undefined;
      }
      const same = findField(frame.layers, sel.key);
      return same ? { key: same.key, offset: same.offset, length: same.length } : undefined;
    },
    [frame],
  );
  const pinned = useMemo(() => inFrame(picked), [inFrame, picked]);
  const hovered = useMemo(() => inFrame(pointed), [inFrame, pointed]);
  const selection = hovered ?? pinned;

  /** A click pins what it is on; on what is already pinned, it lets go. */
  const togglePin = useCallback((sel: Selection) => setPicked((was) => (was?.key === sel.key ? undefined : sel)), []);
  const point = useCallback(
    (sel: Selection | undefined) => setPointed((was) => (was?.key === sel?.key ? was : sel)),
    [],
  );
  const ofField = (f: Field): Selection => ({ key: f.key, offset: f.offset, length: f.length });
  const ofLayer = (l: Layer): Selection => ({ key: `layer:${l.protocol}`, offset: l.offset, length: l.length });
  const ofByte = useCallback(
    (b: number): Selection | undefined => {
      if (!frame) return undefined;
      const f = fieldAtByte(frame.layers, b);
      return f ? ofField(f) : { key: `byte:${b}`, offset: b, length: 1 };
    },
    [frame],
  );
  const select = useCallback((f: Field) => togglePin(ofField(f)), [togglePin]);
  const selectLayer = useCallback((l: Layer) => togglePin(ofLayer(l)), [togglePin]);
  const pointField = useCallback(
    (f: Field | Layer | undefined) => point(f === undefined ? undefined : 'key' in f ? ofField(f) : ofLayer(f)),
    [point],
  );
  const selectByte = useCallback(
    (b: number, how: 'click' | 'key') => {
      const sel = ofByte(b);
      if (!sel) return;
      if (how === 'click') togglePin(sel);
      else setPicked(sel);
    },
    [ofByte, togglePin],
  );
  const pointByte = useCallback(
    (b: number | undefined) => point(b === undefined ? undefined : ofByte(b)),
    [point, ofByte],
  );
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape' || !picked) return;
    e.stopPropagation();
    setPicked(undefined);
  };

  if (!frame) {
    return (
      <section className="pj-replay pj-packet" aria-label={t('inspector.label')}>
        <p className="pj-muted">{t('inspector.noFrame')}</p>
      </section>
    );
  }

  return (
    <section
      className="pj-replay pj-packet"
      aria-label={t('inspector.label')}
      data-testid="packet-inspector"
      onKeyDown={onKeyDown}
    >
      <div className="pj-packet-panes">
        <LayerTree
          layers={frame.layers}
          selectedKey={selection?.key}
          pinnedKey={pinned?.key}
          changed={changed}
          onSelect={select}
          onSelectLayer={selectLayer}
          onPoint={pointField}
        />
        <HexPane
          frame={frame}
          lo={selection?.offset ?? -1}
          hi={selection ? selection.offset + selection.length : -1}
          onSelectByte={selectByte}
          onPointByte={pointByte}
        />
      </div>
      {frame.layers.some((l) => l.protocol === 'tls') && <TlsPanel trace={model.trace} frame={frame} />}
      <HopTable comparison={comparison} model={model} onSelectStep={onSelectStep} selectedKey={selection?.key} />
    </section>
  );
}

interface LayerTreeProps {
  layers: Layer[];
  /** Shown: pointed at, else pinned. */
  selectedKey?: string;
  pinnedKey?: string;
  changed: ReadonlySet<string>;
  onSelect(f: Field): void;
  onSelectLayer(l: Layer): void;
  /** The pointer is on a field or a layer (undefined: it left the tree). */
  onPoint(f: Field | Layer | undefined): void;
}

const LayerTree = memo(function LayerTree({
  layers,
  selectedKey,
  pinnedKey,
  changed,
  onSelect,
  onSelectLayer,
  onPoint,
}: LayerTreeProps): JSX.Element {
  const { t } = useTranslation('replay');
  return (
    <div className="pj-layers" aria-label={t('inspector.layers')} onPointerLeave={() => onPoint(undefined)}>
      <ul role="tree" aria-label={t('inspector.layers')}>
        {layers.map((layer) => {
          const key = `layer:${layer.protocol}`;
          return (
            <li
              key={`${layer.protocol}-${layer.offset}`}
              role="treeitem"
              aria-expanded
              aria-selected={pinnedKey === key}
            >
              <button
                type="button"
                className={`pj-layer-name${selectedKey === key ? ' pj-selected' : ''}${pinnedKey === key ? ' pj-pinned' : ''}`}
                onClick={() => onSelectLayer(layer)}
                onPointerEnter={() => onPoint(layer)}
              >
                <span className="pj-layer-proto">{layer.protocol.toUpperCase()}</span> {layer.summary}
              </button>
              <FieldList
                fields={layer.fields}
                selectedKey={selectedKey}
                pinnedKey={pinnedKey}
                changed={changed}
                onSelect={onSelect}
                onPoint={onPoint}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
});

function findField(layers: Layer[], key: string): Field | undefined {
  const visit = (fields: Field[]): Field | undefined => {
    for (const f of fields) {
      if (f.key === key) return f;
      const inner = f.children && visit(f.children);
      if (inner) return inner;
    }
    return undefined;
  };
  for (const l of layers) {
    const f = visit(l.fields);
    if (f) return f;
  }
  return undefined;
}

interface FieldListProps {
  fields: Field[];
  selectedKey?: string;
  pinnedKey?: string;
  changed: ReadonlySet<string>;
  onSelect(f: Field): void;
  onPoint(f: Field): void;
}

function FieldList({ fields, selectedKey, pinnedKey, changed, onSelect, onPoint }: FieldListProps): JSX.Element {
  const { t } = useTranslation('replay');
  return (
    <ul role="group">
      {fields.map((f, i) => {
        const selected = selectedKey === f.key;
        return (
          <li key={`${f.key}-${i}`} role="treeitem" aria-selected={pinnedKey === f.key}>
            <button
              type="button"
              className={`pj-field-row${selected ? ' pj-selected' : ''}${pinnedKey === f.key ? ' pj-pinned' : ''}${changed.has(f.key) ? ' pj-changed' : ''}`}
              onClick={() => onSelect(f)}
              onPointerEnter={() => onPoint(f)}
              data-field={f.key}
              title={f.length > 0 ? t('inspector.fieldAt', { from: f.offset, to: f.offset + f.length - 1 }) : undefined}
            >
              <span className="pj-field-label">{f.label}:</span> <span className="pj-field-value">{f.value}</span>
              {changed.has(f.key) && <span className="pj-changed-mark">▲ {t('inspector.changedMark')}</span>}
            </button>
            {f.children && f.children.length > 0 && (
              <FieldList
                fields={f.children}
                selectedKey={selectedKey}
                pinnedKey={pinnedKey}
                changed={changed}
                onSelect={onSelect}
                onPoint={onPoint}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** The byte range [lo, hi) that lights up, clipped to one row of 16 ([0, 0) when none of it is in the row). */
function clip(o: number, lo: number, hi: number): [number, number] {
  const from = Math.max(lo, o);
  const to = Math.min(hi, o + 16);
  return from < to ? [from - o, to - o] : [0, 0];
}

interface HexPaneProps {
  frame: FrameStep;
  /** The bytes lit up, [lo, hi). */
  lo: number;
  hi: number;
  onSelectByte(b: number, how: 'click' | 'key'): void;
  /** The pointer is on a byte (undefined: it left the bytes). */
  onPointByte(b: number | undefined): void;
}

const HexPane = memo(function HexPane({ frame, lo, hi, onSelectByte, onPointByte }: HexPaneProps): JSX.Element {
  const { t } = useTranslation('replay');
  const bytes = frame.bytes;
  const rows: number[] = [];
  for (let o = 0; o < bytes.length; o += 16) rows.push(o);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const move: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 16, ArrowUp: -16 };
    if (!(e.key in move)) return;
    e.preventDefault();
    e.stopPropagation();
    const next = lo < 0 ? 0 : Math.min(Math.max(e.key === 'ArrowRight' ? hi : lo + move[e.key], 0), bytes.length - 1);
    onSelectByte(next, 'key');
  };
  // One handler for all bytes (a frame has up to 1,514 of them).
  const byteAt = (e: MouseEvent<HTMLDivElement> | PointerEvent<HTMLDivElement>) => {
    const byte = (e.target as HTMLElement).closest('[data-byte]')?.getAttribute('data-byte');
    return byte == null ? undefined : Number(byte);
  };
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const byte = byteAt(e);
    if (byte !== undefined) onSelectByte(byte, 'click');
  };
  return (
    <div
      className="pj-hex"
      role="grid"
      tabIndex={0}
      aria-label={t('inspector.bytes')}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onPointerOver={(e) => onPointByte(byteAt(e))}
      onPointerLeave={() => onPointByte(undefined)}
      data-testid="hex-pane"
    >
      {rows.map((o) => {
        const [from, to] = clip(o, lo, hi);
        return <HexRow key={o} bytes={bytes} offset={o} from={from} to={to} />;
      })}
    </div>
  );
});

/** Sixteen bytes in hex and ASCII, laid out as plain inline text (no grid): a frame's rows are cheap to lay out.
 *  Re-renders only when its bytes or its part of the highlight change. */
const HexRow = memo(function HexRow({
  bytes,
  offset: o,
  from,
  to,
}: {
  bytes: Uint8Array;
  offset: number;
  from: number;
  to: number;
}): JSX.Element {
  const row = bytes.subarray(o, o + 16);
  const on = (k: number) => k >= from && k < to;
  // ASCII: text runs split only where the highlight starts or ends.
  const text = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  const runs =
    to > from
      ? [
          { text: text.slice(0, from), hl: false, at: 0 },
          { text: text.slice(from, to), hl: true, at: from },
          { text: text.slice(to), hl: false, at: to },
        ].filter((r) => r.text)
      : [{ text, hl: false, at: 0 }];
  return (
    <div className="pj-hex-row" role="row">
      <span className="pj-hex-offset" role="rowheader">
        {o.toString(16).padStart(4, '0')}
      </span>
      <span className="pj-hex-bytes">
        {Array.from(row, (b, k) => (
          <span
            key={k}
            role="gridcell"
            aria-selected={on(k)}
            className={on(k) ? 'pj-byte pj-hl' : 'pj-byte'}
            data-byte={o + k}
          >
            {hex2(b)}
          </span>
        ))}
      </span>
      <span className="pj-hex-ascii" aria-hidden>
        {runs.map((r) => (
          <span key={r.at} className={r.hl ? 'pj-hl' : undefined}>
            {r.text}
          </span>
        ))}
      </span>
    </div>
  );
});

function HopTable({
  comparison,
  model,
  onSelectStep,
  selectedKey,
}: {
  comparison?: HopComparison;
  model: ReplayModel;
  onSelectStep?(step: number): void;
  selectedKey?: string;
}): JSX.Element | null {
  const { t } = useTranslation('replay');
  if (!comparison) return null;
  const name = model.ctx.deviceName;
  return (
    <div className="pj-hops" data-testid="hop-table">
      <h4>{t('inspector.changedTitle')}</h4>
      {comparison.columns.length < 2 || comparison.rows.length === 0 ? (
        <p className="pj-muted">
          {comparison.columns.length < 2 ? t('inspector.singleHop') : t('inspector.noChanges')}
        </p>
      ) : (
        <div className="pj-table-scroll">
          <table className="pj-table">
            <thead>
              <tr>
                <th scope="col">{t('inspector.field')}</th>
                {comparison.columns.map((c, i) => (
                  <th key={c.step} scope="col" className={i === comparison.current ? 'pj-current-col' : undefined}>
                    <button
                      type="button"
                      className="pj-link-btn"
                      onClick={() => onSelectStep?.(c.step)}
                      aria-current={i === comparison.current ? 'step' : undefined}
                    >
                      {t('inspector.hopColumn', { link: c.linkId, from: name(c.from), to: name(c.to) })}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((r) => (
                <tr key={r.key} className={selectedKey === r.key ? 'pj-selected' : undefined}>
                  <th scope="row">
                    {r.label} <span className="pj-muted">({t(`inspector.reason.${r.reason}`)})</span>
                  </th>
                  {r.values.map((v, i) => (
                    <td
                      key={i}
                      className={`${r.changed[i] ? 'pj-changed' : ''}${i === comparison.current ? ' pj-current-col' : ''}`}
                    >
                      {r.changed[i] && (
                        <span className="pj-changed-mark" aria-label={t('inspector.changedMark')}>
                          ▲{' '}
                        </span>
                      )}
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
