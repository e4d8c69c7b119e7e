// IPv4 and ICMP dissectors.
import type { Field, Layer } from '../field';
import {
  ICMP_DEST_UNREACHABLE,
  ICMP_ECHO_REPLY,
  ICMP_ECHO_REQUEST,
  ICMP_FIELDS,
  ICMP_TIME_EXCEEDED,
  parseIcmp,
} from '../icmp';
import {
  IP_PROTO_ICMP,
  IP_PROTO_TCP,
  IP_PROTO_UDP,
  IPV4_FIELDS,
  IPV4_HEADER_LENGTH,
  ipv4View,
  parseIpv4,
  type ParsedIpv4,
} from '../ipv4';
import { TCP_FIELDS, tcpView } from '../tcp';
import { UDP_FIELDS, udpView } from '../udp';
import { within } from '../view';
import { type Dissected, bytesValue, checksumValue, field, flagBit, hex, hexAndDecimal } from './fields';

export const IP_PROTOCOL_NAMES: Record<number, string> = {
  [IP_PROTO_ICMP]: 'ICMP',
  [IP_PROTO_TCP]: 'TCP',
  [IP_PROTO_UDP]: 'UDP',
};

export function ipProtocolName(protocol: number): string {
  return IP_PROTOCOL_NAMES[protocol] ?? `protocol ${protocol}`;
}

export function dissectIpv4(frame: Uint8Array, offset: number): Dissected & { ip: ParsedIpv4 } {
  const ip = parseIpv4(frame.subarray(offset));
  const view = ipv4View(frame, offset);
  const F = IPV4_FIELDS;
  const at = (f: (typeof F)[keyof typeof F]) => within(offset, f);
  const { repr } = ip;
  const fields: Field[] = [
    field('ipv4.version', 'Version', '4', ...at(F.versionAndHeaderLength)),
    field(
      'ipv4.header_length',
      'Header length',
      `${ip.headerLength} bytes (${ip.headerLength / 4})`,
      ...at(F.versionAndHeaderLength),
    ),
    field('ipv4.dscp', 'Differentiated services code point', String(view.dscp), ...at(F.dscpAndEcn)),
    field('ipv4.ecn', 'Explicit congestion notification', String(view.ecn), ...at(F.dscpAndEcn)),
    field('ipv4.total_length', 'Total length', String(ip.totalLength), ...at(F.totalLength)),
    field('ipv4.identification', 'Identification', hexAndDecimal(repr.identification, 4), ...at(F.identification)),
    field(
      'ipv4.flags',
      'Flags',
      hex(view.flagsAndFragmentOffset >> 13, 1) +
        (repr.dontFragment ? ", Don't fragment" : '') +
        (ip.moreFragments ? ', More fragments' : ''),
      view.where(F.flagsAndFragmentOffset),
      1,
      [
        flagBit('ipv4.flags.rb', 'Reserved bit', view.reservedFlag, view.where(F.flagsAndFragmentOffset), 1),
        flagBit('ipv4.flags.df', "Don't fragment", repr.dontFragment, view.where(F.flagsAndFragmentOffset), 1),
        flagBit('ipv4.flags.mf', 'More fragments', ip.moreFragments, view.where(F.flagsAndFragmentOffset), 1),
      ],
    ),
    field('ipv4.fragment_offset', 'Fragment offset', String(ip.fragmentOffset), ...at(F.flagsAndFragmentOffset)),
    field('ipv4.ttl', 'Time to live', String(repr.ttl), ...at(F.ttl)),
    field('ipv4.protocol', 'Protocol', `${ipProtocolName(repr.protocol)} (${repr.protocol})`, ...at(F.protocol)),
    field(
      'ipv4.checksum',
      'Header checksum',
      ip.checksumValid
        ? checksumValue(ip.checksum, true)
        : `${hex(ip.checksum, 4)} [incorrect, should be ${hex(view.expectedChecksum(), 4)}]`,
      ...at(F.checksum),
    ),
    field('ipv4.src', 'Source address', repr.src, ...at(F.src)),
    field('ipv4.dst', 'Destination address', repr.dst, ...at(F.dst)),
  ];
  if (ip.headerLength > IPV4_HEADER_LENGTH) {
    const options = view.where(F.options);
    const length = ip.headerLength - F.options.at;
    fields.push(
      field('ipv4.options', 'Options', bytesValue(frame.subarray(options, options + length)), options, length),
    );
  }
  return {
    ip,
    layer: {
      protocol: 'ipv4',
      summary: `${repr.src} → ${repr.dst}, TTL ${repr.ttl}`,
      offset,
      length: ip.headerLength,
      fields,
    },
    next: { offset: offset + ip.headerLength, end: offset + ip.totalLength },
  };
}

