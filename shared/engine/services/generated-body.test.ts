import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pageBody } from './generated-body';

const page = (contentType: string, size: number | undefined, path = '/img/logo.png', body = '') => ({
  path,
  contentType,
  body,
  size,
});

/** The chunks of a PNG, each checked against its CRC-32 (computed here independently, bit by bit). */
function pngChunks(bytes: Uint8Array) {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: { type: string; data: Uint8Array }[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = view.getUint32(at);
    const typed = bytes.subarray(at + 4, at + 8 + length);
    let c = 0xffffffff;
    for (const b of typed) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    expect(view.getUint32(at + 8 + length)).toBe((c ^ 0xffffffff) >>> 0);
    chunks.push({ type: String.fromCharCode(...typed.subarray(0, 4)), data: typed.subarray(4) });
    at += 12 + length;
  }
  return chunks;
}

describe('pageBody', () => {
  it('is the body text when no size is given', () => {
    expect(new TextDecoder().decode(pageBody(page('text/html', undefined, '/', '<h1>hé</h1>')))).toBe('<h1>hé</h1>');
  });

  it.each([92, 93, 1000, 4321, 70000])('makes a valid 1×1 PNG of exactly %i bytes', (size) => {
    const bytes = pageBody(page('image/png', size));
    expect(bytes.length).toBe(size);
    const chunks = pngChunks(bytes);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'tEXt', 'IEND']);
    expect([...chunks[0].data]).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    expect([...inflateSync(chunks[1].data)]).toEqual([0, 0x80, 0x80, 0x80]);
    const comment = new TextDecoder().decode(chunks[2].data);
    expect(comment).toBe(('Comment\0' + '/img/logo.png '.repeat(5000)).slice(0, comment.length));
  });

  it.each([40, 41, 293, 294, 295, 550, 551, 3000])('makes a valid GIF89a of exactly %i bytes', (size) => {
    const bytes = pageBody(page('image/gif', size, '/a.gif'));
    expect(bytes.length).toBe(size);
    expect(String.fromCharCode(...bytes.subarray(0, 6))).toBe('GIF89a');
    // Walk the blocks: the comment extension's sub-blocks must end exactly where the trailer begins.
    let at = 13 + 6; // header, screen descriptor, 2-colour table
    expect(bytes[at]).toBe(0x2c);
    at += 10 + 1; // image descriptor, LZW minimum code size
    for (let n = bytes[at++]; n; n = bytes[at++]) at += n;
    expect([bytes[at], bytes[at + 1]]).toEqual([0x21, 0xfe]);
    at += 2;
    for (let n = bytes[at++]; n; n = bytes[at++]) at += n;
    expect(at).toBe(size - 1);
    expect(bytes[size - 1]).toBe(0x3b);
  });

  it('makes CSS and JavaScript that are one comment, and any other type filler text', () => {
    const css = new TextDecoder().decode(pageBody(page('text/css; charset=utf-8', 40, '/s.css')));
    expect(css).toMatch(/^\/\*\/s\.css \/s\.css .*\*\/\n$/);
    expect(css.length).toBe(40);
    expect(new TextDecoder().decode(pageBody(page('application/javascript', 12, '/a.js')))).toBe('/*/a.js /*/\n');
    expect(new TextDecoder().decode(pageBody(page('font/woff2', 9, '/f')))).toBe('/f /f /f ');
  });

  it('gives the same bytes every time and different bytes for another path', () => {
    const a = pageBody(page('image/png', 500));
    expect(pageBody(page('image/png', 500))).toEqual(a);
    expect(pageBody(page('image/png', 500, '/other.png'))).not.toEqual(a);
  });

  it('keeps the exact size when it is smaller than the smallest padded image: the image, then spaces decoders ignore', () => {
    expect(pageBody(page('image/png', 10)).length).toBe(10);
    expect(pageBody(page('image/gif', 3)).length).toBe(3);
    const gif = pageBody(page('image/gif', 38));
    expect([...gif.subarray(34)]).toEqual([0x3b, 0x20, 0x20, 0x20]);
    const png = pageBody(page('image/png', 80));
    expect(String.fromCharCode(...png.subarray(64, 68))).toBe('IEND');
    expect([...png.subarray(72)]).toEqual(Array(8).fill(0x20));
  });
});
