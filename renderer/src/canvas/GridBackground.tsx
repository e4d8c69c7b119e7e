// The dot grid behind the network, at world multiples of `gap` as React Flow draws them: a bitmap of dots tiled as the
// CSS background of one large opaque sheet inside React Flow's viewport, so it pans and zooms with the network and a
// pan frame changes nothing in it. Measured while panning 1,000 devices: an SVG <pattern> (React Flow's <Background>)
// cost a third of all raster time; a tiled bitmap costs little.
// The sheet is also what lets the viewport be one composited layer while it moves (see canvas.css): it is the first
// thing painted there and covers everything, so Chrome merges every device and link into that one layer instead of
// splitting sparse ones off. With the grid hidden the sheet stays, plain.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useStoreApi, ViewportPortal } from '@xyflow/react';
import { useApp } from '../store';
import { followViewport } from './view';

/** Closer than this the dots are a grey haze that says nothing. */
const MIN_CELL = 4;

/** Cells per side of the tiled image: rastering the canvas draws a few large copies instead of one small draw per dot. */
const TILE_CELLS = 8;

const tiles = new Map<string, string>();

/**
 * A bitmap tile of TILE_CELLS × TILE_CELLS dots at the canvas's current cell size. A bitmap, not an SVG image: Chrome
 * replays an SVG background's drawing for every tile it rasters, which measured as costly as the <pattern> it replaced.
 */
function dotTile(color: string, background: string, cell: number, radius: number): string {
  const dpr = window.devicePixelRatio || 1;
  const key = `${color}|${background}|${cell.toFixed(2)}|${radius.toFixed(2)}|${dpr}`;
  let url = tiles.get(key);
  if (!url) {
    const side = Math.max(1, Math.round(cell * TILE_CELLS * dpr));
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const ctx = canvas.getContext('2d');
    if (!ctx) return 'none';
    const k = side / TILE_CELLS;
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, side, side);
    ctx.fillStyle = color;
    ctx.beginPath();
    for (let row = 0; row < TILE_CELLS; row++) {
      for (let col = 0; col < TILE_CELLS; col++) {
        ctx.moveTo((col + 0.5) * k + radius * dpr, (row + 0.5) * k);
        ctx.arc((col + 0.5) * k, (row + 0.5) * k, radius * dpr, 0, Math.PI * 2);
      }
    }
    ctx.fill();
    url = `url("${canvas.toDataURL('image/png')}")`;
    // Zooming passes through many cell sizes; keep the recent ones only.
    if (tiles.size >= 32) tiles.clear();
    tiles.set(key, url);
  }
  return url;
}

interface Look {
  color: string;
  background: string;
  gap: number;
  size: number;
  dots: boolean;
}

const tileSpan = (gap: number) => gap * TILE_CELLS;
/**
 * Half the side of the sheet, in world units: beyond what any network or zoom shows, and a whole number of tiles, so
 * the tiles' dots sit on world multiples of the gap. Chrome rasters only the part of it near the view.
 */
const extentFor = (gap: number) => Math.ceil(400_000 / tileSpan(gap)) * tileSpan(gap);

function place(el: HTMLElement, zoom: number, look: Look) {
  const cell = look.gap * zoom;
  // The image is drawn for the current zoom (a bitmap scaled by the viewport would blur); the sheet is in world units.
  const image =
    look.dots && cell >= MIN_CELL ? dotTile(look.color, look.background, cell, (look.size * zoom) / 2) : 'none';
  if (el.style.backgroundImage !== image) el.style.backgroundImage = image;
}

/** A canvas cannot use CSS variables: the theme's dot and canvas colours are read from the sheet's computed style. */
function themeColors(el: HTMLElement): { color: string; background: string } {
  const style = getComputedStyle(el);
  return {
    color: style.getPropertyValue('--xy-background-pattern-color').trim() || '#cfd5dd',
    background: style.getPropertyValue('--xy-background-color').trim() || '#ffffff',
  };
}

function GridBackgroundView({ gap, size, dots }: { gap: number; size: number; dots: boolean }) {
  // A state, not a ref: the sheet mounts only once React Flow's viewport portal exists, after the first render.
  const [el, setSheet] = useState<HTMLDivElement | null>(null);
  const store = useStoreApi();
  const theme = useApp((s) => s.theme);
  const look = useRef<Look>({ color: '', background: '', gap, size, dots });

  useLayoutEffect(() => {
    if (!el) return;
    look.current = { ...themeColors(el), gap, size, dots };
    let zoom = NaN;
    // Only a zoom changes the sheet: panning moves it with the network, in the viewport React Flow transforms.
    return followViewport(store, (s) => {
      if (s.transform[2] === zoom) return;
      zoom = s.transform[2];
      place(el, zoom, look.current);
    });
  }, [el, store, gap, size, dots]);

  useEffect(() => {
    // Once the new theme is on the document (the app sets it in an effect that runs after this one).
    if (!el) return;
    const id = requestAnimationFrame(() => {
      look.current = { ...look.current, ...themeColors(el) };
      place(el, store.getState().transform[2], look.current);
    });
    return () => cancelAnimationFrame(id);
  }, [el, theme, store]);

  const extent = extentFor(gap);
  const tile = tileSpan(gap);
  return (
    <ViewportPortal>
      <div
        ref={setSheet}
        className="pj-grid-sheet"
        style={{
          left: -extent,
          top: -extent,
          width: extent * 2,
          height: extent * 2,
          backgroundSize: `${tile}px ${tile}px`,
          // The image's dots sit in the middle of their cells; the grid's dots sit on world multiples of the gap.
          backgroundPosition: `${-gap / 2}px ${-gap / 2}px`,
        }}
        data-testid="canvas-grid"
      />
    </ViewportPortal>
  );
}

export const GridBackground = memo(GridBackgroundView);
