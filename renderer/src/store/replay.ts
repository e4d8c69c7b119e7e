// The replay slice: what to fetch (the browser bar), the run in progress, the trace it produced and where the
// replay stands. The trace is the single source of truth of a replay; everything on screen derives from it.
import type { StateCreator } from 'zustand';
import type { Trace } from '../../../shared/engine/trace';
import type { LessonExportState, ReplayScenario, SlideExportState, Topology } from '../../../shared/model/schema';
import type { DetailLevel } from '../../../shared/replay/levels';
import { initialPlayback, type Speed } from '../../../shared/replay/playback';
import type { AppState } from './index';

export interface ReplayRequest {
  /** Device id of the host whose browser fetches. */
  from: string;
  url: string;
  warm: boolean;
  /** Fetches before the recorded one, the pause and the changes between them ("after visiting…"). */
  scenario?: ReplayScenario;
}

export interface ReplayData {
  request: ReplayRequest;
  level: DetailLevel;
  seed: number;
  running: boolean;
  /** The last run's result. */
  trace?: Trace;
  /** The document the trace was computed from (stale when the network changed since). */
  runTopology?: Topology;
  /** The engine could not run (not a failed fetch: that is the trace's outcome). */
  error?: string;
  /** Trace step index: the current position, saved with the file. */
  step: number;
  playing: boolean;
  speed: Speed;
  panelOpen: boolean;
  /**
   * The event list and the ladder show every hop of every frame instead of the level's steps. Kept while the document
   * is open (a new document starts without it).
   */
  allFrames: boolean;
  /** Height of the bottom replay panel in px. */
  panelHeight: number;
  /**
   * Where the replay stood before a change of level moved it to the new level's key frame (`at`), while it is still
   * there (`step`): changing level again starts from `at`, so 7 → 1 → 7 comes back to the same frame.
   */
  levelAnchor?: { at: number; step: number };
  /** The selection made by opening a decision's configuration entry: not a request to inspect that device's state. */
  configSelection?: object;
  /** The slide export dialog's last choices for this document, saved with the file. */
  slides?: SlideExportState;
  /** The lesson player export's last choices for this document, saved with the file. */
  lesson?: LessonExportState;
}

/**
 * The replay panel's first height: 400 px, or less in a short window (a projector's 720 px), where 400 left the
 * network a strip too thin to read during the replay.
 */
export function defaultPanelHeight(): number {
  const windowHeight = typeof window === 'undefined' ? 900 : window.innerHeight;
  return Math.min(400, Math.round(windowHeight * 0.44));
}

export function initialReplay(request?: Partial<ReplayRequest>): ReplayData {
  return {
    request: { from: '', url: 'http://www.example.com/', warm: false, ...request },
    level: 7,
    seed: 1,
    running: false,
    // Named, so that setReplay(initialReplay()) clears them: a patch without the keys kept the last document's run.
    trace: undefined,
    runTopology: undefined,
    error: undefined,
    configSelection: undefined,
    levelAnchor: undefined,
    ...initialPlayback(),
    panelOpen: true,
    allFrames: false,
    panelHeight: defaultPanelHeight(),
  };
}

export interface ReplaySlice {
  replay: ReplayData;
  setReplay(patch: Partial<ReplayData>): void;
}

export const createReplaySlice: StateCreator<AppState, [], [], ReplaySlice> = (set) => ({
  replay: initialReplay(),
  setReplay(patch) {
    set((s) => ({ replay: { ...s.replay, ...patch } }));
  },
});
