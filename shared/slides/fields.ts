// The compact header box of a slide: per layer, the few fields a teacher points at (MACs, IPs, TTL, ports, flags,
// the DNS question, the HTTP line), read from the frame's bytes at the offsets its parsed layers give, and marked
// when they differ from the same packet on the previous link (MACs rewritten, TTL − 1, NAT).
import type { DecisionStep, DropStep, FrameStep, StateTableName, Trace, TraceStep } from '../engine/trace';
import type { Topology } from '../model/schema';
import { entryKey, stateAt } from '../engine/state';
import type { Field, Layer } from '../wire/field';
import { arpInfo, dhcpType, dnsInfo, findLayer, ipv4Info, tcpFlagNames, tcpInfo, udpInfo } from '../replay/frameInfo';
import type { ProtocolColourKey } from './theme';
import { PROTOCOLS, rowColour, type Protocol } from '../wire/protocols';
import { MALFORMED } from '../wire/frame';
import { dhcpView, DHCP_FIELDS } from '../wire/dhcp';
import { DNS_HEADER_FIELDS, DNS_QUESTION_FIELDS, dnsTypeName } from '../wire/dns';
import { ETHERNET_HEADER_LENGTH, ethernetView } from '../wire/ethernet';
import { dropReasonText, type SlideLang } from './text';
import { summaryText } from '../engine/prose';

export interface FieldPart {
  text: string;
  /** Differs from the same packet's previous hop. */
  changed?: boolean;
  muted?: boolean;
}

export interface FieldRow {
  /** Short layer tag drawn in the protocol's colour: ETH, IPv4, TCP, DNS… */
  tag: string;
  colour: ProtocolColourKey;
  lines: FieldPart[][];
  /** A sentence to wrap (decisions), rather than short values to shorten. */
  wrap?: boolean;
}

const BROADCAST = 'ff:ff:ff:ff:ff:ff';
/** Names for the question types a slide may show, beyond the ones the DNS module models. */
const DNS_TYPES: Record<number, string> = { 12: 'PTR', 15: 'MX', 16: 'TXT', 33: 'SRV', 255: 'ANY' };
const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

interface Snapshot {
  ethSrc?: string;
  ethDst?: string;
  ipSrc?: string;
  ipDst?: string;
  ttl?: number;
  srcPort?: number;
  dstPort?: number;
}

function snapshot(frame: FrameStep): Snapshot {
  const view = ethernetView(frame.bytes);
  const eth = view.has(ETHERNET_HEADER_LENGTH) ? { ethDst: view.dst, ethSrc: view.src } : {};
  const ip = ipv4Info(frame);
  const ports = tcpInfo(frame) ?? udpInfo(frame);
  return { ...eth, ipSrc: ip?.src, ipDst: ip?.dst, ttl: ip?.ttl, srcPort: ports?.srcPort, dstPort: ports?.dstPort };
}

/** The same packet on the link before this one, if it was forwarded. */
function previousHop(trace: Trace, frame: FrameStep): FrameStep | undefined {
  for (let i = frame.index - 1; i >= 0; i--) {
    const s = trace.steps[i];
    if (s.type === 'frame' && s.packetId === frame.packetId) return s;
  }
  return undefined;
}

function part(text: string, changed = false): FieldPart {
  return changed ? { text, changed } : { text };
}
const arrow: FieldPart = { text: ' → ', muted: true };
const dot: FieldPart = { text: '  ·  ', muted: true };

/** Wireshark-style relative sequence numbers, when the dissector worked them out ("1 (relative), raw …"). */
function relativeNumber(frame: FrameStep, key: string): number | undefined {
  const value = findLayer(frame, 'tcp')?.fields.find((f) => f.key === key)?.value;
  const m = value ? /^(\d+) \(relative\)/.exec(value) : null;
  return m ? Number(m[1]) : undefined;
}

function dnsQuestionType(frame: FrameStep, layer: Layer): string {
  const b = frame.bytes;
  let o = layer.offset + DNS_HEADER_FIELDS.questions.at;
  while (o < b.length && b[o] !== 0 && (b[o] & 0xc0) === 0) o += 1 + b[o];
  o += 1; // the root label ends the name
  const type = DNS_QUESTION_FIELDS.type;
  if (o + type.at + type.length > b.length) return '';
  const value = (b[o + type.at] << 8) | b[o + type.at + 1];
  return DNS_TYPES[value] ?? dnsTypeName(value);
}

function httpLines(frame: FrameStep, layer: Layer): string[] {
  const text = new TextDecoder().decode(
    frame.bytes.subarray(layer.offset, Math.min(frame.bytes.length, layer.offset + 512)),
  );
  const lines = text.split('\r\n');
  const out = [lines[0]];
  const host = lines.find((l) => /^host:/i.test(l));
  if (host) out.push(host);
  else {
    const interesting = lines.find((l) => /^(content-type|age|location):/i.test(l));
    if (interesting) out.push(interesting);
  }
  return out.filter(Boolean);
}

