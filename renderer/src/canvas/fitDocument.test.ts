import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopologyText } from '../../../shared/model/load';
import { generateCampus } from '../../../shared/model/generate';
import type { Device } from '../../../shared/model/schema';
import { documentViewport } from './fitDocument';
import { deviceBox } from './deviceLabel';
import { DETAIL_ZOOM } from './geometry';

function sample(name: string): Device[] {
  const loaded = loadTopologyText(
    readFileSync(resolve(__dirname, `../../../resources/samples/${name}.packetjourney`), 'utf8'),
    name,
  );
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.topology.devices;
}

/** Every device's box as drawn at the viewport's zoom, in canvas pixels: all inside the canvas, with the margin. */
function outside(devices: Device[], width: number, height: number): string[] {
  const v = documentViewport(devices, width, height)!;
  return devices.flatMap((d) => {
    const box = deviceBox(d, v.zoom >= DETAIL_ZOOM);
    const x = v.x + d.position.x * v.zoom;
    const y = v.y + d.position.y * v.zoom;
    const inside =
      x >= 0 && y >= 0 && x + box.width * v.zoom <= width + 0.01 && y + box.height * v.zoom <= height + 0.01;
    return inside ? [] : [`${d.name} at ${x.toFixed(0)},${y.toFixed(0)}`];
  });
}

describe('documentViewport', () => {
  it('shows every device of a sample inside the canvas, at full detail', () => {
    const devices = sample('home-to-web');
    const v = documentViewport(devices, 884, 562)!;
    expect(v.zoom).toBeGreaterThanOrEqual(DETAIL_ZOOM);
    expect(outside(devices, 884, 562)).toEqual([]);
  });

  it('fits a campus of 1,000 devices by the smaller boxes drawn below the detail zoom', () => {
    const devices = generateCampus(1000).devices;
    const v = documentViewport(devices, 884, 562)!;
    expect(v.zoom).toBeLessThan(DETAIL_ZOOM);
    expect(outside(devices, 884, 562)).toEqual([]);
    // Fitted, not merely inside: the network spans the canvas's width or height less the margin.
    const xs = devices.map((d) => v.x + d.position.x * v.zoom);
    const ys = devices.map((d) => v.y + d.position.y * v.zoom);
    const spanX = (Math.max(...xs) - Math.min(...xs)) / 884;
    const spanY = (Math.max(...ys) - Math.min(...ys)) / 562;
    expect(Math.max(spanX, spanY)).toBeGreaterThan(0.6);
  });

  it('has nothing to fit in an empty document or a canvas with no size', () => {
    expect(documentViewport([], 884, 562)).toBeUndefined();
    expect(documentViewport(sample('small-lan'), 0, 0)).toBeUndefined();
  });
});
