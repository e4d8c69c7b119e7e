import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export interface Selection {
  deviceIds: string[];
  linkIds: string[];
}

export const EMPTY_SELECTION: Selection = { deviceIds: [], linkIds: [] };

export interface SelectionSlice {
  selection: Selection;
  setSelection(selection: Selection): void;
  selectAll(): void;
  clearSelection(): void;
  /** Drop ids that no longer exist (after delete, undo, redo). */
  pruneSelection(): void;
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  selection: EMPTY_SELECTION,

  setSelection(selection) {
    const current = get().selection;
    if (sameIds(current.deviceIds, selection.deviceIds) && sameIds(current.linkIds, selection.linkIds)) return;
    set({ selection });
  },

  selectAll() {
    const { doc } = get();
    if (!doc) return;
    set({ selection: { deviceIds: doc.devices.map((d) => d.id), linkIds: doc.links.map((l) => l.id) } });
  },

  clearSelection() {
    get().setSelection(EMPTY_SELECTION);
  },

  pruneSelection() {
    const { doc, selection } = get();
    if (!doc) return;
    const devices = new Set(doc.devices.map((d) => d.id));
    const links = new Set(doc.links.map((l) => l.id));
    get().setSelection({
      deviceIds: selection.deviceIds.filter((id) => devices.has(id)),
      linkIds: selection.linkIds.filter((id) => links.has(id)),
    });
  },
});
