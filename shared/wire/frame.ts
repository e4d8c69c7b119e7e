// The inspector's dissector: a whole Ethernet frame → its layers, outermost first, every field with its exact
// byte range in the frame. Never throws: whatever cannot be parsed becomes a final "malformed" layer.
import { DHCP_CLIENT_PORT, DHCP_SERVER_PORT } from './dhcp';
import { dissectDhcp } from './dissect/dhcp';
import { dissectDns } from './dissect/dns';
import { bytesValue, field } from './dissect/fields';
import { dissectHttp } from './dissect/http';
import { dissectIcmp, dissectIpv4 } from './dissect/ip';
import { dissectArp, dissectEthernet } from './dissect/link';
import { TlsStreamTracker, dissectTls } from './dissect/tls';
import { TcpStreamTracker, dissectTcp, dissectUdp } from './dissect/transport';
import { DNS_PORT } from './dns';
import { ETHERNET_HEADER_LENGTH, ETHERTYPE_ARP, ETHERTYPE_IPV4 } from './ethernet';
import type { Layer } from './field';
import { IP_PROTO_ICMP, IP_PROTO_TCP, IP_PROTO_UDP } from './ipv4';
import type { LayerProtocol, Protocol } from './protocols';

export { TcpStreamTracker } from './dissect/transport';
export { TlsStreamTracker } from './dissect/tls';

export interface FrameContext {
  /** Share one tracker across the frames of a trace to get relative TCP sequence numbers, as Wireshark shows. */
  tcpStreams?: TcpStreamTracker;
  /** Share one across the frames of a trace so a TLS record cut across TCP segments is read as one. */
  tlsStreams?: TlsStreamTracker;
}

export const MALFORMED = 'malformed' satisfies LayerProtocol;

export function parseFrame(bytes: Uint8Array, context: FrameContext = {}): Layer[] {
  const layers: Layer[] = [];
  // where the dissector that is running started, and what it is: a failure is reported from there to the end
  let at = 0;
  let protocol: Protocol = 'ethernet';
  try {
    const ethernet = dissectEthernet(bytes);
    layers.push(ethernet);
    const etherType = (bytes[12] << 8) | bytes[13];
    at = ETHERNET_HEADER_LENGTH;
    let used = ETHERNET_HEADER_LENGTH;
    if (etherType === ETHERTYPE_ARP) {
      protocol = 'arp';
      layers.push(dissectArp(bytes, at));
      used = at + 28;
    } else if (etherType === ETHERTYPE_IPV4) {
      protocol = 'ipv4';
      const ip = dissectIpv4(bytes, at);
      layers.push(ip.layer);
      const { offset, end } = ip.next!;
      used = end;
      at = offset;
      const { src, dst, protocol: ipProtocol } = ip.ip.repr;
      if (ip.ip.fragmentOffset > 0 || ip.ip.moreFragments) {
        // a fragment's payload cannot be dissected alone
      } else if (ipProtocol === IP_PROTO_ICMP) {
        protocol = 'icmp';
        layers.push(dissectIcmp(bytes, offset, end));
      } else if (ipProtocol === IP_PROTO_UDP) {
        protocol = 'udp';
        const udp = dissectUdp(bytes, offset, end, src, dst);
        layers.push(udp.layer);
        const payload = udp.next!;
        at = payload.offset;
        const ports = [udp.srcPort, udp.dstPort];
        if (payload.end > payload.offset) {
          if (ports.includes(DHCP_SERVER_PORT) || ports.includes(DHCP_CLIENT_PORT)) {
            protocol = 'dhcp';
            layers.push(dissectDhcp(bytes, payload.offset, payload.end));
          } else if (ports.includes(DNS_PORT)) {
            protocol = 'dns';
            layers.push(dissectDns(bytes, payload.offset, payload.end));
          } else {
            udp.layer.fields.push(
              field(
                'udp.payload',
                'Data',
                bytesValue(bytes.subarray(payload.offset, payload.end)),
                payload.offset,
                payload.end - payload.offset,
              ),
            );
          }
        }
      } else if (ipProtocol === IP_PROTO_TCP) {
        protocol = 'tcp';
        const tcp = dissectTcp(bytes, offset, end, src, dst, context.tcpStreams);
        layers.push(tcp.layer);
        const payload = tcp.next!;
        at = payload.offset;
        if (payload.end > payload.offset) {
          // TLS by content (a record header, or the rest of a record the tracker saw begin), on any port
          protocol = 'tls';
          const { srcPort, dstPort, seq } = tcp.tcp.repr;
          const tls = dissectTls(
            bytes,
            payload.offset,
            payload.end,
            { srcIp: src, dstIp: dst, srcPort, dstPort, seq },
            context.tlsStreams,
          );
          protocol = 'http';
          const http = tls ? undefined : dissectHttp(bytes, payload.offset, payload.end);
          if (tls) layers.push(tls);
          else if (http) layers.push(http);
          else
            tcp.layer.fields.push(
              field(
                'tcp.payload',
                'TCP payload',
                bytesValue(bytes.subarray(payload.offset, payload.end)),
                payload.offset,
                payload.end - payload.offset,
              ),
            );
        }
      }
    } else {
      used = bytes.length;
      if (used > at)
        ethernet.fields.push(field('ethernet.payload', 'Data', bytesValue(bytes.subarray(at)), at, used - at));
    }
    if (used < bytes.length) {
      const padding = bytes.subarray(used);
      ethernet.fields.push(
        field(
          'ethernet.padding',
          padding.every((b) => b === 0) ? 'Padding' : 'Trailer',
          bytesValue(padding),
          used,
          padding.length,
        ),
      );
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    layers.push({
      protocol: MALFORMED,
      summary: `Malformed ${protocol.toUpperCase()}: ${reason}`,
      offset: at,
      length: Math.max(0, bytes.length - at),
      fields: [field('malformed.reason', 'Problem', reason, at, Math.max(0, bytes.length - at))],
    });
  }
  return layers;
}

/** The innermost protocol that parsed (as in Wireshark's Protocol column), or "malformed" if not even Ethernet did. */
export function topProtocol(layers: Layer[]): LayerProtocol {
  const parsed = layers.filter((l) => l.protocol !== MALFORMED);
  return parsed.length > 0 ? parsed[parsed.length - 1].protocol : MALFORMED;
}

/** A Wireshark-Info-like line: the summary of the innermost layer that parsed, with the problem if the rest did not. */
export function summarizeFrame(layers: Layer[]): string {
  const parsed = layers.filter((l) => l.protocol !== MALFORMED);
  const malformed = layers.find((l) => l.protocol === MALFORMED);
  const top = parsed.length > 0 ? parsed[parsed.length - 1].summary : '';
  if (!malformed) return top;
  return top ? `${top} [${malformed.summary}]` : malformed.summary;
}
