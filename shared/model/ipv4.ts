// IPv4 arithmetic on unsigned 32-bit numbers. Every function returns `undefined` for bad text instead of throwing,
// because user input reaches here straight from the inspector and from files.

export interface ParsedCidr {
  /** The address as written (may be a host address inside the network). */
  address: number;
  prefix: number;
  network: number;
  broadcast: number;
  mask: number;
}

/** Strict dotted quad: four decimal octets 0–255, no leading zeros, no spaces. Hand-rolled: it runs per interface. */
export function parseIpv4(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return undefined; // a leading zero ("01") is ambiguous (octal?): refuse it
      octet = octet * 10 + (c - 48);
      if (octet > 255) return undefined;
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return (value * 256 + octet) >>> 0;
}

export function formatIpv4(value: number): string {
  const v = value >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
}

export function isIpv4(text: string): boolean {
  return parseIpv4(text) !== undefined;
}

export function maskFromPrefix(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The prefix length of a contiguous netmask (e.g. from a DHCP option), or undefined if the mask has holes. */
export function prefixFromMask(mask: number): number | undefined {
  const m = mask >>> 0;
  for (let prefix = 0; prefix <= 32; prefix++) if (maskFromPrefix(prefix) === m) return prefix;
  return undefined;
}

export function makeCidr(address: number, prefix: number): ParsedCidr {
  const mask = maskFromPrefix(prefix);
  const network = (address & mask) >>> 0;
  const broadcast = (network | ~mask) >>> 0;
  return { address: address >>> 0, prefix, network, broadcast, mask };
}

/** "192.168.0.1/24" → its parts; undefined if malformed. */
export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^(3[0-2]|[12]?\d)$/.test(prefixText)) return undefined;
  return makeCidr(address, Number(prefixText));
}

export function formatCidr(address: number, prefix: number): string {
  return `${formatIpv4(address)}/${prefix}`;
}

type CidrLike = ParsedCidr | string;
type IpLike = number | string;

function toCidr(value: CidrLike): ParsedCidr | undefined {
  return typeof value === 'string' ? parseCidr(value) : value;
}

function toIp(value: IpLike): number | undefined {
  return typeof value === 'string' ? parseIpv4(value) : value >>> 0;
}

/** Is `ip` inside the network of `cidr`? (False for malformed input.) */
export function contains(cidr: CidrLike, ip: IpLike): boolean {
  const c = toCidr(cidr);
  const a = toIp(ip);
  if (c === undefined || a === undefined) return false;
  return (a & c.mask) >>> 0 === c.network;
}

/**
 * The usable host addresses of a network: network+1 … broadcast-1; for /31 both addresses (RFC 3021 point-to-point)
 * and for /32 the single address.
 */
export function hostRange(cidr: CidrLike): { first: number; last: number; count: number } | undefined {
  const c = toCidr(cidr);
  if (c === undefined) return undefined;
  if (c.prefix >= 31) return { first: c.network, last: c.broadcast, count: c.broadcast - c.network + 1 };
  return { first: c.network + 1, last: c.broadcast - 1, count: c.broadcast - c.network - 1 };
}

/** Is the address the network or the broadcast address of its own prefix (unusable for a host, except /31, /32)? */
export function isNetworkOrBroadcast(cidr: CidrLike): 'network' | 'broadcast' | undefined {
  const c = toCidr(cidr);
  if (c === undefined || c.prefix >= 31) return undefined;
  if (c.address === c.network) return 'network';
  if (c.address === c.broadcast) return 'broadcast';
  return undefined;
}
