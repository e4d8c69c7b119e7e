// The keys of presenter mode, ahead of every other key handler while the window presents: a presentation clicker
// sends PageDown/PageUp (some send ./B to blank and F5/Esc for their start/stop button), a keyboard adds Space,
// the arrows, Home/End and B. Editing keys do nothing while the class watches; the detail level keys still work.
import { changeLevel, playback } from '../replay-session/actions';
import type { PlaybackAction } from '../../../shared/replay/playback';
import { usePresent } from './store';
import { leavePresent, openPresenterView, toggleBlank, toggleFullscreen } from './actions';

const FORWARD: PlaybackAction = { type: 'forward' };
const BACK: PlaybackAction = { type: 'back' };

function stepFor(e: KeyboardEvent): PlaybackAction | undefined {
  switch (e.key) {
    case 'PageDown':
    case 'ArrowRight':
    case 'ArrowDown':
    case 'Enter':
    case 'n':
    case 'N':
      return FORWARD;
    case ' ':
      return e.shiftKey ? BACK : FORWARD;
    case 'PageUp':
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'Backspace':
      return BACK;
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    default:
      return undefined;
  }
}

/** What a key does while presenting; returns whether it was one of ours. */
function presentKey(e: KeyboardEvent): boolean {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && (e.key === '[' || e.key === ']')) {
    changeLevel(e.key === '[' ? -1 : 1);
    return true;
  }
  if (e.key === 'Escape' || (mod && e.shiftKey && e.key === 'F5')) {
    leavePresent();
    return true;
  }
  if (e.altKey && !mod && e.key === 'F5') {
    openPresenterView();
    return true;
  }
  if (mod || e.altKey) return false;
  if (e.key === 'b' || e.key === 'B' || e.key === '.') {
    if (!e.repeat) toggleBlank();
    return true;
  }
  if (e.key === 'f' || e.key === 'F') {
    if (!e.repeat) toggleFullscreen();
    return true;
  }
  const action = stepFor(e);
  if (!action) return false;
  // On a blanked screen a step key first brings the picture back, where it was, as a slide show does.
  if (usePresent.getState().blank) usePresent.setState({ blank: false });
  else playback(action);
  return true;
}

export function bindPresentKeys(target: Window = window): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    if (!usePresent.getState().active) return;
    presentKey(e);
    // Ours or not, no other handler sees it: the editor's shortcuts (Delete, Ctrl+Z…) stay out of the presentation,
    // F5 from a clicker must not rerun the journey or reload the page, and Space must not scroll or press a button.
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  const swallow = (e: KeyboardEvent) => {
    if (!usePresent.getState().active) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  target.addEventListener('keydown', onKeyDown, true);
  target.addEventListener('keyup', swallow, true);
  return () => {
    target.removeEventListener('keydown', onKeyDown, true);
    target.removeEventListener('keyup', swallow, true);
  };
}
