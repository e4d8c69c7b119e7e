// Follow one packet across links and say what changed at each hop: MACs rewritten by every router, TTL − 1, the
// IPv4 checksum, NAT's address and port, the TCP/UDP checksum. Compared by Field.key, so it shows exactly the
// fields the parser found in the bytes.
import type { FrameStep, Trace } from '../engine/trace';
import type { Field, Layer } from '../wire/field';

export type ChangeReason = 'mac' | 'ttl' | 'checksum' | 'nat' | 'other';

export interface HopColumn {
  step: number;
  linkId: string;
  from: string;
  to: string;
}

export interface HopRow {
  key: string;
  label: string;
  /** One value per column ("" when the field is absent in that frame). */
  values: string[];
  /** changed[i]: the value in column i differs from column i − 1 (always false for the first column). */
  changed: boolean[];
  reason: ChangeReason;
}

export interface HopComparison {
  packetId: number;
  columns: HopColumn[];
  /** Fields that changed at least once, in the order they appear in the frame. */
  rows: HopRow[];
  /** Column of the step asked about. */
  current: number;
}

export function flattenFields(layers: Layer[]): Field[] {
  const out: Field[] = [];
  const walk = (fields: Field[]) => {
    for (const f of fields) {
      out.push(f);
      if (f.children) walk(f.children);
    }
  };
  for (const layer of layers) walk(layer.fields);
  return out;
}

export function changeReason(key: string): ChangeReason {
  const k = key.toLowerCase();
  if (/checksum|csum/.test(k)) return 'checksum';
  if (/ttl|hop/.test(k)) return 'ttl';
  if (/^(eth|ethernet)\./.test(k) && /(src|dst|source|destination)/.test(k)) return 'mac';
  if (/^(ip|ipv4|tcp|udp)\./.test(k) && /(src|dst|source|destination|port)/.test(k)) return 'nat';
  return 'other';
}

/** All frames of a packet, one per link it crossed. */
export function packetHops(trace: Trace, packetId: number): FrameStep[] {
  return trace.steps.filter((s): s is FrameStep => s.type === 'frame' && s.packetId === packetId);
}

export function compareHops(trace: Trace, stepIndex: number): HopComparison | undefined {
  const step = trace.steps[stepIndex];
  if (!step || step.type !== 'frame') return undefined;
  const hops = packetHops(trace, step.packetId);
  const columns = hops.map((h) => ({ step: h.index, linkId: h.linkId, from: h.from.deviceId, to: h.to.deviceId }));
  const maps = hops.map((h) => {
    const m = new Map<string, Field>();
    for (const f of flattenFields(h.layers)) if (!m.has(f.key)) m.set(f.key, f);
    return m;
  });
  const order: string[] = [];
  const labels = new Map<string, string>();
  for (const m of maps)
    for (const [k, f] of m)
      if (!labels.has(k)) {
        order.push(k);
        labels.set(k, f.label);
      }
  const rows: HopRow[] = [];
  for (const key of order) {
    const values = maps.map((m) => m.get(key)?.value ?? '');
    const changed = values.map((v, i) => i > 0 && v !== values[i - 1]);
    if (changed.some(Boolean)) rows.push({ key, label: labels.get(key)!, values, changed, reason: changeReason(key) });
  }
  return { packetId: step.packetId, columns, rows, current: hops.findIndex((h) => h.index === stepIndex) };
}

/** Keys of the fields of the compared frame that differ from the same packet's previous hop (none on the first). */
export function changedAtCurrentHop(cmp: HopComparison | undefined): Set<string> {
  const out = new Set<string>();
  if (!cmp || cmp.current <= 0) return out;
  for (const row of cmp.rows) if (row.changed[cmp.current]) out.add(row.key);
  return out;
}
