// Ethernet and ARP dissectors.
import { ARP_FIELDS, ARP_LENGTH, arpView, parseArp } from '../arp';
import { ETHERNET_FIELDS, ETHERNET_HEADER_LENGTH, ETHERTYPE_ARP, ETHERTYPE_IPV4, parseEthernet } from '../ethernet';
import { within } from '../view';
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
      field(
        'ethernet.dst',
        'Destination',
        repr.dst + (repr.dst === 'ff:ff:ff:ff:ff:ff' ? ' (broadcast)' : ''),
        ...within(0, ETHERNET_FIELDS.dst),
      ),
      field('ethernet.src', 'Source', repr.src, ...within(0, ETHERNET_FIELDS.src)),
      field(
        'ethernet.type',
        'Type',
        `${typeName} (${hex(repr.etherType, 4)})`,
        ...within(0, ETHERNET_FIELDS.etherType),
      ),
    ],
  };
}

export function dissectArp(frame: Uint8Array, offset: number): Layer {
  const repr = parseArp(frame.subarray(offset));
  const summary =
    repr.op === 1 ? `Who has ${repr.targetIp}? Tell ${repr.senderIp}` : `${repr.senderIp} is at ${repr.senderMac}`;
  const F = ARP_FIELDS;
  const at = (f: (typeof F)[keyof typeof F]) => within(offset, f);
  const view = arpView(frame, offset);
  return {
    protocol: 'arp',
    summary,
    offset,
    length: ARP_LENGTH,
    fields: [
      field('arp.hardware_type', 'Hardware type', 'Ethernet (1)', ...at(F.hardwareType)),
      field('arp.protocol_type', 'Protocol type', 'IPv4 (0x0800)', ...at(F.protocolType)),
      field('arp.hardware_size', 'Hardware size', '6', ...at(F.hardwareSize)),
      field('arp.protocol_size', 'Protocol size', '4', ...at(F.protocolSize)),
      field('arp.opcode', 'Opcode', repr.op === 1 ? 'request (1)' : 'reply (2)', ...at(F.opcode)),
      field('arp.sender_mac', 'Sender MAC address', view.senderMac, ...at(F.senderMac)),
      field('arp.sender_ip', 'Sender IP address', view.senderIp, ...at(F.senderIp)),
      field('arp.target_mac', 'Target MAC address', view.targetMac, ...at(F.targetMac)),
      field('arp.target_ip', 'Target IP address', view.targetIp, ...at(F.targetIp)),
    ],
  };
}
