// Replay keys while a replay is shown: ←/→ step, Home/End go to the ends, a tap on Space plays or pauses.
// Space held while dragging still pans the canvas (React Flow's pan key): only a tap without a drag toggles.
// Keys stay with text fields, selects, sliders and buttons, and with open dialogs.
import { useApp } from '../store';
import { playback } from './actions';
import type { PlaybackAction } from '../../../shared/replay/playback';

/** Commands whose unmodified keys this module handles (tinykeys leaves them alone). */
export const REPLAY_KEY_COMMANDS = new Set([
  'simulation.playPause',
  'simulation.stepBack',
  'simulation.stepForward',
  'simulation.first',
  'simulation.last',
]);

const STEP_KEYS: Record<string, PlaybackAction> = {
  ArrowLeft: { type: 'back' },
  ArrowRight: { type: 'forward' },
  Home: { type: 'first' },
  End: { type: 'last' },
};

/** Elements that use the key themselves: text editing, selects, sliders; buttons and links also use Space. */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  if (['separator', 'slider'].includes(target.getAttribute('role') ?? '')) return true;
  // The event list (a tree: ←/→ close and open a step's frames) and a ladder that scrolls sideways keep their keys.
  if (target.getAttribute('role') === 'tree' || (target.dataset.ownsArrows === 'true' && key !== ' ')) return true;
  // Menus (the in-window menu bar moves between menus with ←/→) and dialogs keep their keys.
  if (target.closest('[role="menu"], [role="menubar"], [role="dialog"]')) return true;
  return key === ' ' && ['BUTTON', 'SUMMARY', 'A'].includes(target.tagName);
}

export function replayKeysActive(): boolean {
  const s = useApp.getState();
  return (
    !!s.replay.trace &&
    s.replay.panelOpen &&
    !s.replay.running &&
    !s.confirmRequest &&
    !s.aboutOpen &&
    !s.commandPaletteOpen
  );
}

export function bindReplayKeys(target: Window = window): () => void {
  let spaceTap = false;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || !replayKeysActive() || ownsKey(e.target, e.key)) return;
    if (e.key === ' ') {
      if (!e.repeat) spaceTap = true;
      e.preventDefault(); // no page scroll; React Flow still sees the key for Space+drag panning
      return;
    }
    const action = STEP_KEYS[e.key];
    if (!action || e.shiftKey) return;
    // Captured before the canvas: during a replay the arrows step through it instead of nudging nodes.
    e.preventDefault();
    e.stopPropagation();
    playback(action);
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (e.key !== ' ') return;
    const tap = spaceTap;
    spaceTap = false;
    if (tap && replayKeysActive() && !ownsKey(e.target, ' ')) playback({ type: 'toggle' });
  };
  const onPointerDown = () => {
    spaceTap = false;
  };
  target.addEventListener('keydown', onKeyDown, true);
  target.addEventListener('keyup', onKeyUp, true);
  target.addEventListener('pointerdown', onPointerDown, true);
  return () => {
    target.removeEventListener('keydown', onKeyDown, true);
    target.removeEventListener('keyup', onKeyUp, true);
    target.removeEventListener('pointerdown', onPointerDown, true);
  };
}
