// The PDF deck: each slide's SVG (the same one the PNG is rasterised from) drawn as PDF vectors — rectangles, paths,
// strokes, opacity — and its <text> as real text in embedded subsets of the bundled Pretendard, so a reader can
// search, select and copy every caption, in Korean too. Only the SVG the slides draw is understood (shared/slides/
// svg.ts and diagram.ts write it): rect with rx, path (M L H V C Q A Z, absolute and relative), g, transform
// (translate, scale, matrix), fill, stroke, opacity, dashes, text with anchor and letter-spacing. Anything else is
// skipped, never guessed.
//
// Pure: pdf-lib and fontkit run the same under Node and in a browser; the font bytes and the date come from the host.
import { PDFDocument, PDFName, type PDFFont, type PDFPage, type PDFRef } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { textWidth, type FontWeight } from '../metrics';
import { fontkitCompatibleCff } from './cff-font-dict';

export interface PdfFonts {
  regular: Uint8Array;
  semibold: Uint8Array;
}

export interface PdfMeta {
  title: string;
  lang: 'en' | 'ko';
  /** Creation and modification date; left out when absent (the same deck then gives the same bytes). */
  created?: Date;
  subject?: string;
}

/** Page width in points: 13.33 in, the size of a widescreen presentation slide (960 × 540 pt at 16:9). */
const PAGE_WIDTH = 960;

// Subset tags are fixed (not random, as pdf-lib's default is): the same deck gives the same bytes.
const FONT_NAMES: Record<FontWeight, string> = { 400: 'PJSUBA+Pretendard-Regular', 600: 'PJSUBB+Pretendard-SemiBold' };

interface Paint {
  fill: string | null;
  stroke: string | null;
  strokeWidth: number;
  opacity: number;
  linecap?: string;
  linejoin?: string;
  dash?: string;
}

const INHERITED: Paint = { fill: '#000000', stroke: null, strokeWidth: 1, opacity: 1 };

type Attrs = Record<string, string>;

const TAG = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([\w:-]+)="([^"]*)"/g;

