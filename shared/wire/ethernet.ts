// Ethernet II framing (no FCS: captures and the inspector show frames without it, like Wireshark does).
import { macFromBytes, macToBytes } from './address';
import { requireLength } from './error';

export interface EthernetRepr {
  dst: string;
  src: string;
  etherType: number;
}

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERNET_HEADER_LENGTH = 14;
/** Minimum frame length without the 4-byte FCS; a NIC pads shorter frames with zeros. */
export const ETHERNET_MIN_FRAME_LENGTH = 60;

export function emitEthernet(repr: EthernetRepr, payload: Uint8Array): Uint8Array {
  const length = Math.max(ETHERNET_HEADER_LENGTH + payload.length, ETHERNET_MIN_FRAME_LENGTH);
  const out = new Uint8Array(length);
  out.set(macToBytes(repr.dst), 0);
  out.set(macToBytes(repr.src), 6);
  out[12] = (repr.etherType >>> 8) & 0xff;
  out[13] = repr.etherType & 0xff;
  out.set(payload, ETHERNET_HEADER_LENGTH);
  return out;
}

/** The payload includes any padding: the layer above knows its own length (IPv4 total length, ARP's fixed size). */
export function parseEthernet(bytes: Uint8Array): { repr: EthernetRepr; payload: Uint8Array } {
  requireLength(bytes, ETHERNET_HEADER_LENGTH, 'Ethernet header');
  return {
    repr: {
      dst: macFromBytes(bytes, 0),
      src: macFromBytes(bytes, 6),
      etherType: (bytes[12] << 8) | bytes[13],
    },
    payload: bytes.subarray(ETHERNET_HEADER_LENGTH),
  };
}
