// A ladder (sequence) diagram of the trace: one lane per device, one arrow per frame, a mark per decision or drop.
import { summaryText, type ProseLang } from '../engine/prose';
import type { Trace } from '../engine/trace';
import type { ProtocolTag, StepClass } from './classify';

export interface LadderArrow {
  kind: 'frame';
  step: number;
  from: number;
  to: number;
  protocol: ProtocolTag;
  label: string;
}

export interface LadderMark {
  kind: 'decision' | 'drop';
  step: number;
  lane: number;
  protocol: ProtocolTag;
  label: string;
}

export type LadderRow = LadderArrow | LadderMark;

export interface Ladder {
  lanes: string[];
  rows: LadderRow[];
  /** Row index of each step (−1 for steps not drawn). */
  rowOfStep: Int32Array;
}

/** Devices in the order they first appear (sender before receiver), or in `order` when given (unknown ones last). */
export function ladderLanes(trace: Trace, order?: readonly string[]): string[] {
  const seen: string[] = [];
  const add = (id: string) => {
    if (!seen.includes(id)) seen.push(id);
  };
  for (const s of trace.steps) {
    if (s.type === 'frame') {
      add(s.from.deviceId);
      add(s.to.deviceId);
    } else add(s.deviceId);
  }
  if (!order) return seen;
  const rank = new Map(order.map((id, i) => [id, i]));
  return [...seen].sort((a, b) => (rank.get(a) ?? 1e9 + seen.indexOf(a)) - (rank.get(b) ?? 1e9 + seen.indexOf(b)));
}

export function buildLadder(
  trace: Trace,
  classes: StepClass[],
  options: { order?: readonly string[]; includeDecisions?: boolean; steps?: readonly number[]; lang?: ProseLang } = {},
): Ladder {
  const lanes = ladderLanes(trace, options.order);
  const laneOf = new Map(lanes.map((id, i) => [id, i]));
  const rows: LadderRow[] = [];
  const rowOfStep = new Int32Array(trace.steps.length).fill(-1);
  const indices = options.steps ?? trace.steps.map((s) => s.index);
  for (const i of indices) {
    const s = trace.steps[i];
    if (s.type === 'frame') {
      rowOfStep[i] = rows.length;
      rows.push({
        kind: 'frame',
        step: i,
        from: laneOf.get(s.from.deviceId)!,
        to: laneOf.get(s.to.deviceId)!,
        protocol: classes[i].protocol,
        label: s.summary,
      });
    } else if (s.type === 'drop' || options.includeDecisions) {
      rowOfStep[i] = rows.length;
      rows.push({
        kind: s.type,
        step: i,
        lane: laneOf.get(s.deviceId)!,
        protocol: classes[i].protocol,
        label: summaryText(s, options.lang),
      });
    }
  }
  return { lanes, rows, rowOfStep };
}

/** The row to highlight for a step that is not drawn itself (a decision): the nearest drawn row at or before it. */
export function nearestRow(ladder: Ladder, step: number): number {
  for (let i = Math.min(step, ladder.rowOfStep.length - 1); i >= 0; i--)
    if (ladder.rowOfStep[i] >= 0) return ladder.rowOfStep[i];
  return ladder.rows.length ? 0 : -1;
}