const ICMP_TYPES: Record<number, string> = {
  [ICMP_ECHO_REPLY]: 'Echo (ping) reply',
  [ICMP_DEST_UNREACHABLE]: 'Destination unreachable',
  [ICMP_ECHO_REQUEST]: 'Echo (ping) request',
  [ICMP_TIME_EXCEEDED]: 'Time-to-live exceeded',
};
const UNREACHABLE_CODES: Record<number, string> = {
  0: 'Network unreachable',
  1: 'Host unreachable',
  2: 'Protocol unreachable',
  3: 'Port unreachable',
  4: 'Fragmentation needed',
  9: 'Network administratively prohibited',
  10: 'Host administratively prohibited',
  13: 'Communication administratively filtered',
};
const TIME_EXCEEDED_CODES: Record<number, string> = {
  0: 'Time to live exceeded in transit',
  1: 'Fragment reassembly time exceeded',
};

export function icmpCodeName(type: number, code: number): string | undefined {
  if (type === ICMP_DEST_UNREACHABLE) return UNREACHABLE_CODES[code];
  if (type === ICMP_TIME_EXCEEDED) return TIME_EXCEEDED_CODES[code];
  return undefined;
}

/** The quoted datagram of an ICMP error: its IP header's key fields and, for UDP/TCP, the ports. */
function quotedFields(frame: Uint8Array, o: number, end: number): Field[] {
  const ip = ipv4View(frame.subarray(0, end), o);
  if (!ip.has(IPV4_HEADER_LENGTH) || ip.version !== 4) return [];
  const I = IPV4_FIELDS;
  const protocol = ip.protocol;
  const children = [
    field('icmp.quoted.ttl', 'Time to live', String(ip.ttl), ...within(o, I.ttl)),
    field('icmp.quoted.protocol', 'Protocol', `${ipProtocolName(protocol)} (${protocol})`, ...within(o, I.protocol)),
    field('icmp.quoted.src', 'Source address', ip.src, ...within(o, I.src)),
    field('icmp.quoted.dst', 'Destination address', ip.dst, ...within(o, I.dst)),
  ];
  // an ICMP error quotes the first 8 bytes of the transport header: the ports (and TCP's sequence number)
  const p = o + ip.headerLength;
  const ports = udpView(frame.subarray(0, end), p);
  if ((protocol === IP_PROTO_UDP || protocol === IP_PROTO_TCP) && ports.has(UDP_FIELDS.length.at)) {
    children.push(
      field('icmp.quoted.src_port', 'Source port', String(ports.srcPort), ...within(p, UDP_FIELDS.srcPort)),
      field('icmp.quoted.dst_port', 'Destination port', String(ports.dstPort), ...within(p, UDP_FIELDS.dstPort)),
    );
    const tcp = tcpView(frame.subarray(0, end), p);
    if (protocol === IP_PROTO_TCP && tcp.has(TCP_FIELDS.ack.at)) {
      // with the ports, what lets the sender match the error to its connection
      children.push(field('icmp.quoted.seq', 'Sequence number', String(tcp.seq), ...within(p, TCP_FIELDS.seq)));
    }
  }
  return children;
}

export function dissectIcmp(frame: Uint8Array, offset: number, end: number): Layer {
  const { repr, checksum, checksumValid } = parseIcmp(frame.subarray(offset, end));
  const F = ICMP_FIELDS;
  const at = (f: (typeof F)[keyof typeof F]) => within(offset, f);
  const typeName = ICMP_TYPES[repr.type] ?? `Type ${repr.type}`;
  const codeName = icmpCodeName(repr.type, repr.code);
  const data = offset + F.data.at;
  const fields: Field[] = [
    field('icmp.type', 'Type', `${repr.type} (${typeName})`, ...at(F.type)),
    field('icmp.code', 'Code', codeName ? `${repr.code} (${codeName})` : String(repr.code), ...at(F.code)),
    field('icmp.checksum', 'Checksum', checksumValue(checksum, checksumValid), ...at(F.checksum)),
  ];
  let summary: string;
  if (repr.identifier !== undefined) {
    fields.push(
      field('icmp.identifier', 'Identifier', hexAndDecimal(repr.identifier, 4), ...at(F.identifier)),
      field('icmp.sequence', 'Sequence number', String(repr.sequence), ...at(F.sequence)),
    );
    if (repr.data.length > 0) fields.push(field('icmp.data', 'Data', bytesValue(repr.data), data, repr.data.length));
    summary = `${typeName} id=${hex(repr.identifier, 4)}, seq=${repr.sequence}`;
  } else {
    const [rest, restLength] = at(F.rest);
    fields.push(
      field('icmp.rest', 'Rest of header', bytesValue(frame.subarray(rest, rest + restLength)), rest, restLength),
    );
    if (repr.data.length > 0) {
      fields.push(
        field(
          'icmp.quoted',
          'Quoted datagram',
          `${repr.data.length} bytes`,
          data,
          repr.data.length,
          quotedFields(frame, data, end),
        ),
      );
    }
    summary = codeName ? `${typeName} (${codeName})` : typeName;
  }
  return { protocol: 'icmp', summary, offset, length: end - offset, fields };
}
