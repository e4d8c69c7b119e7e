// The views both benchmark pages are measured in, and a way to put React Flow there that works the same on both.
import type { Page } from '@playwright/test';
import type { Topology } from '../shared/model/schema';
import { NODE_WIDTH } from '../renderer/src/canvas/geometry';

/**
 * Puts React Flow's viewport exactly where asked, the same way on both pages: through the React Flow store found via
 * React's fiber tree (no hook in the app), so the editor and the baseline pan the very same view.
 */
export async function setViewport(page: Page, viewport: { x: number; y: number; zoom: number }): Promise<void> {
  await page.evaluate(`(() => {
    const el = document.querySelector('.react-flow');
    const key = Object.keys(el).find((k) => k.startsWith('__reactFiber$'));
    let fiber = el[key];
    while (fiber) {
      const value = fiber.memoizedProps && fiber.memoizedProps.value;
      if (value && typeof value.getState === 'function' && value.getState().panZoom) {
        value.getState().panZoom.setViewport(${JSON.stringify(viewport)});
        return;
      }
      fiber = fiber.return;
    }
    throw new Error('React Flow store not found');
  })()`);
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await page.waitForTimeout(300);
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function graphBounds(topology: Topology): Bounds {
  const xs = topology.devices.map((d) => d.position.x);
  const ys = topology.devices.map((d) => d.position.y);
  return {
    minX: Math.min(...xs),
    minY: Math.min(...ys),
    maxX: Math.max(...xs) + NODE_WIDTH,
    maxY: Math.max(...ys) + 96,
  };
}

/** Zoom 1 on the middle of the graph, and the whole graph in view. */
export function viewports(b: Bounds, width: number, height: number) {
  const cx = (b.minX + b.maxX) / 2;
  const cy = (b.minY + b.maxY) / 2;
  const fit = Math.min(width / (b.maxX - b.minX), height / (b.maxY - b.minY)) * 0.9;
  return {
    zoomedIn: { x: width / 2 - cx, y: height / 2 - cy, zoom: 1 },
    zoomedOut: { x: width / 2 - cx * fit, y: height / 2 - cy * fit, zoom: fit },
  };
}
