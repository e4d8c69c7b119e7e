// What the desktop app offers the export dialog: decks and diagram images made by the main process (resvg-js on
// the thread pool, the same pipeline as the CLI) and saved where the user picks in a native dialog, and the diagram
// on the clipboard, and lesson players (one HTML file) made by the same code as the CLI's `player`. Exposed by the
// preload as `window.packetJourneySlides`; absent in web mode.
import type { Scenario } from '../../shared/engine/trace';

export const SLIDES_IPC = {
  exportDeck: 'slides:export-deck',
  cancelDeck: 'slides:cancel-deck',
  exportDiagram: 'slides:export-diagram',
  copyDiagram: 'slides:copy-diagram',
  previewSlide: 'slides:preview',
  copySlide: 'slides:copy-slide',
  exportLesson: 'slides:export-lesson',
  // main → renderer
  progress: 'slides:progress',
} as const;

/** Formats the desktop writes: per-slide files go to a folder the user picks. */
export type DesktopSlideFormat = 'png-dir' | 'svg-dir' | 'pdf' | 'pptx' | 'gif';

export interface DeckExportRequest {
  requestId: string;
  /** The document the replay was run on, as canonical text: main re-reads it with the shared loader. */
  topologyText: string;
  /** The journey to draw, with what was done before it (`before`, `pauseSeconds`, `thenSet`). Main runs it again in
   *  its engine worker (the engine is deterministic, so this is the trace the renderer shows) rather than trusting a
   *  trace object from the page. */
  scenario: Scenario;
  level: number;
  steps: [number, number];
  lang: 'en' | 'ko';
  theme: 'light' | 'dark' | 'print';
  format: DesktopSlideFormat;
  width: number;
  height: number;
  /** File or folder name suggested in the save dialog, without extension. */
  suggestedName: string;
}

/** The first slide of a deck, small, for the export dialog's preview. */
export interface SlidePreviewRequest {
  topologyText: string;
  scenario: DeckExportRequest['scenario'];
  level: number;
  /** 1-based step (of the level) the deck starts at. */
  step: number;
  lang: 'en' | 'ko';
  theme: 'light' | 'dark' | 'print';
  width: number;
  height: number;
  /** Pixel width of the preview image. */
  previewWidth: number;
}

/** One step's slide, full size (width × height), for the clipboard. */
export type SlideCopyRequest = Omit<SlidePreviewRequest, 'previewWidth'>;

/** File ▸ Export ▸ Lesson Player…: the journey as one offline HTML file, written where the user picks. */
export interface LessonExportRequest {
  topologyText: string;
  scenario: Scenario;
  /** The level the player opens at. */
  level: number;
  /** Optional lock to a range of that level's steps (1-based, inclusive). */
  steps?: [number, number];
  lang: 'en' | 'ko';
  /** File name suggested in the save dialog, without extension. */
  suggestedName: string;
}

export interface DiagramExportRequest {
  topologyText: string;
  theme: 'light' | 'dark' | 'print';
  format: 'png' | 'svg';
  width: number;
  height: number;
  suggestedName: string;
}

export interface DiagramCopyRequest {
  topologyText: string;
  theme: 'light' | 'dark' | 'print';
  width: number;
  height: number;
}

export type SlidesExportResult =
  | { ok: true; path: string; slides: number }
  | { ok: false; canceled: true }
  | { ok: false; canceled: false; error: string };

export interface SlidesProgress {
  requestId: string;
  done: number;
  total: number;
}

export interface SlidesBridge {
  exportDeck(
    request: DeckExportRequest,
    onProgress?: (done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<SlidesExportResult>;
  exportDiagram(request: DiagramExportRequest): Promise<SlidesExportResult>;
  copyDiagram(request: DiagramCopyRequest): Promise<{ ok: true } | { ok: false; error: string }>;
  previewSlide(request: SlidePreviewRequest): Promise<{ ok: true; png: Uint8Array } | { ok: false; error: string }>;
  copySlide(request: SlideCopyRequest): Promise<{ ok: true } | { ok: false; error: string }>;
  /** `slides` is the number of steps the player holds. */
  exportLesson(request: LessonExportRequest): Promise<SlidesExportResult>;
}
