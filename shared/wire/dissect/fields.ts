// Small helpers shared by the per-protocol dissectors that build the inspector's Layer/Field trees.
import { toHex } from '../address';
import type { Field, Layer } from '../field';

export function field(
  key: string,
  label: string,
  value: string,
  offset: number,
  length: number,
  children?: Field[],
): Field {
  return children && children.length > 0
    ? { key, label, value, offset, length, children }
    : { key, label, value, offset, length };
}

export function hex(value: number, digits: number): string {
  return '0x' + value.toString(16).padStart(digits, '0');
}

/** "0x1a2b (6699)" — how Wireshark shows identifiers that people read both ways. */
export function hexAndDecimal(value: number, digits: number): string {
  return `${hex(value, digits)} (${value})`;
}

export function checksumValue(value: number, valid: boolean, what = 'correct'): string {
  return valid ? `${hex(value, 4)} [${what}]` : `${hex(value, 4)} [incorrect]`;
}

export function bytesValue(bytes: Uint8Array): string {
  const shown = toHex(bytes.subarray(0, 32));
  return bytes.length > 32 ? `${shown}… (${bytes.length} bytes)` : shown;
}

export function flagBit(key: string, label: string, set: boolean, offset: number, length: number): Field {
  return field(key, label, set ? 'Set' : 'Not set', offset, length);
}

/** Where the payload of a layer lies in the frame, and which dissector should look at it. */
export interface Next {
  offset: number;
  end: number;
}

export interface Dissected {
  layer: Layer;
  next?: Next;
}
