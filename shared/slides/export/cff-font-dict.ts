// Pretendard for fontkit. Pretendard is a CID-keyed CFF font whose Font DICTs (FDArray) carry a FontMatrix of
// 1/2048 — valid CFF (Adobe's makeotf writes it), but @pdf-lib/fontkit 1.1 only knows FontName and Private there
// and refuses the whole table ("Unknown operator 3079"). Its subsetter would also drop that matrix, and a viewer
// would then scale every glyph by the default 1/1000: 2.048 times too large.
//
// So the copy handed to fontkit has each Font DICT's FontMatrix moved to the end of its dict with its operator
// turned into two zero operands (same length, so no offset in the font moves; a DICT's trailing operands are
// ignored), and the matrix is given back to be set on the Top DICT, where fontkit keeps it and writes it into the
// subset. The font files themselves are not changed (resvg and the app use them as they are).

export interface FontkitCff {
  bytes: Uint8Array;
  /** The Font DICTs' FontMatrix (all the same in Pretendard), for the Top DICT; absent when there was none. */
  fontMatrix?: number[];
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];
}

function offsetAt(b: Uint8Array, o: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + b[o + i];
  return v;
}

/** The entries of a CFF INDEX at `pos`: [start, end) of each, and where the INDEX ends. */
function readIndex(b: Uint8Array, pos: number): { items: [number, number][]; end: number } {
  const count = u16(b, pos);
  if (count === 0) return { items: [], end: pos + 2 };
  const offSize = b[pos + 2];
  const base = pos + 3 + (count + 1) * offSize - 1;
  const items: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    items.push([
      base + offsetAt(b, pos + 3 + i * offSize, offSize),
      base + offsetAt(b, pos + 3 + (i + 1) * offSize, offSize),
    ]);
  }
  return { items, end: base + offsetAt(b, pos + 3 + count * offSize, offSize) };
}

interface DictEntry {
  start: number;
  /** Where the operator starts (the operands are start..operatorAt). */
  operatorAt: number;
  end: number;
  operator: number;
  operands: number[];
}

function realNumber(b: Uint8Array, pos: number): { value: number; end: number } {
  let text = '';
  for (;;) {
    const byte = b[pos++];
    for (const nibble of [byte >> 4, byte & 15]) {
      if (nibble === 15) return { value: Number(text) || 0, end: pos };
      text +=
        nibble <= 9
          ? String(nibble)
          : nibble === 10
            ? '.'
            : nibble === 11
              ? 'e'
              : nibble === 12
                ? 'e-'
                : nibble === 14
                  ? '-'
                  : '';
    }
  }
}

function readDict(b: Uint8Array, start: number, end: number): DictEntry[] {
  const entries: DictEntry[] = [];
  let entryStart = start;
  let operands: number[] = [];
  for (let p = start; p < end;) {
    const x = b[p];
    if (x <= 21) {
      const operatorAt = p;
      const operator = x === 12 ? (12 << 8) | b[p + 1] : x;
      p += x === 12 ? 2 : 1;
      entries.push({ start: entryStart, operatorAt, end: p, operator, operands });
      entryStart = p;
      operands = [];
    } else if (x === 28) {
      operands.push((u16(b, p + 1) << 16) >> 16);
      p += 3;
    } else if (x === 29) {
      operands.push(u32(b, p + 1) | 0);
      p += 5;
    } else if (x === 30) {
      const real = realNumber(b, p + 1);
      operands.push(real.value);
      p = real.end;
    } else if (x >= 32 && x <= 246) {
      operands.push(x - 139);
      p += 1;
    } else if (x >= 247 && x <= 250) {
      operands.push((x - 247) * 256 + b[p + 1] + 108);
      p += 2;
    } else if (x >= 251 && x <= 254) {
      operands.push(-(x - 251) * 256 - b[p + 1] - 108);
      p += 2;
    } else return entries; // reserved byte: leave the dict as it is
  }
  return entries;
}

const FONT_MATRIX = (12 << 8) | 7;
const FD_ARRAY = (12 << 8) | 36;
const ZERO_OPERAND = 139;

/** A copy of an OpenType-CFF font that @pdf-lib/fontkit can read, and the Font DICTs' matrix (see above). */
export function fontkitCompatibleCff(font: Uint8Array): FontkitCff {
  const tables = u16(font, 4);
  let cff = -1;
  for (let i = 0; i < tables; i++) {
    const record = 12 + 16 * i;
    if (String.fromCharCode(...font.subarray(record, record + 4)) === 'CFF ') cff = u32(font, record + 8);
  }
  if (cff < 0) return { bytes: font };
  const b = new Uint8Array(font); // a copy (a Node Buffer's slice() would be a view of the caller's bytes)
  const c = b.subarray(cff);
  const names = readIndex(c, c[2]);
  const tops = readIndex(c, names.end);
  if (tops.items.length !== 1) return { bytes: font };
  const fdArray = readDict(c, ...tops.items[0]).find((e) => e.operator === FD_ARRAY)?.operands[0];
  if (fdArray === undefined) return { bytes: font };
  let fontMatrix: number[] | undefined;
  for (const [start, end] of readIndex(c, fdArray).items) {
    const entries = readDict(c, start, end);
    const matrix = entries.find((e) => e.operator === FONT_MATRIX);
    // Only a dict read to its last byte is rewritten (the rest plus the matrix must fill it exactly).
    if (!matrix || matrix.operands.length !== 6 || entries[entries.length - 1].end !== end) continue;
    fontMatrix ??= matrix.operands;
    const rest = entries.filter((e) => e !== matrix).flatMap((e) => [...c.subarray(e.start, e.end)]);
    const dangling = [
      ...c.subarray(matrix.start, matrix.operatorAt),
      ...new Array<number>(matrix.end - matrix.operatorAt).fill(ZERO_OPERAND),
    ];
    c.set([...rest, ...dangling], start);
  }
  return { bytes: b, fontMatrix };
}