function parseAttrs(source: string): Attrs {
  const out: Attrs = {};
  for (const m of source.matchAll(ATTR)) out[m[1]] = m[2];
  return out;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Compact, deterministic numbers for the content stream. */
function n(value: number): string {
  const r = Math.round(value * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

function rgb(colour: string): string | undefined {
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())?.[1];
  if (!hex) return colour === 'white' ? '1 1 1' : colour === 'black' ? '0 0 0' : undefined;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  return [0, 2, 4].map((i) => n(parseInt(hex.slice(i, i + 2), 16) / 255)).join(' ');
}

/** translate/scale/matrix lists → one `cm` operand list, or undefined. */
function transformMatrix(transform: string | undefined): number[] | undefined {
  if (!transform) return undefined;
  let m = [1, 0, 0, 1, 0, 0];
  const times = (a: number[], b: number[]) => [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
  for (const [, name, args] of transform.matchAll(/(\w+)\s*\(([^)]*)\)/g)) {
    const v = args
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (name === 'translate') m = times(m, [1, 0, 0, 1, v[0] ?? 0, v[1] ?? 0]);
    else if (name === 'scale') m = times(m, [v[0] ?? 1, 0, 0, v[1] ?? v[0] ?? 1, 0, 0]);
    else if (name === 'matrix' && v.length === 6) m = times(m, v);
    else if (name === 'rotate') {
      const a = ((v[0] ?? 0) * Math.PI) / 180;
      const [cx, cy] = [v[1] ?? 0, v[2] ?? 0];
      m = times(times(times(m, [1, 0, 0, 1, cx, cy]), [Math.cos(a), Math.sin(a), -Math.sin(a), Math.cos(a), 0, 0]), [
        1,
        0,
        0,
        1,
        -cx,
        -cy,
      ]);
    }
  }
  return m;
}

/** An SVG elliptical arc as cubic Béziers (SVG 1.1, appendix F.6), appended to `out` as PDF `c` operators. */
function arcToCurves(
  out: string[],
  x1: number,
  y1: number,
  rx: number,
  ry: number,
  angle: number,
  large: boolean,
  sweep: boolean,
  x2: number,
  y2: number,
): void {
  if (rx === 0 || ry === 0) {
    out.push(`${n(x2)} ${n(y2)} l`);
    return;
  }
  rx = Math.abs(rx);
  ry = Math.abs(ry);
  const phi = (angle * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const xp = cos * dx + sin * dy;
  const yp = -sin * dx + cos * dy;
  const lambda = (xp * xp) / (rx * rx) + (yp * yp) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp;
  const den = rx * rx * yp * yp + ry * ry * xp * xp;
  const k = (large === sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (k * rx * yp) / ry;
  const cyp = (-k * ry * xp) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const angleOf = (ux: number, uy: number, vx: number, vy: number) => {
    return Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  };
  const theta = angleOf(1, 0, (xp - cxp) / rx, (yp - cyp) / ry);
  let delta = angleOf((xp - cxp) / rx, (yp - cyp) / ry, (-xp - cxp) / rx, (-yp - cyp) / ry);
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  else if (sweep && delta < 0) delta += 2 * Math.PI;
  const segments = Math.max(1, Math.ceil(Math.abs(delta) / (Math.PI / 2) - 1e-9));
  const step = delta / segments;
  const t = (4 / 3) * Math.tan(step / 4);
  const point = (a: number) => [
    cx + rx * Math.cos(a) * cos - ry * Math.sin(a) * sin,
    cy + rx * Math.cos(a) * sin + ry * Math.sin(a) * cos,
  ];
  const deriv = (a: number) => [
    -rx * Math.sin(a) * cos - ry * Math.cos(a) * sin,
    -rx * Math.sin(a) * sin + ry * Math.cos(a) * cos,
  ];
  for (let i = 0; i < segments; i++) {
    const a0 = theta + i * step;
    const a1 = a0 + step;
    const [p0x, p0y] = point(a0);
    const [d0x, d0y] = deriv(a0);
    const [p1x, p1y] = i === segments - 1 ? [x2, y2] : point(a1);
    const [d1x, d1y] = deriv(a1);
    out.push(`${n(p0x + t * d0x)} ${n(p0y + t * d0y)} ${n(p1x - t * d1x)} ${n(p1y - t * d1y)} ${n(p1x)} ${n(p1y)} c`);
  }
}

/** SVG path data → PDF path construction operators. */
export function pathOperators(d: string): string[] {
  const out: string[] = [];
  const tokens = d.match(/[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  let i = 0;
  let cmd = '';
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const isCommand = (t: string | undefined) => t !== undefined && /^[A-Za-z]$/.test(t);
  const next = () => Number(tokens[i++]);
  while (i < tokens.length) {
    if (isCommand(tokens[i])) cmd = tokens[i++];
    else if (!cmd) return out; // numbers before any command: not a path
    const rel = cmd === cmd.toLowerCase();
    const ox = rel ? x : 0;
    const oy = rel ? y : 0;
    switch (cmd.toUpperCase()) {
      case 'M':
        x = ox + next();
        y = oy + next();
        startX = x;
        startY = y;
        out.push(`${n(x)} ${n(y)} m`);
        cmd = rel ? 'l' : 'L'; // further pairs are line-tos
        break;
      case 'L':
        x = ox + next();
        y = oy + next();
        out.push(`${n(x)} ${n(y)} l`);
        break;
      case 'H':
        x = ox + next();
        out.push(`${n(x)} ${n(y)} l`);
        break;
      case 'V':
        y = oy + next();
        out.push(`${n(x)} ${n(y)} l`);
        break;
      case 'C': {
        const c = [ox + next(), oy + next(), ox + next(), oy + next(), ox + next(), oy + next()];
        out.push(`${c.map(n).join(' ')} c`);
        [x, y] = [c[4], c[5]];
        break;
      }
      case 'Q': {
        const [qx, qy, ex, ey] = [ox + next(), oy + next(), ox + next(), oy + next()];
        out.push(
          `${n(x + (2 / 3) * (qx - x))} ${n(y + (2 / 3) * (qy - y))} ${n(ex + (2 / 3) * (qx - ex))} ${n(ey + (2 / 3) * (qy - ey))} ${n(ex)} ${n(ey)} c`,
        );
        [x, y] = [ex, ey];
        break;
      }
      case 'A': {
        const [rx, ry, rot, large, sweep] = [next(), next(), next(), next(), next()];
        const [ex, ey] = [ox + next(), oy + next()];
        arcToCurves(out, x, y, rx, ry, rot, large !== 0, sweep !== 0, ex, ey);
        [x, y] = [ex, ey];
        break;
      }
      case 'Z':
        out.push('h');
        [x, y] = [startX, startY];
        break;
      default:
        return out; // S, T: not drawn by the slides
    }
    if (Number.isNaN(x + y)) return []; // a malformed path draws nothing rather than garbage
    if (cmd.toUpperCase() === 'Z' && i < tokens.length && !isCommand(tokens[i])) return out;
  }
  return out;
}

function roundedRect(x: number, y: number, w: number, h: number, rx: number, ry: number): string[] {
  rx = Math.min(Math.max(0, rx), w / 2);
  ry = Math.min(Math.max(0, ry), h / 2);
  if (rx === 0 || ry === 0) return [`${n(x)} ${n(y)} ${n(w)} ${n(h)} re`];
  const k = 0.5522847498;
  const kx = rx * k;
  const ky = ry * k;
  return [
    `${n(x + rx)} ${n(y)} m`,
    `${n(x + w - rx)} ${n(y)} l`,
    `${n(x + w - rx + kx)} ${n(y)} ${n(x + w)} ${n(y + ry - ky)} ${n(x + w)} ${n(y + ry)} c`,
    `${n(x + w)} ${n(y + h - ry)} l`,
    `${n(x + w)} ${n(y + h - ry + ky)} ${n(x + w - rx + kx)} ${n(y + h)} ${n(x + w - rx)} ${n(y + h)} c`,
    `${n(x + rx)} ${n(y + h)} l`,
    `${n(x + rx - kx)} ${n(y + h)} ${n(x)} ${n(y + h - ry + ky)} ${n(x)} ${n(y + h - ry)} c`,
    `${n(x)} ${n(y + ry)} l`,
    `${n(x)} ${n(y + ry - ky)} ${n(x + rx - kx)} ${n(y)} ${n(x + rx)} ${n(y)} c`,
    'h',
  ];
}

const LINECAP: Record<string, number> = { butt: 0, round: 1, square: 2 };
const LINEJOIN: Record<string, number> = { miter: 0, round: 1, bevel: 2 };

type Listener = (value?: unknown) => void;
interface EncodeStream {
  on(event: string, listener: Listener): EncodeStream;
}

/**
 * fontkit 1.1's CFF subsetter writes the header's offSize from a field that does not exist (FreeType and poppler
 * then refuse the font): the whole subset is collected and handed on with offSize 4, a valid size for any offset.
 */
function withValidHeader(encode: () => EncodeStream): () => EncodeStream {
  return () => {
    const listeners: Record<string, Listener[]> = { data: [], end: [], error: [] };
    const parts: Uint8Array[] = [];
    encode()
      .on('data', (chunk) => parts.push(chunk as Uint8Array))
      .on('error', (error) => listeners.error.forEach((l) => l(error)))
      .on('end', () => {
        const bytes = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
        let at = 0;
        for (const p of parts) {
          bytes.set(p, at);
          at += p.length;
        }
        if (bytes[0] === 1 && (bytes[3] < 1 || bytes[3] > 4)) bytes[3] = 4;
        listeners.data.forEach((l) => l(bytes));
        listeners.end.forEach((l) => l());
      });
    const facade: EncodeStream = {
      on(event, listener) {
        listeners[event]?.push(listener);
        return facade;
      },
    };
    return facade;
  };
}

/** fontkit, given Pretendard in a form it reads, with the Font DICTs' matrix on the Top DICT (see cff-font-dict.ts). */
const slideFontkit = {
  create(bytes: Uint8Array, postscriptName?: string) {
    const { bytes: readable, fontMatrix } = fontkitCompatibleCff(bytes);
    const font = fontkit.create(readable, postscriptName);
    const cff = (font as unknown as Record<string, { topDict?: { FontMatrix?: number[] } } | undefined>)['CFF '];
    if (fontMatrix && cff?.topDict) cff.topDict.FontMatrix = fontMatrix;
    // One glyph per character from the cmap, no OpenType shaping: the PNG draws each character's own outline at the
    // measured advances (glyphs.ts), and shaping was nine tenths of the PDF's time.
    const glyphFor = new Map<number, ReturnType<typeof font.glyphForCodePoint>>();
    font.layout = ((text: string) => ({
      glyphs: Array.from(text, (ch) => {
        const code = ch.codePointAt(0)!;
        let glyph = glyphFor.get(code);
        if (!glyph) glyphFor.set(code, (glyph = font.glyphForCodePoint(code)));
        return glyph;
      }),
    })) as unknown as typeof font.layout;
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset() as unknown as { encodeStream: () => EncodeStream };
      subset.encodeStream = withValidHeader(subset.encodeStream.bind(subset));
      return subset as unknown as ReturnType<typeof createSubset>;
    };
    return font;
  },
};

/** One document's fonts and transparency states, shared by its pages (each page names what it uses). */
class PdfResources {
  private fonts = new Map<FontWeight, PDFFont>();
  private alphas = new Map<string, PDFRef>();

  constructor(
    private readonly pdf: PDFDocument,
    private readonly bytes: PdfFonts,
  ) {}

  async font(weight: FontWeight): Promise<PDFFont> {
    let font = this.fonts.get(weight);
    if (!font) {
      font = await this.pdf.embedFont(weight === 600 ? this.bytes.semibold : this.bytes.regular, {
        subset: true,
        customName: FONT_NAMES[weight],
      });
      this.fonts.set(weight, font);
    }
    return font;
  }

  alpha(value: number): PDFRef {
    const key = n(value);
    let ref = this.alphas.get(key);
    if (!ref) {
      ref = this.pdf.context.register(this.pdf.context.obj({ Type: 'ExtGState', ca: Number(key), CA: Number(key) }));
      this.alphas.set(key, ref);
    }
    return ref;
  }
}

/** Draws one slide SVG onto a new page. */
async function drawPage(pdf: PDFDocument, resources: PdfResources, svg: string): Promise<PDFPage> {
  const root = /<svg\b([^>]*)>/.exec(svg);
  if (!root) throw new Error('A slide is not an SVG document.');
  const rootAttrs = parseAttrs(root[1]);
  const width = Number(rootAttrs.width) || 1920;
  const height = Number(rootAttrs.height) || 1080;
  const [vx, vy, vw, vh] = (rootAttrs.viewBox ?? `0 0 ${width} ${height}`).split(/[\s,]+/).map(Number);
  const pageHeight = (PAGE_WIDTH * height) / width;
  const page = pdf.addPage([PAGE_WIDTH, pageHeight]);
  const k = PAGE_WIDTH / vw;
  const ops: string[] = [
    `${n(k)} 0 0 ${n(-(pageHeight / vh))} ${n(-vx * k)} ${n(pageHeight + (vy * pageHeight) / vh)} cm`,
  ];

  const fontNames = new Map<FontWeight, string>();
  const alphaNames = new Map<string, string>();
  const fontName = async (weight: FontWeight) => {
    let name = fontNames.get(weight);
    if (!name) {
      const font = await resources.font(weight);
      // Fixed names (pdf-lib's own carry a random suffix): the same deck gives the same bytes.
      name = `/F${weight}`;
      page.node.setFontDictionary(PDFName.of(name.slice(1)), font.ref);
      fontNames.set(weight, name);
    }
    return name;
  };
  const alphaName = (value: number) => {
    const key = n(value);
    let name = alphaNames.get(key);
    if (!name) {
      name = `/A${alphaNames.size}`;
      page.node.setExtGState(PDFName.of(name.slice(1)), resources.alpha(value));
      alphaNames.set(key, name);
    }
    return name;
  };

  const stack: { tag: string; paint: Paint; closes: boolean }[] = [];
  let paint: Paint = INHERITED;
  let skipDepth = 0;
  let pendingText: { attrs: Attrs; paint: Paint } | undefined;
  let textContent = '';

  const paintOf = (a: Attrs, parent: Paint): Paint => ({
    fill: a.fill === undefined ? parent.fill : a.fill === 'none' ? null : a.fill,
    stroke: a.stroke === undefined ? parent.stroke : a.stroke === 'none' ? null : a.stroke,
    strokeWidth: a['stroke-width'] === undefined ? parent.strokeWidth : Number(a['stroke-width']),
    opacity: parent.opacity * (a.opacity === undefined ? 1 : Number(a.opacity)),
    linecap: a['stroke-linecap'] ?? parent.linecap,
    linejoin: a['stroke-linejoin'] ?? parent.linejoin,
    dash: a['stroke-dasharray'] ?? parent.dash,
  });

  const shape = (path: string[], p: Paint, transform?: number[]) => {
    const fill = p.fill ? rgb(p.fill) : undefined;
    const stroke = p.stroke && p.strokeWidth > 0 ? rgb(p.stroke) : undefined;
    if (!path.length || (!fill && !stroke)) return;
    ops.push('q');
    if (transform) ops.push(`${transform.map(n).join(' ')} cm`);
    if (p.opacity < 1) ops.push(`${alphaName(p.opacity)} gs`);
    if (fill) ops.push(`${fill} rg`);
    if (stroke) {
      ops.push(`${stroke} RG`, `${n(p.strokeWidth)} w`);
      if (p.linecap && p.linecap in LINECAP) ops.push(`${LINECAP[p.linecap]} J`);
      if (p.linejoin && p.linejoin in LINEJOIN) ops.push(`${LINEJOIN[p.linejoin]} j`);
      const dashes =
        p.dash && p.dash !== 'none'
          ? p.dash
              .split(/[\s,]+/)
              .filter(Boolean)
              .map(Number)
          : [];
      if (dashes.length && dashes.every((v) => v >= 0) && dashes.some((v) => v > 0))
        ops.push(`[${dashes.map(n).join(' ')}] 0 d`);
    }
    ops.push(...path, fill && stroke ? 'B' : fill ? 'f' : 'S', 'Q');
  };

  const drawText = async (a: Attrs, p: Paint, content: string) => {
    const colour = p.fill ? rgb(p.fill) : undefined;
    const shown = unescapeXml(content);
    if (!colour || !shown.trim()) return;
    const weight: FontWeight = a['font-weight'] === '600' || a['font-weight'] === 'bold' ? 600 : 400;
    const size = Number(a['font-size'] ?? 16);
    const spacing = Number(a['letter-spacing'] ?? 0);
    const font = await resources.font(weight);
    // Placed by the same measured advances the layout used (../metrics), so the anchor lands where the PNG's does.
    const width = textWidth(shown, size, weight) + spacing * [...shown].length;
    const anchor = a['text-anchor'];
    const x0 = Number(a.x ?? 0) - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
    const y0 = Number(a.y ?? 0);
    const name = await fontName(weight);
    ops.push('q');
    if (p.opacity < 1) ops.push(`${alphaName(p.opacity)} gs`);
    ops.push(`${colour} rg`, 'BT', `${name} ${n(size)} Tf`);
    if (spacing) ops.push(`${n(spacing)} Tc`);
    // The page's y axis points down (as the SVG's does): flip each line back upright.
    ops.push(`1 0 0 -1 ${n(x0)} ${n(y0)} Tm`, `${font.encodeText(shown).toString()} Tj`, 'ET', 'Q');
  };

  for (const m of svg.matchAll(TAG)) {
    const [, closing, tag, attrSource, selfClosing, chars] = m;
    if (chars !== undefined) {
      if (pendingText) textContent += chars;
      continue;
    }
    if (closing) {
      if (tag === 'text' && pendingText) {
        await drawText(pendingText.attrs, pendingText.paint, textContent);
        pendingText = undefined;
        continue;
      }
      const top = stack.pop();
      if (!top) continue;
      if (top.closes) ops.push('Q');
      if (skipDepth > 0) skipDepth--;
      paint = stack.length ? stack[stack.length - 1].paint : INHERITED;
      continue;
    }
    const a = parseAttrs(attrSource);
    if (skipDepth > 0 || tag === 'title' || tag === 'defs' || tag === 'desc' || tag === 'style') {
      if (!selfClosing) {
        stack.push({ tag, paint, closes: false });
        skipDepth++;
      }
      continue;
    }
    const own = paintOf(a, paint);
    const transform = transformMatrix(a.transform);
    switch (tag) {
      case 'svg':
        if (!selfClosing) stack.push({ tag, paint, closes: false });
        break;
      case 'g': {
        if (selfClosing) break;
        // Opacity is applied per shape (children multiply it in), transforms by the group.
        const closes = !!transform;
        if (transform) ops.push('q', `${transform.map(n).join(' ')} cm`);
        stack.push({ tag, paint: own, closes });
        paint = own;
        break;
      }
      case 'rect': {
        const x = Number(a.x ?? 0);
        const y = Number(a.y ?? 0);
        const w = Number(a.width ?? 0);
        const h = Number(a.height ?? 0);
        const rx = Number(a.rx ?? a.ry ?? 0);
        const ry = Number(a.ry ?? a.rx ?? 0);
        if (w > 0 && h > 0) shape(roundedRect(x, y, w, h, rx, ry), own, transform);
        if (!selfClosing) stack.push({ tag, paint, closes: false });
        break;
      }
      case 'path':
        shape(pathOperators(a.d ?? ''), own, transform);
        if (!selfClosing) stack.push({ tag, paint, closes: false });
        break;
      case 'line':
        shape(
          [`${n(Number(a.x1 ?? 0))} ${n(Number(a.y1 ?? 0))} m`, `${n(Number(a.x2 ?? 0))} ${n(Number(a.y2 ?? 0))} l`],
          { ...own, fill: null },
          transform,
        );
        if (!selfClosing) stack.push({ tag, paint, closes: false });
        break;
      case 'circle': {
        const r = Number(a.r ?? 0);
        const cx = Number(a.cx ?? 0);
        const cy = Number(a.cy ?? 0);
        if (r > 0) shape(roundedRect(cx - r, cy - r, 2 * r, 2 * r, r, r), own, transform);
        if (!selfClosing) stack.push({ tag, paint, closes: false });
        break;
      }
      case 'text':
        if (selfClosing) break;
        pendingText = { attrs: a, paint: own };
        textContent = '';
        break;
      default:
        // Unknown elements (and their children) are skipped.
        if (!selfClosing) {
          stack.push({ tag, paint, closes: false });
          skipDepth++;
        }
    }
  }
  const content = pdf.context.flateStream(ops.join('\n'));
  page.node.set(PDFName.of('Contents'), pdf.context.register(content));
  return page;
}

/** A PDF of the slides' SVGs, one page each, with searchable text and the deck's title, language and date. */
export async function buildVectorPdf(svgs: string[], fonts: PdfFonts, meta: PdfMeta): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(slideFontkit);
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.subject) pdf.setSubject(meta.subject);
  pdf.setCreator('Packet Journey');
  pdf.setProducer('Packet Journey (pdf-lib)');
  pdf.setLanguage(meta.lang === 'ko' ? 'ko-KR' : 'en-US');
  if (meta.created) {
    pdf.setCreationDate(meta.created);
    pdf.setModificationDate(meta.created);
  }
  const resources = new PdfResources(pdf, fonts);
  for (const svg of svgs) await drawPage(pdf, resources, svg);
  return pdf.save({ useObjectStreams: true });
}
