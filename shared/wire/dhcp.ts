// DHCP (RFC 2131/2132): the BOOTP fixed part, the magic cookie and the options a home network uses.
import { ipv4FromBytes, ipv4ToBytes } from './address';
import { WireError, requireLength } from './error';
import { HeaderView, span } from './view';

export const DHCP_SERVER_PORT = 67;
export const DHCP_CLIENT_PORT = 68;
export const DHCP_MAGIC_COOKIE = 0x63825363;

/** Where the fields of the BOOTP fixed part sit (RFC 2131 §2), then the magic cookie and the options. */
export const DHCP_FIELDS = {
  op: span(0, 1),
  hardwareType: span(1, 1),
  hardwareLength: span(2, 1),
  hops: span(3, 1),
  xid: span(4, 4),
  secs: span(8, 2),
  flags: span(10, 2),
  ciaddr: span(12, 4),
  yiaddr: span(16, 4),
  siaddr: span(20, 4),
  giaddr: span(24, 4),
  /** 16 bytes: an Ethernet address uses the first 6, the rest is padding. */
  chaddr: span(28, 16),
  chaddrMac: span(28, 6),
  chaddrPadding: span(34, 10),
  sname: span(44, 64),
  file: span(108, 128),
  cookie: span(236, 4),
  options: span(240, 0),
} as const;

/** An option after the cookie: code, length, value (RFC 2132 §2); PAD and END are the code alone. */
export const DHCP_OPTION_FIELDS = { code: span(0, 1), length: span(1, 1), value: span(2, 0) } as const;

const F = DHCP_FIELDS;
const BROADCAST_FLAG = 0x8000;
const HARDWARE_ETHERNET = 1;
/** Offset of the magic cookie; options start 4 bytes later. */
export const DHCP_COOKIE_OFFSET = F.cookie.at;
export const DHCP_OPTIONS_OFFSET = F.options.at;
/** Real clients and servers pad to the 300-byte BOOTP minimum (RFC 951's 64-byte vendor area). */
export const BOOTP_MIN_LENGTH = 300;

/** The BOOTP fixed part of a DHCP message in place. */
export class DhcpView extends HeaderView {
  get op(): number {
    return this.u8(F.op);
  }
  set op(value: number) {
    this.setU8(F.op, value);
  }
  get hops(): number {
    return this.u8(F.hops);
  }
  /** Whether the hardware address is an Ethernet MAC (type 1, length 6), the only kind there is here. */
  get isEthernet(): boolean {
    return this.u8(F.hardwareType) === HARDWARE_ETHERNET && this.u8(F.hardwareLength) === 6;
  }
  setEthernet(): void {
    this.setU8(F.hardwareType, HARDWARE_ETHERNET);
    this.setU8(F.hardwareLength, 6);
  }
  get xid(): number {
    return this.u32(F.xid);
  }
  set xid(value: number) {
    this.setU32(F.xid, value);
  }
  get secs(): number {
    return this.u16(F.secs);
  }
  set secs(value: number) {
    this.setU16(F.secs, value);
  }
  get flags(): number {
    return this.u16(F.flags);
  }
  get broadcast(): boolean {
    return (this.flags & BROADCAST_FLAG) !== 0;
  }
  set broadcast(on: boolean) {
    this.setU16(F.flags, on ? BROADCAST_FLAG : 0);
  }
  get ciaddr(): string {
    return this.ipv4(F.ciaddr);
  }
  set ciaddr(address: string) {
    this.setIpv4(F.ciaddr, address);
  }
  get yiaddr(): string {
    return this.ipv4(F.yiaddr);
  }
  set yiaddr(address: string) {
    this.setIpv4(F.yiaddr, address);
  }
  get siaddr(): string {
    return this.ipv4(F.siaddr);
  }
  set siaddr(address: string) {
    this.setIpv4(F.siaddr, address);
  }
  get giaddr(): string {
    return this.ipv4(F.giaddr);
  }
  set giaddr(address: string) {
    this.setIpv4(F.giaddr, address);
  }
  get chaddr(): string {
    return this.mac(F.chaddrMac);
  }
  set chaddr(address: string) {
    this.setMac(F.chaddrMac, address);
  }
  get cookie(): number {
    return this.u32(F.cookie);
  }
  set cookie(value: number) {
    this.setU32(F.cookie, value);
  }
}

