// The trace is the single source of truth of a replay: the UI, the pcap and the slides derive from it.
import type { Layer } from '../wire/field';

/** Where in the topology a decision came from, so the UI can open it: a device id and a path into its config. */
export interface ConfigRef {
  deviceId: string;
  /** Path from the device object, e.g. ["routes", 2] or ["roles", "dns", "zones", 0, "records", 3] or ["rules", 1]. */
  path: (string | number)[];
}

export interface LinkEndpoint {
  deviceId: string;
  interface: string;
}

interface StepBase {
  /** Index in trace.steps. */
  index: number;
  /** Virtual time in microseconds since the start of the scenario. */
  timeUs: number;
  /** Plain-words explanation for a learner (English); includes how it relates to the textbook story where useful. */
  explanation: string;
}

export interface FrameStep extends StepBase {
  type: 'frame';
  linkId: string;
  from: LinkEndpoint;
  to: LinkEndpoint;
  /** The exact bytes on the wire, Ethernet header first, no FCS. */
  bytes: Uint8Array;
  /** Parsed from `bytes` (never built separately), outermost first. */
  layers: Layer[];
  /** Top protocol for colouring and filtering: "arp" | "dhcp" | "dns" | "tcp" | "http" | "icmp" | "udp" | "ethernet". */
  protocol: string;
  /** One-line summary like Wireshark's Info column. */
  summary: string;
  /** Identifies one packet as it is forwarded hop by hop (same value on every link it crosses). */
  packetId: number;
}

export type DecisionKind =
  | 'route' | 'arp' | 'nat' | 'firewall' | 'switch' | 'dns-cache' | 'dns-referral' | 'dns-answer' | 'hosts-file'
  | 'http-cache' | 'dhcp' | 'tcp' | 'http' | 'browser';

export interface DecisionStep extends StepBase {
  type: 'decision';
  deviceId: string;
  kind: DecisionKind;
  /** Short summary, e.g. "route 0.0.0.0/0 via 203.0.113.1". */
  summary: string;
  configRef?: ConfigRef;
}

export interface DropStep extends StepBase {
  type: 'drop';
  deviceId: string;
  /** Machine-readable reason: "firewall" | "no-route" | "ttl-expired" | "no-arp-reply" | "no-link" | "budget" | … */
  reason: string;
  summary: string;
  packetId?: number;
  configRef?: ConfigRef;
}

export type TraceStep = FrameStep | DecisionStep | DropStep;

export type Outcome =
  | { ok: true; status: number; statusText: string; title?: string; body: string; summary: string }
  | { ok: false; error: string; summary: string; deviceId?: string };

export interface Scenario {
  from: string; // device id or name
  url: string;
  seed: number;
  /** Perform the same fetch once first, then record only the second one. */
  warm: boolean;
}

export interface Trace {
  scenario: Scenario;
  steps: TraceStep[];
  outcome: Outcome;
}
