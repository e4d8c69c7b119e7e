// The body of a page that keeps only its size in the file (`size` on a web page): images and other large or binary
// sub-resources would bloat the JSON, so the server makes their bytes itself — a real, decodable image of the content
// type, padded to the exact size with a comment, and the same bytes every time (they depend only on the page).
import type { WebPage } from '../../model/schema';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A 1×1 GIF89a (white on black palette), the smallest image every browser decodes; its last byte is the trailer. */
const GIF_1X1 = [
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: ArrayLike<number>): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0) & 0x7f);

function pngChunk(type: string, data: number[]): number[] {
  const typed = [...ascii(type), ...data];
  return [...u32(data.length), ...typed, ...u32(crc32(typed))];
}

/** Printable filler that tells where it came from: "<path> " repeated, cut to `n` bytes. */
function filler(path: string, n: number): number[] {
  const unit = ascii(`${path} `);
  return Array.from({ length: Math.max(0, n) }, (_, i) => unit[i % unit.length]);
}

/** A 1×1 RGB PNG (one grey pixel, stored deflate) whose tEXt "Comment" chunk pads it to `size` bytes. */
function png(path: string, size: number): number[] {
  const ihdr = pngChunk('IHDR', [...u32(1), ...u32(1), 8, 2, 0, 0, 0]);
  const raw = [0, 0x80, 0x80, 0x80]; // filter type 0, then R G B
  let a = 1;
  let b = 0;
  for (const x of raw) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  const zlib = [0x78, 0x01, 0x01, raw.length, 0, ~raw.length & 0xff, 0xff, ...raw, ...u32(((b << 16) | a) >>> 0)];
  const idat = pngChunk('IDAT', zlib);
  const iend = pngChunk('IEND', []);
  const bare = PNG_SIGNATURE.length + ihdr.length + idat.length + iend.length;
  const keyword = [...ascii('Comment'), 0];
  const room = size - bare - 12 - keyword.length;
  if (room < 0) return [...PNG_SIGNATURE, ...ihdr, ...idat, ...iend].slice(0, size);
  return [...PNG_SIGNATURE, ...ihdr, ...idat, ...pngChunk('tEXt', [...keyword, ...filler(path, room)]), ...iend];
}

/** The 1×1 GIF with a comment extension (0x21 0xFE, sub-blocks of 1–255 bytes) padding it to `size` bytes. */
function gif(path: string, size: number): number[] {
  // 34 bytes of image, 2 of extension header, the sub-blocks, their terminator and the trailer.
  const room = size - GIF_1X1.length - 3;
  if (room < 2) return GIF_1X1.slice(0, size);
  // n blocks take n length bytes; ceil(room / 256) blocks always hold the rest (1 to 255 bytes each).
  const count = Math.ceil(room / 256);
  const text = filler(path, room - count);
  const blocks: number[] = [];
  for (let i = 0, at = 0; i < count; i++) {
    const length = Math.ceil((text.length - at) / (count - i));
    blocks.push(length, ...text.slice(at, at + length));
    at += length;
  }
  return [...GIF_1X1.slice(0, -1), 0x21, 0xfe, ...blocks, 0x00, 0x3b];
}

/** The body the server sends for `page`: its `body` text, or the generated `size` bytes. */
export function pageBody(page: Pick<WebPage, 'path' | 'contentType' | 'body' | 'size'>): Uint8Array {
  if (page.size === undefined) return new TextEncoder().encode(page.body);
  const type = page.contentType.split(';')[0].trim().toLowerCase();
  const size = page.size;
  let bytes: number[];
  if (type === 'image/png') bytes = png(page.path, size);
  else if (type === 'image/gif') bytes = gif(page.path, size);
  else if (type === 'text/css' || type === 'text/javascript' || type === 'application/javascript') {
    // A comment that CSS and JavaScript both read: the resource is valid and does nothing.
    bytes = size >= 5 ? [...ascii('/*'), ...filler(page.path, size - 5), ...ascii('*/\n')] : filler(page.path, size);
  } else bytes = filler(page.path, size);
  while (bytes.length < size) bytes.push(0x20);
  return Uint8Array.from(bytes.slice(0, size));
}