export function dhcpView(bytes: Uint8Array, offset = 0): DhcpView {
  return new DhcpView(bytes, offset);
}

export const DHCPDISCOVER = 1;
export const DHCPOFFER = 2;
export const DHCPREQUEST = 3;
export const DHCPDECLINE = 4;
export const DHCPACK = 5;
export const DHCPNAK = 6;
export const DHCPRELEASE = 7;
export const DHCPINFORM = 8;
export type DhcpMessageType = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
/** Wireshark's names of the message types (bootp.option.dhcp). */
export const DHCP_MESSAGE_TYPE_NAMES: Record<number, string> = {
  [DHCPDISCOVER]: 'Discover',
  [DHCPOFFER]: 'Offer',
  [DHCPREQUEST]: 'Request',
  [DHCPDECLINE]: 'Decline',
  [DHCPACK]: 'ACK',
  [DHCPNAK]: 'NAK',
  [DHCPRELEASE]: 'Release',
  [DHCPINFORM]: 'Inform',
} satisfies Record<DhcpMessageType, string>;

export const DHCP_OPT = {
  PAD: 0,
  SUBNET_MASK: 1,
  ROUTER: 3,
  DNS_SERVERS: 6,
  HOSTNAME: 12,
  REQUESTED_IP: 50,
  LEASE_TIME: 51,
  MESSAGE_TYPE: 53,
  SERVER_ID: 54,
  PARAMETER_REQUEST_LIST: 55,
  MAX_MESSAGE_SIZE: 57,
  RENEWAL_TIME: 58,
  REBINDING_TIME: 59,
  CLIENT_ID: 61,
  END: 255,
} as const;

export interface DhcpOptions {
  requestedIp?: string;
  serverId?: string;
  leaseSeconds?: number;
  renewalSeconds?: number;
  rebindingSeconds?: number;
  subnetMask?: string;
  router?: string[];
  dnsServers?: string[];
  parameterRequestList?: number[];
  clientId?: Uint8Array;
  hostname?: string;
  maxMessageSize?: number;
}

export interface DhcpRepr {
  /** 1 = BOOTREQUEST (client), 2 = BOOTREPLY (server) */
  op: 1 | 2;
  xid: number;
  secs: number;
  broadcast: boolean;
  ciaddr: string;
  yiaddr: string;
  siaddr: string;
  giaddr: string;
  chaddr: string;
  messageType: DhcpMessageType;
  options: DhcpOptions;
}

