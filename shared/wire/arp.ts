// ARP for IPv4 over Ethernet (RFC 826).
import { WireError, requireLength } from './error';
import { HeaderView, layoutEnd, span } from './view';

export interface ArpRepr {
  /** 1 = request, 2 = reply */
  op: 1 | 2;
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}

export const ARP_OP_REQUEST = 1;
export const ARP_OP_REPLY = 2;
const HARDWARE_ETHERNET = 1;
const PROTOCOL_IPV4 = 0x0800;

/** Where the fields of an ARP packet for IPv4 over Ethernet sit (RFC 826). */
export const ARP_FIELDS = {
  hardwareType: span(0, 2),
  protocolType: span(2, 2),
  hardwareSize: span(4, 1),
  protocolSize: span(5, 1),
  opcode: span(6, 2),
  senderMac: span(8, 6),
  senderIp: span(14, 4),
  targetMac: span(18, 6),
  targetIp: span(24, 4),
} as const;
export const ARP_LENGTH = layoutEnd(ARP_FIELDS);

const F = ARP_FIELDS;

/** An ARP packet in place. */
export class ArpView extends HeaderView {
  get hardwareType(): number {
    return this.u16(F.hardwareType);
  }
  get protocolType(): number {
    return this.u16(F.protocolType);
  }
  get hardwareSize(): number {
    return this.u8(F.hardwareSize);
  }
  get protocolSize(): number {
    return this.u8(F.protocolSize);
  }
  /** Whether this is Ethernet hardware addresses for IPv4, the only kind there is here. */
  get isEthernetIpv4(): boolean {
    return (
      this.hardwareType === HARDWARE_ETHERNET &&
      this.protocolType === PROTOCOL_IPV4 &&
      this.hardwareSize === 6 &&
      this.protocolSize === 4
    );
  }
  /** Makes the header say Ethernet/IPv4. */
  setEthernetIpv4(): void {
    this.setU16(F.hardwareType, HARDWARE_ETHERNET);
    this.setU16(F.protocolType, PROTOCOL_IPV4);
    this.setU8(F.hardwareSize, 6);
    this.setU8(F.protocolSize, 4);
  }
  get opcode(): number {
    return this.u16(F.opcode);
  }
  set opcode(value: number) {
    this.setU16(F.opcode, value);
  }
  get senderMac(): string {
    return this.mac(F.senderMac);
  }
  set senderMac(address: string) {
    this.setMac(F.senderMac, address);
  }
  get senderIp(): string {
    return this.ipv4(F.senderIp);
  }
  set senderIp(address: string) {
    this.setIpv4(F.senderIp, address);
  }
  get targetMac(): string {
    return this.mac(F.targetMac);
  }
  set targetMac(address: string) {
    this.setMac(F.targetMac, address);
  }
  get targetIp(): string {
    return this.ipv4(F.targetIp);
  }
  set targetIp(address: string) {
    this.setIpv4(F.targetIp, address);
  }
}

export function arpView(bytes: Uint8Array, offset = 0): ArpView {
  return new ArpView(bytes, offset);
}

export function emitArp(repr: ArpRepr): Uint8Array {
  const out = new Uint8Array(ARP_LENGTH);
  const arp = arpView(out);
  arp.setEthernetIpv4();
  arp.opcode = repr.op;
  arp.senderMac = repr.senderMac;
  arp.senderIp = repr.senderIp;
  arp.targetMac = repr.targetMac;
  arp.targetIp = repr.targetIp;
  return out;
}

/** Parses an ARP packet; trailing bytes (Ethernet padding) are ignored. */
export function parseArp(bytes: Uint8Array): ArpRepr {
  requireLength(bytes, ARP_LENGTH, 'ARP packet');
  const arp = arpView(bytes);
  if (!arp.isEthernetIpv4) throw new WireError('ARP: only Ethernet/IPv4 is supported', F.hardwareType.at);
  const op = arp.opcode;
  if (op !== ARP_OP_REQUEST && op !== ARP_OP_REPLY) throw new WireError(`ARP: unknown operation ${op}`, F.opcode.at);
  return {
    op,
    senderMac: arp.senderMac,
    senderIp: arp.senderIp,
    targetMac: arp.targetMac,
    targetIp: arp.targetIp,
  };
}
