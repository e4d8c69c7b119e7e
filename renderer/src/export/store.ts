// The export dialog's own small store: its settings and the run in progress (slides or a lesson player). Kept apart from the app store, whose
// slices belong to the document, the selection, the view and the replay.
import { create } from 'zustand';
import type { SlideLang, SlideTheme } from '../../../shared/slides';

export type SlideExportFormat = 'png' | 'svg' | 'pdf' | 'pptx' | 'gif';
/** The slide formats and the lesson player (one HTML file; no theme or size). */
export type ExportFormat = SlideExportFormat | 'player';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['png', 'svg', 'pdf', 'pptx', 'gif', 'player'];

export const SIZES = [
  { id: '1280x720', width: 1280, height: 720 },
  { id: '1920x1080', width: 1920, height: 1080 },
  { id: '2560x1440', width: 2560, height: 1440 },
  { id: '3840x2160', width: 3840, height: 2160 },
] as const;
export type SizeId = (typeof SIZES)[number]['id'];

export interface ExportSettings {
  /** 1-based inclusive range of the level's steps. */
  from: number;
  to: number;
  level: number;
  lang: SlideLang;
  theme: SlideTheme;
  size: SizeId;
  format: ExportFormat;
}

export interface ExportRun {
  phase: 'preparing' | 'rendering' | 'packing';
  done: number;
  total: number;
}

export interface ExportState {
  open: boolean;
  settings: ExportSettings;
  run?: ExportRun;
  error?: string;
  /** Asked "export N slides?" (above MANY_SLIDES); the next Export goes ahead. */
  confirmMany?: boolean;
}

export const useExport = create<ExportState>()(() => ({
  open: false,
  settings: { from: 1, to: 1, level: 7, lang: 'en', theme: 'light', size: '1920x1080', format: 'pptx' },
}));

export function sizeOf(id: SizeId): { width: number; height: number } {
  const size = SIZES.find((s) => s.id === id) ?? SIZES[1];
  return { width: size.width, height: size.height };
}
