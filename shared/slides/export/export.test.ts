// The pure parts of the slide export that differ from the Node path: base64 without Buffer, and PNGs compressed by
// fflate that decode to the same pixels as the ones compressed by Node's zlib.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64 } from './formats';
import { encodeRgba } from './png';

describe('slide export, pure parts', () => {
  it('base64 agrees with Node on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
    const big = new Uint8Array(100_000).map((_, i) => (i * 7919) & 255);
    expect(base64(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('fflate-compressed PNG scanlines inflate to the RGB rows of the pixels', async () => {
    const width = 3;
    const height = 2;
    const rgba = new Uint8Array(width * height * 4).map((_, i) => (i * 37) & 255);
    const image = await encodeRgba(rgba, width, height);
    const rows = new Uint8Array(inflateSync(image.scanlines));
    expect(rows.length).toBe(height * (width * 3 + 1));
    expect(rows[0]).toBe(0);
    expect(Array.from(rows.subarray(1, 4))).toEqual([rgba[0], rgba[1], rgba[2]]);
    expect(rows[10]).toBe(0);
    expect(Array.from(rows.subarray(11, 14))).toEqual([rgba[12], rgba[13], rgba[14]]);
    const view = new DataView(image.png.buffer, image.png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([width, height]);
  });
});