interface RowContext {
  trace: Trace;
  frame: FrameStep;
  layer: Layer;
  lang: SlideLang;
  now: Snapshot;
  /** Whether a value differs from the same packet's previous hop. */
  diff: (k: keyof Snapshot) => boolean;
}

/**
 * The lines of each protocol's row in the header box. Every protocol of the registry (shared/wire/protocols.ts) has
 * an entry, so a new protocol is a type error here until its slides say something (or `undefined`: no row).
 */
const HEADER_LINES = {
  ethernet: ({ now, diff }) => {
    if (!now.ethSrc || !now.ethDst) return undefined;
    const dst = now.ethDst === BROADCAST ? `${now.ethDst} (broadcast)` : now.ethDst;
    return [[part(now.ethSrc, diff('ethSrc')), arrow, part(dst, diff('ethDst'))]];
  },
  arp: ({ frame, lang }) => {
    const arp = arpInfo(frame);
    if (!arp) return undefined;
    const words =
      lang === 'ko'
        ? arp.isRequest
          ? `요청: ${arp.targetIp}의 MAC 주소는? (${arp.senderIp}에게)`
          : `응답: ${arp.senderIp} = ${arp.senderMac}`
        : arp.isRequest
          ? `Request: who has ${arp.targetIp}? Tell ${arp.senderIp}`
          : `Reply: ${arp.senderIp} is at ${arp.senderMac}`;
    return [[part(words)]];
  },
  ipv4: ({ frame, diff }) => {
    const ip = ipv4Info(frame);
    return (
      ip && [[part(ip.src, diff('ipSrc')), arrow, part(ip.dst, diff('ipDst')), dot, part(`TTL ${ip.ttl}`, diff('ttl'))]]
    );
  },
  udp: ({ frame, diff }) => {
    const udp = udpInfo(frame);
    return udp && [[part(`port ${udp.srcPort}`, diff('srcPort')), arrow, part(`${udp.dstPort}`, diff('dstPort'))]];
  },
  dhcp: ({ frame, layer: dhcp, lang }) => {
    const type = dhcpType(frame) ?? '';
    const view = dhcpView(frame.bytes, dhcp.offset);
    const yiaddr = view.has(DHCP_FIELDS.yiaddr.at + DHCP_FIELDS.yiaddr.length) ? view.yiaddr : '';
    const line = [part(`DHCP ${type}`)];
    if (yiaddr && yiaddr !== '0.0.0.0')
      line.push(dot, part(lang === 'ko' ? `제안 주소 ${yiaddr}` : `your address ${yiaddr}`));
    return [line];
  },
  dns: ({ frame, layer, lang }) => {
    const dns = dnsInfo(frame);
    if (!dns) return undefined;
    const q = `${dnsQuestionType(frame, layer)} ${dns.questionName}`.trim();
    const lines: FieldPart[][] = [];
    if (!dns.isResponse)
      lines.push([part(`${lang === 'ko' ? '질의' : 'Query'} ${q}`), dot, part(dns.recursionDesired ? 'RD' : 'no RD')]);
    else {
      lines.push([
        part(`${lang === 'ko' ? '응답' : 'Response'} ${q}`),
        dot,
        part(`${RCODES[dns.rcode] ?? `RCODE ${dns.rcode}`}${dns.authoritative ? ', AA' : ''}`),
      ]);
      lines.push([
        part(
          lang === 'ko'
            ? `답 ${dns.answerCount}개 · 권한 ${dns.authorityCount}개`
            : `answers ${dns.answerCount}  authority ${dns.authorityCount}`,
        ),
      ]);
    }
    return lines;
  },
  tcp: ({ frame, diff }) => {
    const tcp = tcpInfo(frame);
    if (!tcp) return undefined;
    const flags = tcpFlagNames(tcp.flags) || '—';
    return [
      [
        part(`port ${tcp.srcPort}`, diff('srcPort')),
        arrow,
        part(`${tcp.dstPort}`, diff('dstPort')),
        dot,
        part(`[${flags}]`),
      ],
      [
        part(
          `seq ${relativeNumber(frame, 'tcp.seq') ?? tcp.seq}  ack ${relativeNumber(frame, 'tcp.ack') ?? tcp.ack}  len ${tcp.payloadLength}`,
        ),
      ],
    ];
  },
  http: ({ frame, layer }) => httpLines(frame, layer).map((l) => [part(l)]),
  tls: ({ layer, lang }) => tlsLines(layer, lang),
  icmp: ({ layer }) => [[part(layer.summary)]],
} satisfies Record<Protocol, (c: RowContext) => FieldPart[][] | undefined>;

