// One store, split in slices. The replay slice will join here.
import { create } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from './document';
import { createSelectionSlice, type SelectionSlice } from './selection';
import { createUiSlice, type UiSlice } from './ui';

export type AppState = DocumentSlice & SelectionSlice & UiSlice;

export const useApp = create<AppState>()((...a) => ({
  ...createDocumentSlice(...a),
  ...createSelectionSlice(...a),
  ...createUiSlice(...a),
}));

export { isDirty } from './document';
