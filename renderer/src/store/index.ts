// One store, split in slices: the document, the selection, view state, and the replay.
import { create } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from './document';
import { createSelectionSlice, type SelectionSlice } from './selection';
import { createUiSlice, type UiSlice } from './ui';
import { createReplaySlice, type ReplaySlice } from './replay';

export type AppState = DocumentSlice & SelectionSlice & UiSlice & ReplaySlice;

export const useApp = create<AppState>()((...a) => ({
  ...createDocumentSlice(...a),
  ...createSelectionSlice(...a),
  ...createUiSlice(...a),
  ...createReplaySlice(...a),
}));

export { isDirty } from './document';
