// Messages between the export dialog and the slides Web Worker (web mode). The trace and topology cross by
// structured clone; the finished files come back as transferred buffers.
import type { Topology } from '../../../shared/model/schema';
import type { Trace } from '../../../shared/engine/trace';
import type { DeckFile, SlideFormat } from '../../../shared/slides/export/deck-export';
import type { SlideLang, SlideTheme } from '../../../shared/slides';
import type { LessonData } from '../../../shared/player/lesson';

export interface DeckJob {
  topology: Topology;
  trace: Trace;
  steps?: [number, number];
  level: number;
  lang: SlideLang;
  theme: SlideTheme;
  format: SlideFormat;
  width: number;
  height: number;
}

export interface DiagramJob {
  topology: Topology;
  theme: SlideTheme;
  format: 'png' | 'svg';
  width: number;
  height: number;
}

export type WorkerRequest =
  | { id: number; kind: 'deck'; job: DeckJob }
  /** The first slide of a deck as a small PNG for the dialog. */
  | { id: number; kind: 'preview'; job: DeckJob; previewWidth: number }
  | { id: number; kind: 'diagram'; job: DiagramJob }
  /** A lesson player file (its fonts subset with WebAssembly, which the page's CSP does not run). */
  | { id: number; kind: 'lesson'; job: LessonData };

export type WorkerReply =
  | { id: number; kind: 'progress'; done: number; total: number }
  | { id: number; kind: 'done'; files: DeckFile[]; slides: number }
  | { id: number; kind: 'error'; message: string };
