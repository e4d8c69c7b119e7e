// Which steps the event list shows: by protocol (a decision counts as the protocol of the packet it was about)
// and by device or link.
import type { Trace, TraceStep } from '../engine/trace';
import type { ProtocolTag, StepClass } from './classify';

export interface StepFilter {
  /** Empty or absent: every protocol. */
  protocols?: ReadonlySet<ProtocolTag> | readonly ProtocolTag[];
  deviceId?: string;
  linkId?: string;
}

export function stepTouchesDevice(step: TraceStep, deviceId: string): boolean {
  if (step.type === 'frame') return step.from.deviceId === deviceId || step.to.deviceId === deviceId;
  return step.deviceId === deviceId;
}

export function stepMatches(step: TraceStep, cls: StepClass, filter: StepFilter): boolean {
  const protocols = filter.protocols ? new Set(filter.protocols) : undefined;
  if (protocols && protocols.size > 0 && !protocols.has(cls.protocol)) return false;
  if (filter.deviceId && !stepTouchesDevice(step, filter.deviceId)) return false;
  if (filter.linkId && (step.type !== 'frame' || step.linkId !== filter.linkId)) return false;
  return true;
}

/** Indices of the steps that pass the filter, in trace order. */
export function filterSteps(trace: Trace, classes: StepClass[], filter: StepFilter): number[] {
  const protocols = filter.protocols ? new Set(filter.protocols) : undefined;
  const normalised = { ...filter, protocols };
  const out: number[] = [];
  for (const step of trace.steps) if (stepMatches(step, classes[step.index], normalised)) out.push(step.index);
  return out;
}

/** Every frame that crossed a link, in order (the "click a link" view and its pcap export). */
export function framesOnLink(trace: Trace, linkId: string): number[] {
  return trace.steps.filter((s) => s.type === 'frame' && s.linkId === linkId).map((s) => s.index);
}

/** The devices and links that occur in the trace, for the filter menus. */
export function devicesAndLinks(trace: Trace): { devices: string[]; links: string[] } {
  const devices = new Set<string>();
  const links = new Set<string>();
  for (const s of trace.steps) {
    if (s.type === 'frame') {
      devices.add(s.from.deviceId);
      devices.add(s.to.deviceId);
      links.add(s.linkId);
    } else devices.add(s.deviceId);
  }
  return { devices: [...devices], links: [...links] };
}
