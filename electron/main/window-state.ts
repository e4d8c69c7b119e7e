// Remembered window size and position. Plain Node; the caller passes the displays' work areas from Electron's
// `screen`, so a window saved on a monitor that is gone comes back on a visible one.
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './files';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

const StoredState = z.object({
  version: z.literal(1),
  bounds: z.object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  maximized: z.boolean(),
});

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 800, height: 560 };

export async function loadWindowState(path: string): Promise<WindowState | undefined> {
  const parsed = StoredState.safeParse(await readJsonFile(path));
  return parsed.success ? { bounds: parsed.data.bounds, maximized: parsed.data.maximized } : undefined;
}

export async function saveWindowState(path: string, state: WindowState): Promise<void> {
  const b = state.bounds;
  await writeJsonFile(path, {
    version: 1,
    bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
    maximized: state.maximized,
  });
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Bounds to open the window with: the saved ones if enough of the window lands on some display (at least a title
 * bar's worth), else centred on the primary display; always no larger than that display.
 */
export function placeWindow(
  saved: WindowState | undefined,
  workAreas: Rect[],
): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  const primary = workAreas[0];
  const fit = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: Math.max(MIN_SIZE.width, area ? Math.min(size.width, area.width) : size.width),
    height: Math.max(MIN_SIZE.height, area ? Math.min(size.height, area.height) : size.height),
  });
  if (saved) {
    const target = workAreas
      .map((area) => ({ area, visible: overlap(saved.bounds, area) }))
      .sort((a, b) => b.visible - a.visible)[0];
    if (target && target.visible >= Math.min(saved.bounds.width, 200) * 40) {
      const size = fit(saved.bounds, target.area);
      return { bounds: { x: saved.bounds.x, y: saved.bounds.y, ...size }, maximized: saved.maximized };
    }
    const size = fit(saved.bounds, primary);
    return { bounds: centred(size, primary), maximized: saved.maximized };
  }
  return { bounds: centred(fit(DEFAULT_SIZE, primary), primary), maximized: false };
}

function centred(size: { width: number; height: number }, area: Rect | undefined) {
  if (!area) return size;
  return {
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
    ...size,
  };
}
