// Presenter mode's own state: whether the window presents, whether the screen is blanked, since when, and the
// presenter view's channel. Not part of the document and not saved.
import { create } from 'zustand';

export interface PresentState {
  active: boolean;
  blank: boolean;
  /** Date.now() when presenting began: the presenter view's clock starts there. */
  startedAt: number;
  /** The BroadcastChannel session shared with the presenter view (one per presentation). */
  session: string;
  /** A presenter view window has said hello and not yet goodbye. */
  presenterOpen: boolean;
}

export const usePresent = create<PresentState>()(() => ({ active: false, blank: false, startedAt: 0, session: '', presenterOpen: false }));
