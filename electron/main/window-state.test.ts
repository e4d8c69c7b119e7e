import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  it('round-trips through disk, rounded to whole pixels', async () => {
    const file = join(tempDir(), 'window.json');
    await saveWindowState(file, { bounds: { x: 10.4, y: 20.6, width: 1200, height: 800 }, maximized: true });
    expect(await loadWindowState(file)).toEqual({
      bounds: { x: 10, y: 21, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('treats a missing or damaged file as no saved state', async () => {
    const dir = tempDir();
    expect(await loadWindowState(join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'bad.json'), '{"version":1,"bounds":{"x":"a"}}');
    expect(await loadWindowState(join(dir, 'bad.json'))).toBeUndefined();
  });

  it('centres a default-sized window on the primary display the first time', () => {
    expect(placeWindow(undefined, [laptop])).toEqual({
      bounds: { x: 240, y: 75, width: 1440, height: 900 },
      maximized: false,
    });
  });

  it('reopens where it was on a second monitor that is still there', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 1600, height: 1000 }, maximized: false };
    expect(placeWindow(saved, [laptop, rightMonitor])).toEqual({
      bounds: { x: 2100, y: 100, width: 1600, height: 1000 },
      maximized: false,
    });
  });

  it('brings a window from a monitor that is gone back onto the primary display, shrunk to fit', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 2400, height: 1300 }, maximized: true };
    expect(placeWindow(saved, [laptop])).toEqual({
      bounds: { x: 0, y: 0, width: 1920, height: 1050 },
      maximized: true,
    });
  });
});
