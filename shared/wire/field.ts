// A parsed field as the inspector shows it: what it is, its value in words, and exactly which bytes of the frame
// carry it (so selecting a field can highlight its bytes and vice versa).
import type { LayerProtocol } from './protocols';

export interface Field {
  /** Stable key, e.g. "ipv4.ttl" — used to compare the same field across hops. */
  key: string;
  /** Human label, e.g. "Time to live". */
  label: string;
  /** Display value, e.g. "64" or "192.168.0.10". */
  value: string;
  /** Byte offset from the start of the frame (Ethernet header). */
  offset: number;
  /** Length in bytes (0 for a purely derived field). */
  length: number;
  children?: Field[];
}

/** One protocol layer of a parsed frame, outermost first. */
export interface Layer {
  /** Which protocol's header this is (shared/wire/protocols.ts), or "malformed" for what did not parse. */
  protocol: LayerProtocol;
  /** One-line summary, e.g. "192.168.0.10 → 198.51.100.53, TTL 64". */
  summary: string;
  offset: number;
  length: number;
  fields: Field[];
}
