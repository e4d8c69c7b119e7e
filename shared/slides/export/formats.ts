// The containers a deck of pictures is written into: PPTX (one slide per step, the caption and the steps'
// explanations as speaker notes), animated GIF, and ZIP of files. Each takes finished images. Pure: pptxgenjs,
// gifenc and fflate run the same under Node and in a browser. (The PDF is drawn from the slides' vectors: pdf.ts.)
import PptxGenJS from 'pptxgenjs';
import { GIFEncoder, applyPalette, quantize, type Palette } from 'gifenc';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { base64 } from './base64';

export { base64 };
import type { EncodedImage, Pixels } from './png';
import type { SlideTextBox } from '../slide';
import { VIEW_WIDTH } from '../slide';

export interface SlideImage {
  image: EncodedImage;
  notes: string;
  title: string;
  /** Editable decks: the text laid over the picture, and the picture's alt text. */
  text?: { boxes: SlideTextBox[]; alt: string };
  lang?: 'en' | 'ko';
}

// Named fonts a presentation program falls back from sanely: Pretendard (the slides' own) for Korean, with
// PowerPoint's own Korean font taking over where it is not installed; Arial, everywhere, for English.
const FONT_FACE = { en: 'Arial', ko: 'Pretendard' } as const;

export async function buildPptx(slides: SlideImage[], aspect: number, title: string): Promise<Uint8Array> {
  const pres = new PptxGenJS();
  const width = 13.333;
  const height = width / aspect;
  pres.defineLayout({ name: 'PACKET_JOURNEY', width, height });
  pres.layout = 'PACKET_JOURNEY';
  pres.title = title;
  pres.author = 'Packet Journey';
  for (const slide of slides) {
    const s = pres.addSlide();
    s.addImage({
      data: `image/png;base64,${base64(slide.image.png)}`,
      x: 0,
      y: 0,
      w: width,
      h: height,
      altText: slide.text?.alt ?? slide.title,
    });
    // A canvas unit is width / 1920 inches; a slide of 13.33 in is 960 pt, so a unit of type is 0.5 pt.
    const inch = width / VIEW_WIDTH;
    const pt = (960 * (width / 13.333)) / VIEW_WIDTH;
    const fontFace = FONT_FACE[slide.lang ?? 'en'];
    for (const box of slide.text?.boxes ?? []) {
      const runs = box.paragraphs.flatMap((para, pi) =>
        para.runs.map((run, ri) => ({
          text: run.text,
          options: {
            bold: run.bold ?? false,
            color: run.colour.replace('#', ''),
            fontSize: Math.round(box.size * (para.scale ?? 1) * pt * 2) / 2,
            breakLine: ri === para.runs.length - 1 && pi < box.paragraphs.length - 1,
            paraSpaceBefore: ri === 0 && para.gapBefore ? box.size * para.gapBefore * pt : undefined,
          },
        })),
      );
      s.addText(runs, {
        x: box.box.x * inch,
        y: box.box.y * inch,
        w: box.box.w * inch,
        h: box.box.h * inch,
        fontFace,
        valign: 'top',
        margin: 6,
        fit: 'shrink',
        objectName: box.name,
        lang: slide.lang === 'ko' ? 'ko-KR' : 'en-US',
      });
    }
    s.addNotes(slide.notes);
  }
  const out = (await pres.write({ outputType: 'uint8array', compression: false })) as Uint8Array;
  return slides.some((s) => s.lang === 'ko') ? withHangulCharset(out) : out;
}

/**
 * pptxgenjs names every run's East Asian font with charset -122 (GB2312, Simplified Chinese). A program without
 * Pretendard picks its substitute by that charset: a Chinese font, with no Hangul. PowerPoint's own Korean files
 * say -127 (HANGUL_CHARSET, 129 as a signed byte), so a missing Pretendard falls back to a Korean font.
 */
function withHangulCharset(pptx: Uint8Array): Uint8Array {
  const files = unzipSync(pptx);
  const eastAsian = /(<a:ea typeface="[^"]*" pitchFamily="\d+" charset=)"-122"/g;
  for (const name of Object.keys(files)) {
    if (!/^ppt\/slides\/slide\d+\.xml$/.test(name)) continue;
    files[name] = strToU8(strFromU8(files[name]).replace(eastAsian, '$1"-127"'));
  }
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { level: 0 }]])));
}

/** All frames share one palette (the slides share their colours), so there is no flicker between frames. */
export function buildGif(frames: Pixels[], delayMs: number): Uint8Array {
  if (frames.length === 0) throw new Error('A GIF needs at least one frame.');
  const { width, height } = frames[0];
  // Sample every frame sparsely so the palette has the protocol colours of all of them.
  const stride = Math.max(1, Math.floor((width * height) / 40000));
  const sample = new Uint8Array(frames.length * Math.ceil((width * height) / stride) * 4);
  let o = 0;
  for (const f of frames) {
    for (let p = 0; p < width * height; p += stride) {
      sample.set(f.data.subarray(p * 4, p * 4 + 4), o);
      o += 4;
    }
  }
  const palette: Palette = quantize(sample.subarray(0, o), 256);
  const gif = GIFEncoder();
  frames.forEach((f, i) => {
    gif.writeFrame(applyPalette(f.data, palette), width, height, {
      palette: i === 0 ? palette : undefined,
      delay: delayMs,
      repeat: i === 0 ? 0 : undefined,
    });
  });
  gif.finish();
  return gif.bytes();
}

export function buildZip(files: Record<string, Uint8Array>, compress = false): Uint8Array {
  // PNGs are already compressed: store them. SVGs are text and shrink a lot.
  const level = compress ? 6 : 0;
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { level }]])), {
    mtime: new Date(1980, 0, 1),
  });
}
