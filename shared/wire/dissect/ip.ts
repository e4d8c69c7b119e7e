// IPv4 and ICMP dissectors.
import { ipv4FromBytes } from '../address';
import { internetChecksum } from '../checksum';
import type { Field, Layer } from '../field';
import { ICMP_DEST_UNREACHABLE, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED, parseIcmp } from '../icmp';
import { IP_PROTO_ICMP, IP_PROTO_TCP, IP_PROTO_UDP, parseIpv4, type ParsedIpv4 } from '../ipv4';
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
  const o = offset;
  const { repr } = ip;
  const flagsWord = (frame[o + 6] << 8) | frame[o + 7];
  const expected = (() => {
    const copy = frame.slice(o, o + ip.headerLength);
    copy[10] = 0;
    copy[11] = 0;
    return internetChecksum(copy);
  })();
  const fields: Field[] = [
    field('ipv4.version', 'Version', '4', o, 1),
    field('ipv4.header_length', 'Header length', `${ip.headerLength} bytes (${ip.headerLength / 4})`, o, 1),
    field('ipv4.dscp', 'Differentiated services code point', String(frame[o + 1] >> 2), o + 1, 1),
    field('ipv4.ecn', 'Explicit congestion notification', String(frame[o + 1] & 3), o + 1, 1),
    field('ipv4.total_length', 'Total length', String(ip.totalLength), o + 2, 2),
    field('ipv4.identification', 'Identification', hexAndDecimal(repr.identification, 4), o + 4, 2),
    field(
      'ipv4.flags',
      'Flags',
      hex(flagsWord >> 13, 1) +
        (repr.dontFragment ? ", Don't fragment" : '') +
        (ip.moreFragments ? ', More fragments' : ''),
      o + 6,
      1,
      [
        flagBit('ipv4.flags.rb', 'Reserved bit', (flagsWord & 0x8000) !== 0, o + 6, 1),
        flagBit('ipv4.flags.df', "Don't fragment", repr.dontFragment, o + 6, 1),
        flagBit('ipv4.flags.mf', 'More fragments', ip.moreFragments, o + 6, 1),
      ],
    ),
    field('ipv4.fragment_offset', 'Fragment offset', String(ip.fragmentOffset), o + 6, 2),
    field('ipv4.ttl', 'Time to live', String(repr.ttl), o + 8, 1),
    field('ipv4.protocol', 'Protocol', `${ipProtocolName(repr.protocol)} (${repr.protocol})`, o + 9, 1),
    field(
      'ipv4.checksum',
      'Header checksum',
      ip.checksumValid
        ? checksumValue(ip.checksum, true)
        : `${hex(ip.checksum, 4)} [incorrect, should be ${hex(expected, 4)}]`,
      o + 10,
      2,
    ),
    field('ipv4.src', 'Source address', repr.src, o + 12, 4),
    field('ipv4.dst', 'Destination address', repr.dst, o + 16, 4),
  ];
  if (ip.headerLength > 20)
    fields.push(
      field(
        'ipv4.options',
        'Options',
        bytesValue(frame.subarray(o + 20, o + ip.headerLength)),
        o + 20,
        ip.headerLength - 20,
      ),
    );
  return {
    ip,
    layer: {
      protocol: 'ipv4',
      summary: `${repr.src} → ${repr.dst}, TTL ${repr.ttl}`,
      offset,
      length: ip.headerLength,
      fields,
    },
    next: { offset: o + ip.headerLength, end: o + ip.totalLength },
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
  if (end - o < 20 || frame[o] >> 4 !== 4) return [];
  const ihl = (frame[o] & 0x0f) * 4;
  const protocol = frame[o + 9];
  const children = [
    field('icmp.quoted.ttl', 'Time to live', String(frame[o + 8]), o + 8, 1),
    field('icmp.quoted.protocol', 'Protocol', `${ipProtocolName(protocol)} (${protocol})`, o + 9, 1),
    field('icmp.quoted.src', 'Source address', ipv4FromBytes(frame, o + 12), o + 12, 4),
    field('icmp.quoted.dst', 'Destination address', ipv4FromBytes(frame, o + 16), o + 16, 4),
  ];
  if ((protocol === IP_PROTO_UDP || protocol === IP_PROTO_TCP) && end - o >= ihl + 4) {
    const p = o + ihl;
    children.push(
      field('icmp.quoted.src_port', 'Source port', String((frame[p] << 8) | frame[p + 1]), p, 2),
      field('icmp.quoted.dst_port', 'Destination port', String((frame[p + 2] << 8) | frame[p + 3]), p + 2, 2),
    );
    if (protocol === IP_PROTO_TCP && end - o >= ihl + 8) {
      // with the ports, what lets the sender match the error to its connection
      const seq = ((frame[p + 4] << 24) | (frame[p + 5] << 16) | (frame[p + 6] << 8) | frame[p + 7]) >>> 0;
      children.push(field('icmp.quoted.seq', 'Sequence number', String(seq), p + 4, 4));
    }
  }
  return children;
}

export function dissectIcmp(frame: Uint8Array, offset: number, end: number): Layer {
  const { repr, checksum, checksumValid } = parseIcmp(frame.subarray(offset, end));
  const o = offset;
  const typeName = ICMP_TYPES[repr.type] ?? `Type ${repr.type}`;
  const codeName = icmpCodeName(repr.type, repr.code);
  const fields: Field[] = [
    field('icmp.type', 'Type', `${repr.type} (${typeName})`, o, 1),
    field('icmp.code', 'Code', codeName ? `${repr.code} (${codeName})` : String(repr.code), o + 1, 1),
    field('icmp.checksum', 'Checksum', checksumValue(checksum, checksumValid), o + 2, 2),
  ];
  let summary: string;
  if (repr.identifier !== undefined) {
    fields.push(
      field('icmp.identifier', 'Identifier', hexAndDecimal(repr.identifier, 4), o + 4, 2),
      field('icmp.sequence', 'Sequence number', String(repr.sequence), o + 6, 2),
    );
    if (repr.data.length > 0) fields.push(field('icmp.data', 'Data', bytesValue(repr.data), o + 8, repr.data.length));
    summary = `${typeName} id=${hex(repr.identifier, 4)}, seq=${repr.sequence}`;
  } else {
    fields.push(field('icmp.rest', 'Rest of header', bytesValue(frame.subarray(o + 4, o + 8)), o + 4, 4));
    if (repr.data.length > 0) {
      fields.push(
        field(
          'icmp.quoted',
          'Quoted datagram',
          `${repr.data.length} bytes`,
          o + 8,
          repr.data.length,
          quotedFields(frame, o + 8, end),
        ),
      );
    }
    summary = codeName ? `${typeName} (${codeName})` : typeName;
  }
  return { protocol: 'icmp', summary, offset, length: end - offset, fields };
}
