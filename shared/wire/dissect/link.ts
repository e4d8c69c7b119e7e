// Ethernet and ARP dissectors.
import { macFromBytes, ipv4FromBytes } from '../address';
import { parseArp } from '../arp';
import { ETHERNET_HEADER_LENGTH, ETHERTYPE_ARP, ETHERTYPE_IPV4, parseEthernet } from '../ethernet';
import type { Layer } from '../field';
import { field, hex } from './fields';

export const ETHERTYPE_NAMES: Record<number, string> = {
  [ETHERTYPE_IPV4]: 'IPv4',
  [ETHERTYPE_ARP]: 'ARP',
  0x86dd: 'IPv6',
  0x8100: '802.1Q',
};

export function dissectEthernet(frame: Uint8Array): Layer {
  const { repr } = parseEthernet(frame);
  const typeName = ETHERTYPE_NAMES[repr.etherType] ?? 'unknown';
  return {
    protocol: 'ethernet',
    summary: `${repr.src} → ${repr.dst}, ${typeName}`,
    offset: 0,
    length: ETHERNET_HEADER_LENGTH,
    fields: [
      field('ethernet.dst', 'Destination', repr.dst + (repr.dst === 'ff:ff:ff:ff:ff:ff' ? ' (broadcast)' : ''), 0, 6),
      field('ethernet.src', 'Source', repr.src, 6, 6),
      field('ethernet.type', 'Type', `${typeName} (${hex(repr.etherType, 4)})`, 12, 2),
    ],
  };
}

export function dissectArp(frame: Uint8Array, offset: number): Layer {
  const repr = parseArp(frame.subarray(offset));
  const summary =
    repr.op === 1 ? `Who has ${repr.targetIp}? Tell ${repr.senderIp}` : `${repr.senderIp} is at ${repr.senderMac}`;
  const o = offset;
  return {
    protocol: 'arp',
    summary,
    offset,
    length: 28,
    fields: [
      field('arp.hardware_type', 'Hardware type', 'Ethernet (1)', o, 2),
      field('arp.protocol_type', 'Protocol type', 'IPv4 (0x0800)', o + 2, 2),
      field('arp.hardware_size', 'Hardware size', '6', o + 4, 1),
      field('arp.protocol_size', 'Protocol size', '4', o + 5, 1),
      field('arp.opcode', 'Opcode', repr.op === 1 ? 'request (1)' : 'reply (2)', o + 6, 2),
      field('arp.sender_mac', 'Sender MAC address', macFromBytes(frame, o + 8), o + 8, 6),
      field('arp.sender_ip', 'Sender IP address', ipv4FromBytes(frame, o + 14), o + 14, 4),
      field('arp.target_mac', 'Target MAC address', macFromBytes(frame, o + 18), o + 18, 6),
      field('arp.target_ip', 'Target IP address', ipv4FromBytes(frame, o + 24), o + 24, 4),
    ],
  };
}
