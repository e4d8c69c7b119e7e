// A ladder (sequence) diagram's lanes: one per device, or per client connection, in order (the rows are the event
// list's: renderer/src/replay/rows.ts).
import type { FrameStep, Trace } from '../engine/trace';
import { packetSpans } from './classify';
import { tcpInfo, TCP_ACK, TCP_SYN } from './frameInfo';

/**
 * A lane is a device, or — when the client opens several TCP connections (a page's sub-resources over parallel
 * connections) — one of the client's connections, "pc:57314", beside the client's own lane (its other steps).
 */
export const connectionLane = (deviceId: string, port: number): string => `${deviceId}:${port}`;
/** The device a lane belongs to. */
export const laneDevice = (lane: string): string => lane.split(':')[0];
/** The client's port of a connection lane, or undefined for a device's own lane. */
export function lanePort(lane: string): number | undefined {
  const port = lane.split(':')[1];
  return port === undefined ? undefined : Number(port);
}

/** The client's TCP connections (its ports, in the order their SYNs leave) when there are several; else none. */
export function clientConnections(trace: Trace, clientId: string): number[] {
  const ports: number[] = [];
  for (const s of trace.steps) {
    if (s.type !== 'frame' || s.from.deviceId !== clientId) continue;
    const tcp = tcpInfo(s);
    if (tcp && tcp.flags & TCP_SYN && !(tcp.flags & TCP_ACK) && !ports.includes(tcp.srcPort)) ports.push(tcp.srcPort);
  }
  return ports.length > 1 ? ports : [];
}

/** Which lanes a frame is drawn between: hop to hop, or (`end to end`) from the packet's sender to where it ends. */
export interface LaneResolver {
  (trace: Trace, step: FrameStep, endToEnd: boolean): { from: string; to: string };
}

/** Lanes of a frame's ends; the client's end of a TCP segment is its connection's lane when it has several. */
export function laneResolver(trace: Trace, clientId?: string): LaneResolver {
  const connections = clientId === undefined ? [] : clientConnections(trace, clientId);
  const spans = packetSpans(trace);
  const at = (device: string, frame: FrameStep | undefined, side: 'src' | 'dst'): string => {
    if (device !== clientId || connections.length === 0 || !frame) return device;
    const tcp = tcpInfo(frame);
    const port = tcp && (side === 'src' ? tcp.srcPort : tcp.dstPort);
    return port !== undefined && connections.includes(port) ? connectionLane(device, port) : device;
  };
  return (t, step, endToEnd) => {
    const span = endToEnd ? spans.get(step.packetId) : undefined;
    const from = span?.origin ?? step.from.deviceId;
    const to = span?.final ?? step.to.deviceId;
    // The ports as the client sees them: on the packet's hop at the client (NAT may change them further on).
    const first = span ? (t.steps[span.firstStep] as FrameStep) : step;
    const last = span ? (t.steps[span.lastStep] as FrameStep) : step;
    return { from: at(from, first, 'src'), to: at(to, last, 'dst') };
  };
}

/**
 * Devices in the order they first appear (sender before receiver), or in `order` when given (unknown ones last); a
 * device's connection lanes (see `laneResolver`) follow its own lane.
 */
export function ladderLanes(trace: Trace, order?: readonly string[], clientId?: string): string[] {
  const lanes = laneResolver(trace, clientId);
  const seen: string[] = [];
  const add = (id: string) => {
    if (!seen.includes(id)) seen.push(id);
  };
  for (const s of trace.steps) {
    if (s.type === 'frame') {
      const { from, to } = lanes(trace, s, false);
      add(from);
      add(to);
    } else add(s.deviceId);
  }
  const devices: string[] = [];
  for (const lane of seen) if (!devices.includes(laneDevice(lane))) devices.push(laneDevice(lane));
  const rank = new Map((order ?? devices).map((id, i) => [id, i]));
  const deviceRank = (id: string) => rank.get(id) ?? 1e9 + devices.indexOf(id);
  const connections = clientId === undefined ? [] : clientConnections(trace, clientId);
  const within = (lane: string) => {
    const port = lanePort(lane);
    return port === undefined ? -1 : connections.indexOf(port);
  };
  return [...seen].sort((a, b) => deviceRank(laneDevice(a)) - deviceRank(laneDevice(b)) || within(a) - within(b));
}
