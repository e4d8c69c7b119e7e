// ARP for IPv4 over Ethernet (RFC 826).
import { ipv4FromBytes, ipv4ToBytes, macFromBytes, macToBytes } from './address';
import { WireError, requireLength } from './error';

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
export const ARP_LENGTH = 28;

export function emitArp(repr: ArpRepr): Uint8Array {
  const out = new Uint8Array(ARP_LENGTH);
  const view = new DataView(out.buffer);
  view.setUint16(0, 1); // hardware type: Ethernet
  view.setUint16(2, 0x0800); // protocol type: IPv4
  out[4] = 6;
  out[5] = 4;
  view.setUint16(6, repr.op);
  out.set(macToBytes(repr.senderMac), 8);
  out.set(ipv4ToBytes(repr.senderIp), 14);
  out.set(macToBytes(repr.targetMac), 18);
  out.set(ipv4ToBytes(repr.targetIp), 24);
  return out;
}

/** Parses an ARP packet; trailing bytes (Ethernet padding) are ignored. */
export function parseArp(bytes: Uint8Array): ArpRepr {
  requireLength(bytes, ARP_LENGTH, 'ARP packet');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 1 || view.getUint16(2) !== 0x0800 || bytes[4] !== 6 || bytes[5] !== 4) {
    throw new WireError('ARP: only Ethernet/IPv4 is supported', 0);
  }
  const op = view.getUint16(6);
  if (op !== 1 && op !== 2) throw new WireError(`ARP: unknown operation ${op}`, 6);
  return {
    op,
    senderMac: macFromBytes(bytes, 8),
    senderIp: ipv4FromBytes(bytes, 14),
    targetMac: macFromBytes(bytes, 18),
    targetIp: ipv4FromBytes(bytes, 24),
  };
}
