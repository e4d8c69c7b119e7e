// The dot grid behind the network, at world multiples of `gap` as React Flow draws them: a bitmap of dots, tiled as
// the CSS background of a sheet under the canvas; panning moves only the background position. Measured while panning
// 1,000 devices: an SVG <pattern> (React Flow's <Background>, or ours before) cost a third of all raster time; a tiled
// bitmap costs little. A composited layer of its own was no better: Chrome's per-frame layerization then grew more
// than the raster it saved.
// The position is written straight to the element from a store subscription, so panning re-renders no React.
import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useApp } from '../store';
import { followViewport } from './view';

/** Closer than this the dots are a grey haze that says nothing. */
const MIN_CELL = 4;

/**
 * Cells per side of the tiled image. Panning moves the grid, so the whole canvas is re-rastered every frame; a tile of
 * many cells is drawn in a few large copies instead of one small draw per dot.
 */
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

interface Look { color: string; background: string; gap: number; size: number }

function place(el: HTMLElement, [tx, ty, zoom]: ReactFlowState['transform'], look: Look) {
  const cell = look.gap * zoom;
  if (cell < MIN_CELL) {
    el.style.visibility = 'hidden';
    return;
  }
  el.style.visibility = '';
  const image = dotTile(look.color, look.background, cell, (look.size * zoom) / 2);
  if (el.style.backgroundImage !== image) el.style.backgroundImage = image;
  el.style.backgroundSize = `${cell * TILE_CELLS}px ${cell * TILE_CELLS}px`;
  // The image's dots sit in the middle of their cells; the grid's dots sit on multiples of the cell from the origin.
  el.style.backgroundPosition = `${tx - cell / 2}px ${ty - cell / 2}px`;
}

/** A canvas cannot use CSS variables: the theme's dot and canvas colours are read from the sheet's computed style. */
function themeColors(el: HTMLElement): { color: string; background: string } {
  const style = getComputedStyle(el);
  return {
    color: style.getPropertyValue('--xy-background-pattern-color').trim() || '#cfd5dd',
    background: style.getPropertyValue('--xy-background-color').trim() || '#ffffff',
  };
}

function GridBackgroundView({ gap, size }: { gap: number; size: number }) {
  const sheet = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  const theme = useApp((s) => s.theme);
  const look = useRef<Look>({ color: '', background: '', gap, size });

  useLayoutEffect(() => {
    const el = sheet.current;
    if (!el) return;
    look.current = { ...themeColors(el), gap, size };
    return followViewport(store, (s) => place(el, s.transform, look.current));
  }, [store, gap, size]);

  useEffect(() => {
    // Once the new theme is on the document (the app sets it in an effect that runs after this one).
    const el = sheet.current;
    if (!el) return;
    const id = requestAnimationFrame(() => {
      look.current = { ...look.current, ...themeColors(el) };
      place(el, store.getState().transform, look.current);
    });
    return () => cancelAnimationFrame(id);
  }, [theme, store]);

  return (
    <div
      ref={sheet}
      className="react-flow__background"
      style={{ position: 'absolute', inset: 0, backgroundRepeat: 'repeat' }}
      data-testid="canvas-grid"
    />
  );
}

export const GridBackground = memo(GridBackgroundView);
