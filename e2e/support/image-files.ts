// Readers for the image files our exports write, used by unit and e2e tests alike. They read the containers'
// own structure (not a search for magic bytes), so a file that only looks right does not pass.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signatureOk = PNG_SIGNATURE.every((b, i) => bytes[i] === b);
  if (!signatureOk || new TextDecoder().decode(bytes.subarray(12, 16)) !== 'IHDR') throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Size and number of frames of a GIF, counted by walking its block structure; throws if it is not a GIF89a. */
export function gifFrames(bytes: Uint8Array): { width: number; height: number; frames: number } {
  if (new TextDecoder().decode(bytes.subarray(0, 6)) !== 'GIF89a') throw new Error('not a GIF89a');
  const width = bytes[6] | (bytes[7] << 8);
  const height = bytes[8] | (bytes[9] << 8);
  let o = 13;
  if (bytes[10] & 0x80) o += 3 * (1 << ((bytes[10] & 7) + 1));
  const skipSubBlocks = () => {
    while (bytes[o] !== 0) {
      if (o >= bytes.length) throw new Error('GIF ends inside a block');
      o += bytes[o] + 1;
    }
    o += 1;
  };
  let frames = 0;
  for (;;) {
    const block = bytes[o++];
    if (block === 0x3b) break;
    if (block === 0x21) {
      o += 1; // label
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames++;
      const packed = bytes[o + 8];
      o += 9;
      if (packed & 0x80) o += 3 * (1 << ((packed & 7) + 1));
      o += 1; // LZW minimum code size
      skipSubBlocks();
    } else throw new Error(`unexpected GIF block 0x${block?.toString(16)} at ${o - 1}`);
  }
  return { width, height, frames };
}
