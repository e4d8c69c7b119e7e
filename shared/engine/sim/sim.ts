// The simulation core: virtual clock, event queue, links, and the recorder that turns what devices do into trace
// steps. Devices never see each other; they only hand frames to the link their interface is plugged into.
import type {
  ConfigRef,
  DecisionKind,
  DeviceState,
  Outcome,
  Prose,
  ProseMessage,
  StateChange,
  StateTableName,
  TraceLink,
  TraceStep,
} from '../trace';
import { explain, proseText } from '../prose';
import { fetchFailed } from '../outcome';
import { LazyDissector } from './dissector';
import { EventQueue, type Timer } from './scheduler';

export type { Timer } from './scheduler';

/** Serialization at 100 Mbit/s: 0.08 µs per byte (preamble and gap ignored). */
export function serializationUs(frameLength: number): number {
  return Math.ceil(frameLength * 0.08);
}
/** Cable and PHY latency. */
export const PROPAGATION_US = 20;

export interface Port {
  readonly deviceId: string;
  readonly iface: string;
  /** How long the device takes from a frame's last bit to acting on it (its forwarding or kernel path). */
  readonly processingUs: number;
  receive(bytes: Uint8Array, packetId: number): void;
}

interface Attachment {
  link: TraceLink;
  peer: Port;
  /** The transmitter is busy until then: frames leave one after another, in order, as on a real cable. */
  busyUntil: number;
}

export interface Limits {
  maxSteps: number;
  maxTimeUs: number;
}

export type StopReason = 'done' | 'budget-steps' | 'budget-time' | 'switching-loop';

export class Sim {
  now = 0;
  /** Trace time 0 is this virtual time (non-zero after fetches before the recorded one). */
  timeOffset = 0;
  /** The time budget (limits.maxTimeUs) counts from here: the start of the current fetch. */
  budgetStart = 0;
  recording = true;
  /** Off while devices start: their initial configuration goes into the snapshot, not into the change log. */
  logChanges = true;
  readonly steps: TraceStep[] = [];
  readonly changes: StateChange[] = [];
  readonly queue = new EventQueue();
  private attachments = new Map<string, Attachment>();
  private packetSeq = 0;
  stopped?: { reason: StopReason; outcome?: Outcome };
  /** Events run while not recording (the warm-up), bounded separately. */
  private silentEvents = 0;
  readonly dissector = new LazyDissector();
  /** NSS key log lines of the TLS sessions made while recording (Trace.tlsKeyLog). */
  readonly tlsKeyLog: string[] = [];

  constructor(readonly limits: Limits) {}

  get traceTime(): number {
    return this.now - this.timeOffset;
  }

  attach(port: Port, link: TraceLink, peer: Port): void {
    this.attachments.set(`${port.deviceId}\u0000${port.iface}`, { link, peer, busyUntil: 0 });
  }

  isAttached(deviceId: string, iface: string): boolean {
    return this.attachments.has(`${deviceId}\u0000${iface}`);
  }

  schedule(delayUs: number, run: () => void): Timer {
    return this.queue.push(this.now + delayUs, run);
  }

  newPacketId(): number {
    return ++this.packetSeq;
  }

  /** Puts a frame on the cable of (deviceId, iface); it arrives at the other end after the link delay. */
  transmit(deviceId: string, iface: string, bytes: Uint8Array, packetId: number, explanation: Prose): void {
    const att = this.attachments.get(`${deviceId}\u0000${iface}`);
    if (att === undefined) {
      this.drop(
        deviceId,
        'no-link',
        explain('net.summary.notConnected', { iface }),
        [explanation, explain('net.notConnected', { iface })],
        packetId,
      );
      return;
    }
    if (this.recording) {
      this.push(
        this.dissector.frameStep({
          type: 'frame',
          index: 0,
          timeUs: this.traceTime,
          explanation,
          linkId: att.link.id,
          from: { deviceId, interface: iface },
          to: { deviceId: att.peer.deviceId, interface: att.peer.iface },
          bytes,
          packetId,
        }),
      );
    }
    const peer = att.peer;
    const start = Math.max(this.now, att.busyUntil);
    att.busyUntil = start + serializationUs(bytes.length);
    this.queue.push(att.busyUntil + PROPAGATION_US + peer.processingUs, () => peer.receive(bytes, packetId));
  }

