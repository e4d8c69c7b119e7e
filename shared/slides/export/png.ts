// PNG encoding of rendered slides. The compressed scanlines are kept next to the PNG because the same bytes go into
// the PDF unchanged (a FlateDecode image with the PNG predictor), so a slide is compressed once whatever the format.
// The zlib compressor is injected: Node's native zlib on the thread pool, fflate (pure JS) in a browser.
import { zlibSync } from 'fflate';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8Array;
}

export interface EncodedImage {
  width: number;
  height: number;
  /** zlib stream of RGB scanlines, each preceded by PNG filter type 0 (what PNG's IDAT and PDF's predictor 15 read). */
  scanlines: Uint8Array;
  png: Uint8Array;
}

/** A zlib (RFC 1950) compressor. */
export type Deflate = (bytes: Uint8Array) => Promise<Uint8Array>;

export const fflateDeflate: Deflate = async (bytes) => zlibSync(bytes, { level: 6 });

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start = 0xffffffff): number {
  let c = start;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return c;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, (crc32(out.subarray(4, 8 + data.length)) ^ 0xffffffff) >>> 0);
  return out;
}

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngFromScanlines(width: number, height: number, scanlines: Uint8Array): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB (slides are opaque)
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('IDAT', scanlines), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** RGBA (premultiplied or not: slides are opaque) → filtered RGB scanlines. */
export function rgbScanlines(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 3 + 1;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    let o = y * stride + 1; // filter byte 0 (None) already there
    let i = y * width * 4;
    const end = i + width * 4;
    for (; i < end; i += 4) {
      out[o] = rgba[i];
      out[o + 1] = rgba[i + 1];
      out[o + 2] = rgba[i + 2];
      o += 3;
    }
  }
  return out;
}

export async function encodeRgba(
  rgba: Uint8Array,
  width: number,
  height: number,
  deflate: Deflate = fflateDeflate,
): Promise<EncodedImage> {
  const scanlines = await deflate(rgbScanlines(rgba, width, height));
  return { width, height, scanlines, png: pngFromScanlines(width, height, scanlines) };
}
