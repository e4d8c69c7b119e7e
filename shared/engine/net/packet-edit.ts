// Rewriting a packet in flight, the way a router does: TTL decrement and NAT. Everything is re-encoded by the wire
// module, so every checksum on the wire is computed, never patched by hand — except inside ICMP error quotes, where
// only a fragment of the original packet is present and Linux adjusts the checksums incrementally (RFC 1624).
import { emitIpv4, ipv4View, parseIpv4, IP_PROTO_TCP, IP_PROTO_UDP, IPV4_FIELDS } from '../../wire/ipv4';
import { emitTcp, parseTcp, TCP_FIELDS, tcpView } from '../../wire/tcp';
import { emitUdp, parseUdp, UDP_FIELDS, udpView } from '../../wire/udp';
import { ipv4ToBytes } from '../../wire/address';

export function withTtl(ipBytes: Uint8Array, ttl: number): Uint8Array {
  const out = ipBytes.slice();
  const ip = ipv4View(out);
  ip.ttl = ttl;
  ip.fillChecksum();
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
  const ip = ipv4View(out);
  const oldAddr = ip.slice(IPV4_FIELDS.src).slice();
  ip.src = src;
  ip.fillChecksum();
  const protocol = ip.protocol;
  // the quote holds the transport header's first 8 bytes: both ports, and the UDP checksum (TCP's lies beyond)
  const ports = udpView(out, ip.headerLength);
  if (!ports.has(UDP_FIELDS.length.at)) return out;
  const oldPort = ports.slice(UDP_FIELDS.srcPort).slice();
  ports.srcPort = srcPort;
  const transport =
    protocol === IP_PROTO_TCP
      ? { view: tcpView(out, ip.headerLength), end: TCP_FIELDS.checksum.at + TCP_FIELDS.checksum.length }
      : protocol === IP_PROTO_UDP
        ? { view: ports, end: UDP_FIELDS.checksum.at + UDP_FIELDS.checksum.length }
        : undefined;
  if (transport && transport.view.has(transport.end)) {
    const old = transport.view.checksum;
    if (!(protocol === IP_PROTO_UDP && old === 0)) {
      let next = adjustChecksum(
        old,
        concat(oldAddr, oldPort),
        concat(ipv4ToBytes(src), ports.slice(UDP_FIELDS.srcPort)),
      );
      if (protocol === IP_PROTO_UDP && next === 0) next = 0xffff;
      transport.view.checksum = next;
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