  decision(
    deviceId: string,
    kind: DecisionKind,
    summary: string | ProseMessage,
    explanation: Prose,
    configRef?: ConfigRef,
  ): void {
    if (!this.recording) return;
    const step: TraceStep = {
      type: 'decision',
      index: 0,
      timeUs: this.traceTime,
      explanation,
      deviceId,
      kind,
      summary: proseText(summary),
    };
    if (typeof summary === 'object') step.summaryMessage = summary;
    if (configRef) step.configRef = configRef;
    this.push(step);
  }

  drop(
    deviceId: string,
    reason: string,
    summary: string | ProseMessage,
    explanation: Prose,
    packetId?: number,
    configRef?: ConfigRef,
  ): void {
    if (!this.recording) return;
    const step: TraceStep = {
      type: 'drop',
      index: 0,
      timeUs: this.traceTime,
      explanation,
      deviceId,
      reason,
      summary: proseText(summary),
    };
    if (typeof summary === 'object') step.summaryMessage = summary;
    if (packetId !== undefined) step.packetId = packetId;
    if (configRef) step.configRef = configRef;
    this.push(step);
  }

  change(
    deviceId: string,
    table: StateTableName,
    key: string,
    entry: DeviceState[StateTableName][number] | null,
  ): void {
    if (!this.recording || !this.logChanges) return;
    // Visible from the next recorded step on: devices update a table and then record the step that explains it.
    this.changes.push({ step: this.steps.length, deviceId, table, key, entry });
  }

  stop(reason: StopReason, outcome?: Outcome): void {
    if (!this.stopped) this.stopped = { reason, outcome };
  }

  private push(step: TraceStep): void {
    if (this.stopped) return;
    step.index = this.steps.length;
    this.steps.push(step);
    if (this.steps.length >= this.limits.maxSteps) {
      this.stop(
        'budget-steps',
        fetchFailed('BUDGET_STEPS', explain('outcome.budget.steps', { steps: this.limits.maxSteps })),
      );
    }
  }

  /**
   * Runs events until the queue is empty, the simulation is stopped, or `until()` says so. Returns when nothing
   * more should run.
   */
  run(until: () => boolean = () => false): void {
    while (!this.stopped && !until()) {
      const next = this.queue.peekTime();
      if (next === undefined) return;
      if (next - this.budgetStart > this.limits.maxTimeUs) {
        this.now = this.budgetStart + this.limits.maxTimeUs;
        this.stop(
          'budget-time',
          fetchFailed(
            'BUDGET_TIME',
            explain('outcome.budget.time', { seconds: (this.limits.maxTimeUs / 1e6).toFixed(1) }),
          ),
        );
        return;
      }
      const event = this.queue.pop()!;
      this.now = event.at;
      if (!this.recording && ++this.silentEvents > this.limits.maxSteps * 4) {
        this.stop('budget-steps', fetchFailed('BUDGET_STEPS', explain('outcome.budget.warmup')));
        return;
      }
      event.run();
    }
  }

  /**
   * Lets virtual time pass until `untilUs` with nothing recorded (a pause between two fetches): timers due by then
   * run — connections close, leases renew — and caches age because the clock moves. Events due later stay queued.
   */
  idle(untilUs: number): void {
    while (!this.stopped) {
      const next = this.queue.peekTime();
      if (next === undefined || next > untilUs) break;
      const event = this.queue.pop()!;
      this.now = event.at;
      if (++this.silentEvents > this.limits.maxSteps * 4) {
        this.stop('budget-steps', fetchFailed('BUDGET_STEPS', explain('outcome.budget.warmup')));
        return;
      }
      event.run();
    }
    this.now = Math.max(this.now, untilUs);
  }
}
