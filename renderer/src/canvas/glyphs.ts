// The devices' icons on the canvas as bitmaps: each kind's lucide icon is drawn once into a small image (per theme
// colour and zoom step), and every device shows it as a background image. Rastering a copy of a bitmap is cheap;
// rastering an inline SVG's strokes for every device in every tile that comes into view while panning was an eighth
// of the pan's CPU time (1,000 devices, an interleaved A/B with the icons hidden).
// The shapes come from lucide's own icon data, so the canvas and the palette and inspector (still SVG) agree.
import * as laptop from 'lucide-react/icons/laptop';
import * as network from 'lucide-react/icons/network';
import * as router from 'lucide-react/icons/router';
import * as brickWallFire from 'lucide-react/icons/brick-wall-fire';
import * as server from 'lucide-react/icons/server';
import type { DeviceKind } from '../../../shared/model/schema';

type IconNode = readonly (readonly [tag: string, attrs: Record<string, string>])[];

/** lucide's modules export their drawing as `__iconData` beside the component; its typings only name the component. */
function shapesOf(module: object): IconNode {
  const data = (module as { __iconData?: { node?: IconNode } }).__iconData;
  if (!data?.node) throw new Error('lucide icon module without __iconData.node');
  return data.node;
}

const KIND_SHAPES: Record<DeviceKind, IconNode> = {
  host: shapesOf(laptop),
  switch: shapesOf(network),
  router: shapesOf(router),
  firewall: shapesOf(brickWallFire),
  server: shapesOf(server),
};

export const DEVICE_KINDS = Object.keys(KIND_SHAPES) as DeviceKind[];

/** The icon's size in CSS pixels at zoom 1 and its stroke, as the SVG icons were drawn. */
export const GLYPH_SIZE = 28;
const STROKE_WIDTH = 1.75;
/** lucide draws on a 24 × 24 grid. */
const VIEW_BOX = 24;

const num = (attrs: Record<string, string>, name: string) => Number(attrs[name] ?? 0);

function shapePath(tag: string, attrs: Record<string, string>): Path2D | null {
  switch (tag) {
    case 'path':
      return new Path2D(attrs.d);
    case 'rect': {
      const p = new Path2D();
      p.roundRect(num(attrs, 'x'), num(attrs, 'y'), num(attrs, 'width'), num(attrs, 'height'), num(attrs, 'rx'));
      return p;
    }
    case 'line': {
      const p = new Path2D();
      p.moveTo(num(attrs, 'x1'), num(attrs, 'y1'));
      p.lineTo(num(attrs, 'x2'), num(attrs, 'y2'));
      return p;
    }
    case 'circle': {
      const p = new Path2D();
      p.arc(num(attrs, 'cx'), num(attrs, 'cy'), num(attrs, 'r'), 0, Math.PI * 2);
      return p;
    }
    case 'polyline':
    case 'polygon': {
      const points = (attrs.points ?? '')
        .trim()
        .split(/[\s,]+/)
        .map(Number);
      const p = new Path2D();
      for (let i = 0; i + 1 < points.length; i += 2) {
        if (i === 0) p.moveTo(points[i], points[i + 1]);
        else p.lineTo(points[i], points[i + 1]);
      }
      if (tag === 'polygon') p.closePath();
      return p;
    }
    default:
      return null;
  }
}

const cache = new Map<string, string>();

/**
 * A PNG data URL of `kind`'s icon stroked in `color`, `pixels` device pixels square. Cached: a theme has five, and
 * zooming asks again for the same few sizes.
 */
export function glyphImage(kind: DeviceKind, color: string, pixels: number): string {
  const key = `${kind}|${color}|${pixels}`;
  let url = cache.get(key);
  if (url) return url;
  const canvas = document.createElement('canvas');
  canvas.width = pixels;
  canvas.height = pixels;
  const ctx = canvas.getContext('2d');
  if (!ctx) return 'none';
  ctx.scale(pixels / VIEW_BOX, pixels / VIEW_BOX);
  // In the icon's own units, as an SVG stroke-width is: it scales with the icon.
  ctx.lineWidth = STROKE_WIDTH;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = color;
  for (const [tag, attrs] of KIND_SHAPES[kind]) {
    const path = shapePath(tag, attrs);
    if (path) ctx.stroke(path);
  }
  url = `url("${canvas.toDataURL('image/png')}")`;
  if (cache.size >= 60) cache.clear();
  cache.set(key, url);
  return url;
}

/**
 * How many times the icon's size at zoom 1 its bitmap is drawn for at `zoom`: whole steps, so zooming redraws the
 * five images a couple of times rather than at every wheel notch, and never scales one up (which would blur).
 */
export function glyphScale(zoom: number): number {
  return zoom <= 1 ? 1 : zoom <= 2 ? 2 : 3;
}

/**
 * Gives `el` (the canvas) one CSS variable per kind, `--pj-glyph-<kind>`, holding that kind's icon for the zoom and
 * the theme's kind colours; device nodes pick theirs by kind class. Returns the scale drawn for.
 */
export function applyGlyphs(el: HTMLElement, zoom: number): number {
  const scale = glyphScale(zoom);
  const pixels = Math.round(GLYPH_SIZE * scale * (window.devicePixelRatio || 1));
  const style = getComputedStyle(el);
  for (const kind of DEVICE_KINDS) {
    const color = style.getPropertyValue(`--kind-${kind}`).trim() || '#64748b';
    el.style.setProperty(`--pj-glyph-${kind}`, glyphImage(kind, color, pixels));
  }
  return scale;
}
