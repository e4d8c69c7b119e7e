// Rewriting a packet in flight, the way a router does: TTL decrement and NAT. Everything is re-encoded by the wire
// module, so every checksum on the wire is computed, never patched by hand — except inside ICMP error quotes, where
// only a fragment of the original packet is present and Linux adjusts the checksums incrementally (RFC 1624).
import { internetChecksum } from '../../wire/checksum';
import { emitIpv4, parseIpv4, IP_PROTO_TCP, IP_PROTO_UDP } from '../../wire/ipv4';
import { emitTcp, parseTcp } from '../../wire/tcp';
import { emitUdp, parseUdp } from '../../wire/udp';
import { ipv4ToBytes } from '../../wire/address';

export function withTtl(ipBytes: Uint8Array, ttl: number): Uint8Array {
  const out = ipBytes.slice();
  out[8] = ttl;
  out[10] = 0;
  out[11] = 0;
  const ihl = (out[0] & 0x0f) * 4;
  const sum = internetChecksum(out.subarray(0, ihl));
  out[10] = sum >> 8;
  out[11] = sum & 0xff;
  return out;
}

export interface Rewrite {
  src?: string;
  dst?: string;
  srcPort?: number;
  dstPort?: number;
}

/** Re-encodes a TCP/UDP/other packet with new addresses/ports; transport checksums are recomputed. */
export function rewritePacket(ipBytes: Uint8Array, rw: Rewrite): Uint8Array {
  const ip = parseIpv4(ipBytes);
  const repr = { ...ip.repr, src: rw.src ?? ip.repr.src, dst: rw.dst ?? ip.repr.dst };
  let payload = ip.payload;
  if (ip.repr.protocol === IP_PROTO_TCP) {
    const t = parseTcp(ip.payload, ip.repr.src, ip.repr.dst);
    payload = emitTcp(
      { ...t.repr, srcPort: rw.srcPort ?? t.repr.srcPort, dstPort: rw.dstPort ?? t.repr.dstPort },
      t.payload,
      repr.src,
      repr.dst,
    );
  } else if (ip.repr.protocol === IP_PROTO_UDP) {
    const u = parseUdp(ip.payload, ip.repr.src, ip.repr.dst);
    payload = emitUdp(
      { srcPort: rw.srcPort ?? u.repr.srcPort, dstPort: rw.dstPort ?? u.repr.dstPort },
      u.payload,
      repr.src,
      repr.dst,
    );
  }
  return emitIpv4(repr, payload);
}

/** RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), over 16-bit words. */
function adjustChecksum(checksum: number, oldBytes: Uint8Array, newBytes: Uint8Array): number {
  let sum = ~checksum & 0xffff;
  for (let i = 0; i < oldBytes.length; i += 2) {
    sum += ~((oldBytes[i] << 8) | oldBytes[i + 1]) & 0xffff;
    sum += (newBytes[i] << 8) | newBytes[i + 1];
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * Rewrites the source address and port of the packet quoted in an ICMP error (the inside host's view of its own
 * packet), fixing the quoted IP header checksum and, if present in the quote, the transport checksum.
 */
export function rewriteQuotedSource(quoted: Uint8Array, src: string, srcPort: number): Uint8Array {
  const out = quoted.slice();
  const ihl = (out[0] & 0x0f) * 4;
  const oldAddr = out.slice(12, 16);
  const newAddr = ipv4ToBytes(src);
  out.set(newAddr, 12);
  out[10] = 0;
  out[11] = 0;
  const sum = internetChecksum(out.subarray(0, ihl));
  out[10] = sum >> 8;
  out[11] = sum & 0xff;
  const proto = out[9];
  if (out.length < ihl + 4) return out;
  const oldPort = out.slice(ihl, ihl + 2);
  const newPort = Uint8Array.of(srcPort >> 8, srcPort & 0xff);
  out.set(newPort, ihl);
  const csumAt = proto === IP_PROTO_TCP ? ihl + 16 : proto === IP_PROTO_UDP ? ihl + 6 : -1;
  if (csumAt > 0 && out.length >= csumAt + 2) {
    const old = (out[csumAt] << 8) | out[csumAt + 1];
    if (!(proto === IP_PROTO_UDP && old === 0)) {
      let next = adjustChecksum(old, concat(oldAddr, oldPort), concat(newAddr, newPort));
      if (proto === IP_PROTO_UDP && next === 0) next = 0xffff;
      out[csumAt] = next >> 8;
      out[csumAt + 1] = next & 0xff;
    }
  }
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
