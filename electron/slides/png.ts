// PNG encoding of rendered slides (shared/slides/export/png.ts) with Node's native zlib, run on the thread pool:
// several times faster than resvg's asPng or a JS deflate.
import { deflate } from 'node:zlib';
import { promisify } from 'node:util';
import { encodeRgba as encodeWith, type Deflate, type EncodedImage } from '../../shared/slides/export/png';

export type { EncodedImage } from '../../shared/slides/export/png';

const deflateAsync = promisify(deflate);

export const nodeDeflate: Deflate = async (bytes) => new Uint8Array(await deflateAsync(bytes, { level: 6 }));

export function encodeRgba(rgba: Uint8Array, width: number, height: number): Promise<EncodedImage> {
  return encodeWith(rgba, width, height, nodeDeflate);
}