/** A frame's header box: a row per layer, outermost first, tagged and coloured as its registry entry says. */
export function frameFieldRows(trace: Trace, frame: FrameStep, lang: SlideLang): FieldRow[] {
  const now = snapshot(frame);
  const before = previousHop(trace, frame);
  const was = before ? snapshot(before) : undefined;
  const diff = <K extends keyof Snapshot>(k: K) => !!was && was[k] !== undefined && was[k] !== now[k];
  const rows: FieldRow[] = [];
  for (const layer of frame.layers) {
    if (layer.protocol === MALFORMED) continue;
    const lines = HEADER_LINES[layer.protocol]({ trace, frame, layer, lang, now, diff });
    if (lines) rows.push({ tag: PROTOCOLS[layer.protocol].slideTag, colour: rowColour(layer.protocol), lines });
  }
  return rows;
}

/** The records as Wireshark's Info names them (a run of the same record once, counted: four encrypted records are
 *  "Application Data ×4", which fits the box), then what a teacher points at, a line each: the SNI and ALPN offer,
 *  the version and cipher the server chose, how much is encrypted. */
function tlsLines(tls: Layer, lang: SlideLang): FieldPart[][] {
  const all = (fields: Field[]): Field[] => fields.flatMap((f) => [f, ...all(f.children ?? [])]);
  const fields = all(tls.fields);
  const values = (key: string) => fields.filter((f) => f.key === key).map((f) => f.value);
  const ko = lang === 'ko';
  const lines: FieldPart[][] = [[part(countRuns(tls.summary))]];
  const line = (texts: (string | undefined)[]) => {
    const shown = texts.filter((t): t is string => !!t);
    if (shown.length > 0) lines.push(shown.flatMap((t, i) => (i > 0 ? [dot, part(t)] : [part(t)])));
  };
  const sni = values('tls.handshake.extensions_server_name')[0];
  const alpn = values('tls.handshake.extensions_alpn_str');
  line([sni && `SNI ${sni}`, alpn.length > 0 ? `ALPN ${alpn.join(', ')}` : undefined]);
  if (values('tls.handshake.type').some((v) => v.startsWith('Server Hello')))
    line([
      values('tls.handshake.extensions.supported_version')[0]?.replace(/ \(0x[0-9a-f]+\)$/, ''),
      values('tls.handshake.ciphersuite')[0]?.replace(/ \(0x[0-9a-f]+\)$/, ''),
    ]);
  const sealed = fields.filter((f) => f.key === 'tls.app_data');
  if (sealed.length > 0) {
    const bytes = sealed.reduce((n, f) => n + f.length, 0);
    line([
      ko
        ? `암호화됨: 레코드 ${sealed.length}개, ${bytes}바이트`
        : `encrypted: ${sealed.length} record${sealed.length === 1 ? '' : 's'}, ${bytes} bytes`,
    ]);
  }
  return lines;
}

/** "A, B, B, B" → "A, B ×3" (a flight of TLS records as a slide has room for it). */
export function countRuns(summary: string): string {
  const runs: [string, number][] = [];
  for (const name of summary.split(', ')) {
    const last = runs.at(-1);
    if (last && last[0] === name) last[1]++;
    else runs.push([name, 1]);
  }
  return runs.map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(', ');
}

