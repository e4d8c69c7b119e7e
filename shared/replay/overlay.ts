// What the canvas draws at a step: the packet on its link (coloured by protocol, labelled), the links that carried
// traffic so far, and a drop at the device that dropped.
import { summaryText, type ProseLang } from '../engine/prose';
import type { Trace } from '../engine/trace';
import { frameProtocol, type ProtocolTag } from './classify';
import { protocolLabel } from '../wire/protocols';

export interface PacketPosition {
  linkId: string;
  /** Device ids: the packet travels from → to. */
  from: string;
  to: string;
  protocol: ProtocolTag;
  label: string;
}

export interface DropMarker {
  deviceId: string;
  reason: string;
  summary: string;
}

export function packetPosition(trace: Trace, stepIndex: number): PacketPosition | undefined {
  const step = trace.steps[stepIndex];
  if (!step || step.type !== 'frame') return undefined;
  const protocol = frameProtocol(step);
  return {
    linkId: step.linkId,
    from: step.from.deviceId,
    to: step.to.deviceId,
    protocol,
    label: protocolLabel(step.protocol),
  };
}

export function dropAt(trace: Trace, stepIndex: number, lang: ProseLang = 'en'): DropMarker | undefined {
  const step = trace.steps[stepIndex];
  if (!step || step.type !== 'drop') return undefined;
  return { deviceId: step.deviceId, reason: step.reason, summary: summaryText(step, lang) };
}

/** Links that carried at least one frame at or before the step, in the order they were first used. */
export function linksUsedUpTo(trace: Trace, stepIndex: number): string[] {
  const seen = new Set<string>();
  const last = Math.min(stepIndex, trace.steps.length - 1);
  for (let i = 0; i <= last; i++) {
    const s = trace.steps[i];
    if (s.type === 'frame') seen.add(s.linkId);
  }
  return [...seen];
}
