// Ethernet II framing (no FCS: captures and the inspector show frames without it, like Wireshark does).
import { requireLength } from './error';
import { HeaderView, layoutEnd, span } from './view';

export interface EthernetRepr {
  dst: string;
  src: string;
  etherType: number;
}

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
/** Minimum frame length without the 4-byte FCS; a NIC pads shorter frames with zeros. */
export const ETHERNET_MIN_FRAME_LENGTH = 60;

/** Where the fields of an Ethernet II header sit. */
export const ETHERNET_FIELDS = {
  dst: span(0, 6),
  src: span(6, 6),
  etherType: span(12, 2),
} as const;
export const ETHERNET_HEADER_LENGTH = layoutEnd(ETHERNET_FIELDS);

const F = ETHERNET_FIELDS;

/** An Ethernet II header in place (a frame starts with it). */
export class EthernetView extends HeaderView {
  get dst(): string {
    return this.mac(F.dst);
  }
  set dst(address: string) {
    this.setMac(F.dst, address);
  }
  get src(): string {
    return this.mac(F.src);
  }
  set src(address: string) {
    this.setMac(F.src, address);
  }
  get etherType(): number {
    return this.u16(F.etherType);
  }
  set etherType(value: number) {
    this.setU16(F.etherType, value);
  }
}

export function ethernetView(frame: Uint8Array): EthernetView {
  return new EthernetView(frame, 0);
}

export function emitEthernet(repr: EthernetRepr, payload: Uint8Array): Uint8Array {
  const length = Math.max(ETHERNET_HEADER_LENGTH + payload.length, ETHERNET_MIN_FRAME_LENGTH);
  const out = new Uint8Array(length);
  const eth = ethernetView(out);
  eth.dst = repr.dst;
  eth.src = repr.src;
  eth.etherType = repr.etherType;
  out.set(payload, ETHERNET_HEADER_LENGTH);
  return out;
}

/** The payload includes any padding: the layer above knows its own length (IPv4 total length, ARP's fixed size). */
export function parseEthernet(bytes: Uint8Array): { repr: EthernetRepr; payload: Uint8Array } {
  requireLength(bytes, ETHERNET_HEADER_LENGTH, 'Ethernet header');
  const eth = ethernetView(bytes);
  return {
    repr: { dst: eth.dst, src: eth.src, etherType: eth.etherType },
    payload: bytes.subarray(ETHERNET_HEADER_LENGTH),
  };
}