/** The device table a decision reads or changes, as it stands after the step; entries changed by it are marked. */
function decisionTable(
  trace: Trace,
  topology: Topology,
  step: DecisionStep | DropStep,
  lang: SlideLang,
): FieldRow | undefined {
  const kind = step.type === 'decision' ? step.kind : step.reason;
  const state = stateAt(trace, step.index)[step.deviceId];
  const changedKeys = new Set(
    (trace.stateChanges ?? [])
      .filter((c) => c.step === step.index && c.deviceId === step.deviceId)
      .map((c) => `${c.table}|${c.key}`),
  );
  const device = topology.devices.find((d) => d.id === step.deviceId);
  const ref = step.configRef?.deviceId === step.deviceId ? step.configRef.path : undefined;
  const mark = (table: StateTableName, entry: object) => changedKeys.has(`${table}|${entryKey(table, entry as never)}`);
  const ko = lang === 'ko';
  let tag = '';
  let lines: FieldPart[][] = [];
  if (kind === 'route' || kind === 'no-route') {
    tag = ko ? '경로' : 'ROUTES';
    lines = (state?.routes ?? []).map((r) => {
      const chosen = !!r.configRef && !!ref && r.configRef.path.join('/') === ref.join('/');
      const hit =
        chosen || step.summary.includes(`route ${r.destination} `) || step.summary.includes(`route ${r.destination}`);
      return [
        part(
          `${r.destination}  ${r.nextHop ? `via ${r.nextHop}` : ko ? '직접 연결' : 'connected'}  (${r.interface})`,
          hit,
        ),
      ];
    });
  } else if (kind === 'arp' || kind === 'no-arp-reply') {
    tag = 'ARP';
    lines = (state?.arp ?? []).map((e) => [part(`${e.ip}  →  ${e.mac}  (${e.interface})`, mark('arp', e))]);
  } else if (kind === 'nat') {
    tag = 'NAT';
    lines = (state?.nat ?? []).map((e) => [
      part(
        `${e.protocol} ${e.insideIp}:${e.insidePort} ⇄ ${e.outsideIp}:${e.outsidePort}  (${e.remoteIp}:${e.remotePort})`,
        mark('nat', e),
      ),
    ]);
  } else if (kind === 'switch') {
    tag = 'MAC';
    lines = (state?.macTable ?? []).map((e) => [part(`${e.mac}  →  ${e.port}`, mark('macTable', e))]);
  } else if (kind === 'dns-cache' || kind === 'dns-referral' || kind === 'dns-answer' || kind === 'dns-result') {
    tag = ko ? '캐시' : 'CACHE';
    lines = (state?.dnsCache ?? []).map((e) => [
      part(`${e.name}  ${e.type}  ${e.value}  (TTL ${e.ttl})`, mark('dnsCache', e)),
    ]);
  } else if (kind === 'http-cache') {
    tag = ko ? '캐시' : 'CACHE';
    lines = (state?.httpCache ?? []).map((e) => [
      part(`${e.key}  ${e.status}  ${e.bodyBytes} B  (max-age ${e.maxAgeSeconds})`, mark('httpCache', e)),
    ]);
  } else if (kind === 'dhcp') {
    tag = ko ? '임대' : 'LEASES';
    lines = (state?.dhcpLeases ?? []).map((e) => [part(`${e.ip}  →  ${e.mac}  ${e.state}`, mark('dhcpLeases', e))]);
    if (lines.length === 0)
      lines = (state?.addresses ?? []).map((e) => [part(`${e.interface}  ${e.address}  (${e.source})`)]);
  } else if (kind === 'tcp') {
    tag = 'TCP';
    lines = (state?.connections ?? []).map((e) => [
      part(`${e.local}  →  ${e.remote}  ${e.state}`, mark('connections', e)),
    ]);
  } else if (kind === 'firewall' && device?.kind === 'firewall') {
    tag = ko ? '규칙' : 'RULES';
    lines = device.rules.map((r, i) => {
      const hit = !!ref && ref[0] === 'rules' && ref[1] === i;
      const port = r.port ? `:${r.port}` : '';
      return [part(`${r.id}  ${r.action} ${r.direction} ${r.protocol} ${r.source} → ${r.destination}${port}`, hit)];
    });
    lines.push([part(`${ko ? '기본' : 'default'}: ${device.defaultAction}`, !ref)]);
  } else if (kind === 'hosts-file' && device && 'hosts' in device) {
    tag = 'HOSTS';
    lines = device.hosts.map((h) => [part(`${h.address}  ${h.name}`)]);
    if (lines.length === 0) lines = [[{ text: ko ? '(비어 있음)' : '(empty)', muted: true }]];
  }
  if (!tag || lines.length === 0) return undefined;
  return { tag, colour: 'other', lines };
}

const DECISION_TAGS: Partial<Record<DecisionStep['kind'], string>> = {
  'dns-cache': 'DNS',
  'dns-referral': 'DNS',
  'dns-answer': 'DNS',
  'dns-result': 'DNS',
  'hosts-file': 'HOSTS',
  'http-cache': 'CACHE',
  firewall: 'FW',
  browser: 'WEB',
};

/** A few letters for the tag box of a decision. */
export function decisionTag(kind: DecisionStep['kind']): string {
  return DECISION_TAGS[kind] ?? kind.toUpperCase();
}

/** A decision named for the header and the marker at the device: "DNS ANSWER", "ROUTE". */
export function decisionLabel(kind: DecisionStep['kind']): string {
  return kind.replace(/-/g, ' ').toUpperCase();
}

export function stepFieldRows(trace: Trace, step: TraceStep, lang: SlideLang, topology?: Topology): FieldRow[] {
  if (step.type === 'frame') return frameFieldRows(trace, step, lang);
  const rows: FieldRow[] =
    step.type === 'drop'
      ? [
          {
            tag: lang === 'ko' ? '폐기' : 'DROP',
            colour: 'icmp',
            lines: [[part(`${dropReasonText(lang, step.reason)}: ${summaryText(step, lang)}`)]],
            wrap: true,
          },
        ]
      : [{ tag: decisionTag(step.kind), colour: 'other', lines: [[part(summaryText(step, lang))]], wrap: true }];
  const table = topology ? decisionTable(trace, topology, step, lang) : undefined;
  if (table) rows.push(table);
  return rows;
}
