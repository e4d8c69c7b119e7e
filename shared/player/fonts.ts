// The lesson player's own Pretendard: subsets of the bundled fonts with exactly the characters the file can show,
// embedded as data: URLs, so Korean reads on a machine with no Korean font and the slides' text sits where the
// slide layout (measured with Pretendard, shared/slides/metrics.ts) put it. HarfBuzz's subsetter (hb-subset,
// harfbuzzjs's standalone WebAssembly build: no imports, no JavaScript glue) does the subsetting; the host hands
// in its bytes and the font files, so the CLI, the desktop app and web mode write the same file.
import { base64 } from '../slides/export/base64';

export type LessonFontWeight = 400 | 600;

export interface LessonFont {
  weight: LessonFontWeight;
  /** An OpenType (CFF) font with only the glyphs the lesson needs. */
  bytes: Uint8Array;
}

/** What the host provides: hb-subset's WebAssembly and the two bundled Pretendard files. */
export interface LessonFontSources {
  subsetWasm: Uint8Array;
  regular: Uint8Array;
  semibold: Uint8Array;
}

/** The family the player's CSS and the slides' SVG text ask for (shared/slides/theme.ts FONT_FAMILY). */
export const LESSON_FONT_FAMILY = 'Pretendard';

interface HbSubsetExports {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_READONLY = 1;

export interface FontSubsetter {
  /** `font` cut down to the glyphs of `codepoints` (and what its layout tables need for them). */
  subset(font: Uint8Array, codepoints: Iterable<number>): Uint8Array;
}

/** WebAssembly as all three platforms (browser, worker, Node) have it; not every type set here declares it whole. */
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>;
}

export async function createFontSubsetter(wasm: Uint8Array): Promise<FontSubsetter> {
  const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };
  const { instance } = await WebAssembly.instantiate(new Uint8Array(wasm), {});
  const hb = instance.exports as unknown as HbSubsetExports;
  return {
    subset(font, codepoints) {
      const fontPtr = hb.malloc(font.length);
      if (!fontPtr) throw new Error('The font subsetter ran out of memory.');
      // The heap may grow during any call: take a fresh view each time.
      new Uint8Array(hb.memory.buffer).set(font, fontPtr);
      const blob = hb.hb_blob_create(fontPtr, font.length, HB_MEMORY_MODE_READONLY, 0, 0);
      const face = hb.hb_face_create(blob, 0);
      hb.hb_blob_destroy(blob);
      const input = hb.hb_subset_input_create_or_fail();
      try {
        if (!input) throw new Error('The font subsetter could not start.');
        const unicodes = hb.hb_subset_input_unicode_set(input);
        for (const c of codepoints) hb.hb_set_add(unicodes, c);
        const subsetFace = hb.hb_subset_or_fail(face, input);
        if (!subsetFace) throw new Error('The font could not be subset.');
        const out = hb.hb_face_reference_blob(subsetFace);
        const length = hb.hb_blob_get_length(out);
        const data = hb.hb_blob_get_data(out, 0);
        const bytes = new Uint8Array(hb.memory.buffer, data, length).slice();
        hb.hb_blob_destroy(out);
        hb.hb_face_destroy(subsetFace);
        if (length === 0) throw new Error('The font subset came out empty.');
        return bytes;
      } finally {
        if (input) hb.hb_subset_input_destroy(input);
        hb.hb_face_destroy(face);
        hb.free(fontPtr);
      }
    },
  };
}

/**
 * Every character the lesson can put on screen: whatever its script and data hold (the en and ko texts the
 * player's script carries, the captions' templates, device names, page bodies, the hex view's ASCII), plus printable
 * ASCII. A superset of what a given journey shows, and cheap: a few hundred Hangul syllables.
 */
export function lessonCodepoints(texts: string[]): number[] {
  const set = new Set<number>();
  for (let c = 0x20; c < 0x7f; c++) set.add(c);
  for (const text of texts)
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c >= 0x20 && !(c >= 0x7f && c < 0xa0) && !(c >= 0xd800 && c < 0xe000)) set.add(c);
    }
  return [...set].sort((a, b) => a - b);
}

export async function lessonFonts(sources: LessonFontSources, texts: string[]): Promise<LessonFont[]> {
  const subsetter = await createFontSubsetter(sources.subsetWasm);
  const codepoints = lessonCodepoints(texts);
  return [
    { weight: 400, bytes: subsetter.subset(sources.regular, codepoints) },
    { weight: 600, bytes: subsetter.subset(sources.semibold, codepoints) },
  ];
}

/** @font-face rules for the subsets, as data: URLs (the file's CSP allows `font-src data:` and nothing else). */
export function fontFaceCss(fonts: LessonFont[]): string {
  return fonts
    .map(
      (f) =>
        `@font-face{font-family:${LESSON_FONT_FAMILY};font-style:normal;font-weight:${f.weight};font-display:block;` +
        `src:url(data:font/otf;base64,${base64(f.bytes)}) format("opentype")}`,
    )
    .join('\n');
}
