// The trace is the single source of truth of a replay: the UI, the pcap and the slides derive from it.
import type { Layer } from '../wire/field';
import type { ConfigChange } from '../model/schema';
import type { LayerProtocol } from '../wire/protocols';

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

/**
 * Words for a learner, in the reader's language: a message of shared/i18n/<lang>/explain-<area>.json (the key's first
 * part names the area: "net.arpMiss" → explain-net.json) with its values, English text not written as a message yet,
 * or several of these read one after the other. Render with `proseText` (shared/engine/prose.ts).
 */
export type Prose = string | ProseMessage | Prose[];
export interface ProseMessage {
  key: string;
  /**
   * Values for the message's {{placeholders}}: names, addresses, numbers (never English words), or a message of its
   * own, read in the same language (a reason inside a sentence).
   */
  params?: Record<string, string | number | ProseMessage>;
}

interface StepBase {
  /** Index in trace.steps. */
  index: number;
  /** Virtual time in microseconds since the start of the scenario. */
  timeUs: number;
  /** Plain-words explanation for a learner; includes how it relates to the textbook story where useful. */
  explanation: Prose;
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
  /** The innermost protocol that parsed, as in Wireshark's Protocol column (the replay files it by `protocolTag`). */
  protocol: LayerProtocol;
  /** One-line summary like Wireshark's Info column. */
  summary: string;
  /** Identifies one packet as it is forwarded hop by hop (same value on every link it crosses). */
  packetId: number;
}

export type DecisionKind =
  | 'route'
  | 'arp'
  | 'nat'
  | 'firewall'
  | 'switch'
  | 'dns-cache'
  | 'dns-referral'
  | 'dns-answer'
  | 'dns-result'
  | 'hosts-file'
  | 'http-cache'
  | 'dhcp'
  | 'tcp'
  | 'http'
  | 'tls'
  | 'browser';

export interface DecisionStep extends StepBase {
  type: 'decision';
  deviceId: string;
  kind: DecisionKind;
  /** Short summary, e.g. "route 0.0.0.0/0 via 203.0.113.1": the English text of `summaryMessage` where there is one. */
  summary: string;
  /** The summary as a message, to read it in the reader's language (`summaryText` in ./prose.ts). */
  summaryMessage?: ProseMessage;
  configRef?: ConfigRef;
}

export interface DropStep extends StepBase {
  type: 'drop';
  deviceId: string;
  /** Machine-readable reason: "firewall" | "no-route" | "ttl-expired" | "no-arp-reply" | "no-link" | "budget" | … */
  reason: string;
  /** Short summary, e.g. "denied by rule r1": the English text of `summaryMessage` where there is one. */
  summary: string;
  /** The summary as a message, to read it in the reader's language (`summaryText` in ./prose.ts). */
  summaryMessage?: ProseMessage;
  packetId?: number;
  configRef?: ConfigRef;
}

export type TraceStep = FrameStep | DecisionStep | DropStep;

/**
 * What the browser shows. `summary` is `explanation` in English (for the capture's comments and the command line);
 * the app reads `explanation` in its own language.
 */
export type Outcome =
  | {
      ok: true;
      status: number;
      statusText: string;
      title?: string;
      body: string;
      summary: string;
      explanation?: Prose;
      /** The page's images, stylesheets and scripts, in the page's order: each one's status, or why it failed. */
      resources?: SubresourceResult[];
    }
  | { ok: false; error: string; summary: string; explanation?: Prose; deviceId?: string };

/** One sub-resource of the page as the browser ended it: a status (a 404 too), or Chrome's error name. */
export interface SubresourceResult {
  url: string;
  kind: 'stylesheet' | 'script' | 'image';
  status?: number;
  statusText?: string;
  /** Body bytes received. */
  bytes?: number;
  /** The browser's port of the connection it came over (the ladder's connection). */
  localPort?: number;
  error?: string;
}

export interface Scenario {
  from: string; // device id or name
  url: string;
  seed: number;
  /** Perform the same fetch once first, then record only the second one (the same as `before: [url]`). */
  warm: boolean;
  /** Fetched first from the same host, in order, unrecorded (then the warm-up of `warm`, then the recorded fetch). */
  before?: string[];
  /** Virtual seconds between the end of one fetch and the start of the next (default 1): caches and entries age. */
  pauseSeconds?: number;
  /** Configuration changes made after the last pause, just before the recorded fetch (checked first). */
  thenSet?: ConfigChange[];
}

/** A fetch made before the recorded one, as the browser ended it. */
export interface EarlierFetch {
  url: string;
  ok: boolean;
  /** `200 OK` or the error code (`NXDOMAIN`, `CONNECTION_TIMED_OUT`…). */
  result: string;
}

