// Presenter mode's own state: whether the window presents, whether the screen is blanked, since when, and the
// presenter view's channel. Not part of the document and not saved.
import { create } from 'zustand';

interface PresentState {
  active: boolean;
  blank: boolean;
  /** Date.now() when presenting began: the presenter view's clock starts there. */
  startedAt: number;
  /** The BroadcastChannel session shared with the presenter view (one per presentation). */
  session: string;
}

export const usePresent = create<PresentState>()(() => ({ active: false, blank: false, startedAt: 0, session: '' }));
