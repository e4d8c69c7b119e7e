// Tiny SVG string builders: attributes escaped, numbers rounded so the output is compact and deterministic.
import { displayText, type FontWeight } from './metrics';
import { FONT_FAMILY } from './theme';

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

type AttrValue = string | number | undefined | false;

export function attrs(a: Record<string, AttrValue>): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === false) continue;
    out += ` ${k}="${typeof v === 'number' ? num(v) : esc(v)}"`;
  }
  return out;
}

export function el(tag: string, a: Record<string, AttrValue>, children?: string): string {
  return children === undefined ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${children}</${tag}>`;
}

export interface TextStyle {
  size: number;
  weight?: FontWeight;
  fill: string;
  anchor?: 'start' | 'middle' | 'end';
  opacity?: number;
}

export function text(
  x: number,
  y: number,
  content: string,
  style: TextStyle,
  extra: Record<string, AttrValue> = {},
): string {
  return el(
    'text',
    {
      x,
      y,
      'font-family': FONT_FAMILY,
      'font-size': style.size,
      'font-weight': style.weight ?? 400,
      fill: style.fill,
      'text-anchor': style.anchor && style.anchor !== 'start' ? style.anchor : undefined,
      opacity: style.opacity,
      ...extra,
    },
    esc(displayText(content)),
  );
}

/** One line of differently styled runs, laid out left to right (no reliance on tspan kerning across runs). */
export function runs(
  x: number,
  y: number,
  parts: { text: string; style: TextStyle }[],
  widthOf: (t: string, s: TextStyle) => number,
): string {
  let cursor = x;
  let out = '';
  for (const p of parts) {
    out += text(cursor, y, p.text, { ...p.style, anchor: 'start' }, { 'xml:space': 'preserve' });
    cursor += widthOf(p.text, p.style);
  }
  return out;
}

export function svgDocument(
  width: number,
  height: number,
  viewWidth: number,
  viewHeight: number,
  body: string,
  title: string,
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({ width, height, viewBox: `0 0 ${num(viewWidth)} ${num(viewHeight)}` })}>` +
    `<title>${esc(title)}</title>${body}</svg>`
  );
}