export interface Trace extends TraceDetails {
  scenario: Scenario;
  steps: TraceStep[];
  outcome: Outcome;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-device state, recoverable at any step (see `stateAt` in ./state.ts). The trace stores the state of every
// device when recording began plus every change with the index of the step it belongs to, so the UI never
// re-simulates to show a table.

export interface InterfaceAddressEntry {
  interface: string;
  /** CIDR, e.g. "192.168.0.100/24". */
  address: string;
  source: 'static' | 'dhcp';
}
/** Linux's neighbour states for a usable entry (INCOMPLETE ones wait for an answer and are not in the table). */
export type NeighbourState = 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE';
export interface ArpEntry {
  interface: string;
  ip: string;
  mac: string;
  /** Absent when the device's neighbour states are off (an entry, once learned, is trusted for ever). */
  state?: NeighbourState;
  /**
   * Trace time at which the state's timer ends: REACHABLE turns STALE then (without an event: a viewer shows STALE
   * from that time on), DELAY turns PROBE (or REACHABLE if confirmed), PROBE sends its next probe.
   */
  timerUs?: number;
}
export interface MacTableEntry {
  mac: string;
  port: string;
}
export interface RouteEntry {
  destination: string;
  /** Absent for a connected network (delivered directly on the interface). */
  nextHop?: string;
  interface: string;
  source: 'connected' | 'static' | 'gateway' | 'dhcp';
  configRef?: ConfigRef;
}
export interface NatEntry {
  protocol: 'tcp' | 'udp' | 'icmp';
  insideIp: string;
  insidePort: number;
  outsideIp: string;
  outsidePort: number;
  remoteIp: string;
  remotePort: number;
}
export interface ConnTrackEntry {
  protocol: 'tcp' | 'udp' | 'icmp';
  srcIp: string;
  srcPort: number;
  dstIp: string;
  dstPort: number;
  /** The rule that let the first packet through. */
  ruleId?: string;
}
export interface DhcpLeaseEntry {
  ip: string;
  mac: string;
  hostname?: string;
  leaseSeconds: number;
  state: 'offered' | 'bound';
}
export interface DnsCacheEntry {
  name: string;
  /** "A" | "NS" | "CNAME" | "SOA" | "NXDOMAIN" (a negative answer). */
  type: string;
  value: string;
  /** TTL in seconds when stored. */
  ttl: number;
  /** Trace time when stored (negative if stored before recording began, e.g. in the warm-up fetch). */
  storedAtUs: number;
}
export interface HttpCacheEntry {
  /** "host/path", e.g. "www.example.com/". */
  key: string;
  status: number;
  bodyBytes: number;
  storedAtUs: number;
  maxAgeSeconds: number;
}
/** A host the browser knows to be https-only (HSTS, RFC 6797), from a Strict-Transport-Security header. */
export interface HstsEntry {
  host: string;
  maxAgeSeconds: number;
  storedAtUs: number;
}
/**
 * A name Chromium's own host cache knows (HostCache: what the system resolver answered, kept 60 s whatever the DNS
 * TTL), so the next lookup of it within the minute asks nobody.
 */
export interface HostCacheEntry {
  name: string;
  ip: string;
  ttl: number;
  storedAtUs: number;
}
export interface ConnectionEntry {
  protocol: 'tcp';
  local: string;
  remote: string;
  /** Linux names: SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, LAST_ACK, TIME_WAIT, CLOSED. */
  state: string;
}
export interface ResolverSettingEntry {
  /** "dnsServer" | "gateway". */
  setting: string;
  value: string;
  source: 'static' | 'dhcp';
}

export interface DeviceState {
  addresses: InterfaceAddressEntry[];
  settings: ResolverSettingEntry[];
  arp: ArpEntry[];
  macTable: MacTableEntry[];
  routes: RouteEntry[];
  nat: NatEntry[];
  conntrack: ConnTrackEntry[];
  dhcpLeases: DhcpLeaseEntry[];
  dnsCache: DnsCacheEntry[];
  httpCache: HttpCacheEntry[];
  hsts: HstsEntry[];
  hostCache: HostCacheEntry[];
  connections: ConnectionEntry[];
}

export type StateTableName = keyof DeviceState;

export interface StateChange {
  /** The first step at which the change is visible (stateAt(trace, i) applies changes with step ≤ i). */
  step: number;
  deviceId: string;
  table: StateTableName;
  key: string;
  /** The new entry, or null when the entry was removed. */
  entry: DeviceState[StateTableName][number] | null;
}

/** A link as the trace refers to it; `name` is what a capture calls it, e.g. "l3 home:eth1 – isp:eth0". */
export interface TraceLink {
  id: string;
  name: string;
  a: LinkEndpoint;
  b: LinkEndpoint;
}

/** Extra recorded data; optional so that traces written before these fields existed stay valid. */
export interface TraceDetails {
  links?: TraceLink[];
  /** The unrecorded fetches made before the recorded one (scenario.before, then the warm-up), in order. */
  earlier?: EarlierFetch[];
  /** State of every device when recording began, keyed by device id. */
  initialState?: Record<string, DeviceState>;
  stateChanges?: StateChange[];
  /** Why the simulation stopped: "done" (all quiet), "budget-steps", "budget-time", "switching-loop". */
  stopReason?: string;
  /**
   * The session keys of every TLS connection in the trace, as an NSS key log (SSLKEYLOGFILE lines): what the pcapng's
   * Decryption Secrets Block carries and what the replay decrypts TLS records with (shared/replay/tls.ts).
   */
  tlsKeyLog?: string;
}
