// The document slice: the Topology is the one source of truth; every change goes through `commit`, which records an
// undo step. History holds whole snapshots: immer's structural sharing makes them cheap and undo trivially exact.
import { produce } from 'immer';
import type { StateCreator } from 'zustand';
import type { Topology } from '../../../shared/model/schema';
import type { AppState } from './index';

export interface OpenFileInfo {
  name: string;
  /** Electron path or a web-mode handle token; absent for a new or sample document. */
  path?: string;
}

export interface HistoryEntry {
  label: string;
  before: Topology;
  after: Topology;
}

const HISTORY_LIMIT = 500;

export interface DocumentSlice {
  doc: Topology | null;
  file: OpenFileInfo | null;
  /** The topology as last opened or saved: the document is dirty when it is not this very object. */
  saved: Topology | null;
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** Bumped on every document replacement (open/new) so views can reset (fit view, clear problems). */
  docGeneration: number;
  /** Topology at the start of a continuous gesture (a drag), committed as one undo step when it ends. */
  gestureBase: Topology | null;

  applyEdit(label: string, recipe: (draft: Topology) => void): void;
  commit(label: string, next: Topology): void;
  beginGesture(): void;
  updateGesture(recipe: (draft: Topology) => void): void;
  endGesture(label: string): void;
  undo(): void;
  redo(): void;
  replaceDocument(doc: Topology, file: OpenFileInfo | null, opts?: { dirty?: boolean }): void;
  markSaved(file: OpenFileInfo): void;
}

export const isDirty = (s: Pick<DocumentSlice, 'doc' | 'saved'>): boolean => s.doc !== null && s.doc !== s.saved;

export const createDocumentSlice: StateCreator<AppState, [], [], DocumentSlice> = (set, get) => ({
  doc: null,
  file: null,
  saved: null,
  past: [],
  future: [],
  docGeneration: 0,
  gestureBase: null,

  applyEdit(label, recipe) {
    const { doc } = get();
    if (!doc) return;
    get().commit(label, produce(doc, recipe));
  },

  commit(label, next) {
    const { doc, past } = get();
    if (!doc || next === doc) return;
    const entry: HistoryEntry = { label, before: doc, after: next };
    set({ doc: next, past: [...past.slice(-(HISTORY_LIMIT - 1)), entry], future: [] });
    get().pruneSelection();
  },

  beginGesture() {
    const { doc, gestureBase } = get();
    if (doc && !gestureBase) set({ gestureBase: doc });
  },

  updateGesture(recipe) {
    const { doc } = get();
    if (!doc) return;
    if (!get().gestureBase) set({ gestureBase: doc });
    set({ doc: produce(doc, recipe) });
  },

  endGesture(label) {
    const { doc, gestureBase, past } = get();
    if (!gestureBase || !doc) return;
    if (doc === gestureBase) {
      set({ gestureBase: null });
      return;
    }
    set({
      gestureBase: null,
      past: [...past.slice(-(HISTORY_LIMIT - 1)), { label, before: gestureBase, after: doc }],
      future: [],
    });
  },

  undo() {
    const { past, future, gestureBase } = get();
    if (gestureBase || past.length === 0) return;
    const entry = past[past.length - 1];
    set({ doc: entry.before, past: past.slice(0, -1), future: [entry, ...future] });
    get().pruneSelection();
  },

  redo() {
    const { past, future, gestureBase } = get();
    if (gestureBase || future.length === 0) return;
    const entry = future[0];
    set({ doc: entry.after, past: [...past, entry], future: future.slice(1) });
    get().pruneSelection();
  },

  replaceDocument(doc, file, opts) {
    set((s) => ({
      doc,
      file,
      saved: opts?.dirty ? null : doc,
      past: [],
      future: [],
      gestureBase: null,
      docGeneration: s.docGeneration + 1,
      selection: { deviceIds: [], linkIds: [] },
      inspectorFocus: undefined,
      showStart: false,
    }));
  },

  markSaved(file) {
    set((s) => ({ saved: s.doc, file }));
  },
});