const u32Bytes = (v: number) => Uint8Array.of((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
const u16Bytes = (v: number) => Uint8Array.of((v >>> 8) & 0xff, v & 0xff);
const ipList = (list: string[]) => Uint8Array.from(list.flatMap((ip) => Array.from(ipv4ToBytes(ip))));

/** Options in one stable order: message type first (as every implementation does), then client, then server ones. */
function optionList(repr: DhcpRepr): [number, Uint8Array][] {
  const o = repr.options;
  const list: [number, Uint8Array | undefined][] = [
    [DHCP_OPT.MESSAGE_TYPE, Uint8Array.of(repr.messageType)],
    [DHCP_OPT.CLIENT_ID, o.clientId],
    [DHCP_OPT.MAX_MESSAGE_SIZE, o.maxMessageSize === undefined ? undefined : u16Bytes(o.maxMessageSize)],
    [DHCP_OPT.REQUESTED_IP, o.requestedIp === undefined ? undefined : ipv4ToBytes(o.requestedIp)],
    [DHCP_OPT.SERVER_ID, o.serverId === undefined ? undefined : ipv4ToBytes(o.serverId)],
    [DHCP_OPT.LEASE_TIME, o.leaseSeconds === undefined ? undefined : u32Bytes(o.leaseSeconds)],
    [DHCP_OPT.RENEWAL_TIME, o.renewalSeconds === undefined ? undefined : u32Bytes(o.renewalSeconds)],
    [DHCP_OPT.REBINDING_TIME, o.rebindingSeconds === undefined ? undefined : u32Bytes(o.rebindingSeconds)],
    [DHCP_OPT.SUBNET_MASK, o.subnetMask === undefined ? undefined : ipv4ToBytes(o.subnetMask)],
    [DHCP_OPT.ROUTER, o.router === undefined ? undefined : ipList(o.router)],
    [DHCP_OPT.DNS_SERVERS, o.dnsServers === undefined ? undefined : ipList(o.dnsServers)],
    [DHCP_OPT.HOSTNAME, o.hostname === undefined ? undefined : new TextEncoder().encode(o.hostname)],
    [
      DHCP_OPT.PARAMETER_REQUEST_LIST,
      o.parameterRequestList === undefined ? undefined : Uint8Array.from(o.parameterRequestList),
    ],
  ];
  return list.filter((entry): entry is [number, Uint8Array] => entry[1] !== undefined);
}

export function emitDhcp(repr: DhcpRepr): Uint8Array {
  const options = optionList(repr);
  for (const [code, value] of options) {
    if (value.length > 255) throw new WireError(`DHCP: option ${code} longer than 255 bytes`);
  }
  const optionsLength = options.reduce((n, [, value]) => n + 2 + value.length, 0) + 1;
  const out = new Uint8Array(Math.max(BOOTP_MIN_LENGTH, DHCP_OPTIONS_OFFSET + optionsLength));
  const dhcp = dhcpView(out);
  dhcp.op = repr.op;
  dhcp.setEthernet(); // hops stay 0
  dhcp.xid = repr.xid >>> 0;
  dhcp.secs = repr.secs;
  dhcp.broadcast = repr.broadcast;
  dhcp.ciaddr = repr.ciaddr;
  dhcp.yiaddr = repr.yiaddr;
  dhcp.siaddr = repr.siaddr;
  dhcp.giaddr = repr.giaddr;
  dhcp.chaddr = repr.chaddr; // the rest of the 16-byte chaddr, sname and file stay zero
  dhcp.cookie = DHCP_MAGIC_COOKIE;
  let at = DHCP_OPTIONS_OFFSET;
  for (const [code, value] of options) {
    out[at] = code;
    out[at + 1] = value.length;
    out.set(value, at + 2);
    at += 2 + value.length;
  }
  out[at] = DHCP_OPT.END;
  return out;
}

/** One option as found in the message: code, offset of its code byte, and the value bytes. */
export interface DhcpOptionSpan {
  code: number;
  offset: number;
  /** Whole option including code (and length byte, except PAD/END). */
  length: number;
  value: Uint8Array;
}

export function scanDhcpOptions(bytes: Uint8Array): DhcpOptionSpan[] {
  const spans: DhcpOptionSpan[] = [];
  let at = DHCP_OPTIONS_OFFSET;
  while (at < bytes.length) {
    const code = bytes[at];
    if (code === DHCP_OPT.PAD) {
      at += 1;
      continue;
    }
    if (code === DHCP_OPT.END) {
      spans.push({ code, offset: at, length: 1, value: new Uint8Array(0) });
      return spans;
    }
    if (at + 1 >= bytes.length) throw new WireError(`DHCP: option ${code} has no length`, at);
    const length = bytes[at + 1];
    if (at + 2 + length > bytes.length) throw new WireError(`DHCP: option ${code} runs past the end`, at + 1);
    spans.push({ code, offset: at, length: 2 + length, value: bytes.subarray(at + 2, at + 2 + length) });
    at += 2 + length;
  }
  throw new WireError('DHCP: options have no END', bytes.length);
}

function decodeOption(options: DhcpOptions, span: DhcpOptionSpan): void {
  const v = span.value;
  const need = (ok: boolean) => {
    if (!ok) throw new WireError(`DHCP: option ${span.code} has bad length ${v.length}`, span.offset + 1);
  };
  const ip = () => (need(v.length === 4), ipv4FromBytes(v, 0));
  const ips = () => {
    need(v.length > 0 && v.length % 4 === 0);
    const list: string[] = [];
    for (let i = 0; i < v.length; i += 4) list.push(ipv4FromBytes(v, i));
    return list;
  };
  const u32 = () => (need(v.length === 4), ((v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3]) >>> 0);
  switch (span.code) {
    case DHCP_OPT.SUBNET_MASK:
      options.subnetMask = ip();
      break;
    case DHCP_OPT.ROUTER:
      options.router = ips();
      break;
    case DHCP_OPT.DNS_SERVERS:
      options.dnsServers = ips();
      break;
    case DHCP_OPT.HOSTNAME:
      options.hostname = new TextDecoder().decode(v);
      break;
    case DHCP_OPT.REQUESTED_IP:
      options.requestedIp = ip();
      break;
    case DHCP_OPT.LEASE_TIME:
      options.leaseSeconds = u32();
      break;
    case DHCP_OPT.SERVER_ID:
      options.serverId = ip();
      break;
    case DHCP_OPT.PARAMETER_REQUEST_LIST:
      options.parameterRequestList = Array.from(v);
      break;
    case DHCP_OPT.MAX_MESSAGE_SIZE:
      need(v.length === 2);
      options.maxMessageSize = (v[0] << 8) | v[1];
      break;
    case DHCP_OPT.RENEWAL_TIME:
      options.renewalSeconds = u32();
      break;
    case DHCP_OPT.REBINDING_TIME:
      options.rebindingSeconds = u32();
      break;
    case DHCP_OPT.CLIENT_ID:
      options.clientId = v.slice();
      break;
    default:
      break; // options we do not model are skipped (the dissector still shows them)
  }
}

export function parseDhcp(bytes: Uint8Array): DhcpRepr {
  requireLength(bytes, DHCP_OPTIONS_OFFSET, 'DHCP message');
  const dhcp = dhcpView(bytes);
  const op = dhcp.op;
  if (op !== 1 && op !== 2) throw new WireError(`DHCP: bad op ${op}`, F.op.at);
  if (!dhcp.isEthernet) throw new WireError('DHCP: only Ethernet hardware addresses are supported', F.hardwareType.at);
  if (dhcp.cookie !== DHCP_MAGIC_COOKIE) {
    throw new WireError('DHCP: magic cookie missing (plain BOOTP)', DHCP_COOKIE_OFFSET);
  }
  const options: DhcpOptions = {};
  let messageType: number | undefined;
  for (const span of scanDhcpOptions(bytes)) {
    if (span.code === DHCP_OPT.MESSAGE_TYPE) {
      if (span.value.length !== 1) throw new WireError('DHCP: message type must be 1 byte', span.offset + 1);
      messageType = span.value[0];
    } else {
      decodeOption(options, span);
    }
  }
  if (messageType === undefined || messageType < 1 || messageType > 8) {
    throw new WireError(`DHCP: missing or unknown message type ${messageType ?? ''}`.trim());
  }
  return {
    op,
    xid: dhcp.xid,
    secs: dhcp.secs,
    broadcast: dhcp.broadcast,
    ciaddr: dhcp.ciaddr,
    yiaddr: dhcp.yiaddr,
    siaddr: dhcp.siaddr,
    giaddr: dhcp.giaddr,
    chaddr: dhcp.chaddr,
    messageType: messageType as DhcpMessageType,
    options,
  };
}
