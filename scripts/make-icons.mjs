// Renders the app and document icons from their SVG drawings into every file packaging needs, so electron-builder
// never has to convert anything: PNGs for Linux (resources/icons/<n>x<n>.png and the 1024 px icon.png), .ico for
// Windows and .icns for macOS (both containers written here; they are small formats).
// `node scripts/make-icons.mjs` writes the files; `--check` only compares them with what it renders and exits 1 on
// any difference (the packaging test runs it, so an edited SVG cannot ship with stale icons).
import { Resvg } from '@resvg/resvg-js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ICON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');

/** Sizes a Linux desktop picks from (hicolor theme) and the largest one other platforms scale down from. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Windows shell sizes; 256 is stored as PNG, the small ones as 32-bit bitmaps, which every Windows and NSIS read. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** macOS icon types holding PNG data, and the pixel size of each (ic11..ic14 are the @2x variants). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
/** At and below this size the simplified drawing (`*-small.svg`) is used: the detailed one turns to mush. */
const SMALL_DRAWING_MAX = 32;

const svgCache = new Map();
function drawing(name, size) {
  const file = join(ICON_DIR, `${name}${size <= SMALL_DRAWING_MAX ? '-small' : ''}.svg`);
  if (!svgCache.has(file)) svgCache.set(file, readFileSync(file, 'utf8'));
  return svgCache.get(file);
}

function render(name, size) {
  const resvg = new Resvg(drawing(name, size), {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
  });
  const image = resvg.render();
  if (image.width !== size || image.height !== size)
    throw new Error(`${name} rendered ${image.width}×${image.height}, wanted ${size}`);
  return { png: Buffer.from(image.asPng()), rgba: Buffer.from(image.pixels) };
}

/** ICO bitmap entry: BITMAPINFOHEADER, straight-alpha BGRA rows bottom-up, then the 1-bit AND mask (all zero). */
function icoBitmap(size, premultipliedRgba) {
  const maskRow = Math.ceil(size / 32) * 4;
  const out = Buffer.alloc(40 + size * size * 4 + maskRow * size);
  out.writeUInt32LE(40, 0);
  out.writeInt32LE(size, 4);
  out.writeInt32LE(size * 2, 8); // colour rows plus mask rows
  out.writeUInt16LE(1, 12);
  out.writeUInt16LE(32, 14);
  out.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const src = (y * size + x) * 4;
      const dst = 40 + ((size - 1 - y) * size + x) * 4;
      const a = premultipliedRgba[src + 3];
      const straight = (c) => (a === 0 ? 0 : Math.min(255, Math.round((c * 255) / a)));
      out[dst] = straight(premultipliedRgba[src + 2]);
      out[dst + 1] = straight(premultipliedRgba[src + 1]);
      out[dst + 2] = straight(premultipliedRgba[src]);
      out[dst + 3] = a;
    }
  }
  return out;
}

export function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const at = 6 + 16 * i;
    header[at] = size >= 256 ? 0 : size; // 0 means 256
    header[at + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

export function icns(entries) {
  const chunks = entries.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + data.length, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

/** Every generated icon file: name in resources/icons → bytes. */
export function renderIcons() {
  const files = new Map();
  for (const name of ['icon', 'document']) {
    const sizes = new Set([...PNG_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s)]);
    const rendered = new Map([...sizes].map((size) => [size, render(name, size)]));
    if (name === 'icon') {
      files.set('icon.png', rendered.get(1024).png);
      for (const size of PNG_SIZES) files.set(`${size}x${size}.png`, rendered.get(size).png);
    }
    files.set(
      `${name}.ico`,
      ico(
        ICO_SIZES.map((size) => ({
          size,
          data: size >= 256 ? rendered.get(size).png : icoBitmap(size, rendered.get(size).rgba),
        })),
      ),
    );
    files.set(`${name}.icns`, icns(ICNS_TYPES.map(([type, size]) => ({ type, data: rendered.get(size).png }))));
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [name, bytes] of renderIcons()) {
    const file = join(ICON_DIR, name);
    if (check) {
      const same = existsSync(file) && readFileSync(file).equals(bytes);
      if (!same) stale++;
      console.log(`${same ? 'up to date' : 'STALE'}  resources/icons/${name}`);
    } else {
      writeFileSync(file, bytes);
      console.log(`resources/icons/${name}  ${bytes.length} bytes`);
    }
  }
  if (stale > 0) {
    console.error(`${stale} icon file(s) differ from the SVG drawings: run node scripts/make-icons.mjs`);
    process.exit(1);
  }
}
