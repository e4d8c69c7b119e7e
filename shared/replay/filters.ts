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

/** Whether the step at an index passes the filter (the protocol list is made a set once: this runs on every step). */
export function stepFilter(trace: Trace, classes: StepClass[], filter: StepFilter): (step: number) => boolean {
  const protocols = filter.protocols ? new Set(filter.protocols) : undefined;
  const { deviceId, linkId } = filter;
  return (index) => {
    const step = trace.steps[index];
    if (protocols && protocols.size > 0 && !protocols.has(classes[index].protocol)) return false;
    if (deviceId && !stepTouchesDevice(step, deviceId)) return false;
    if (linkId && (step.type !== 'frame' || step.linkId !== linkId)) return false;
    return true;
  };
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
