// Presenter mode: the window becomes the audience's screen (full screen, the canvas zoomed to each step, the caption
// and the header fields beside it), a presenter view in a second window can follow and drive it, and leaving puts
// the editor back as it was (selection, view, replay panel).
import type { Viewport } from '@xyflow/react';
import { useApp } from '../store';
import type { Selection } from '../store/selection';
import { flow } from '../canvas/flowApi';
import { playback, setAllFrames, setLevel } from '../replay-session/actions';
import { usePresent } from './store';
import { channelName, parseToAudience, type PresentAction, type PresentSnapshot, type ToPresenter } from './protocol';

interface EditorState {
  selection: Selection;
  viewport: Viewport | undefined;
  panelOpen: boolean;
  allFrames: boolean;
}

let saved: EditorState | undefined;
let channel: BroadcastChannel | undefined;
let stopSync: (() => void) | undefined;
/** We asked to leave full screen (or opened a window, which may make the browser leave it): not a request to stop. */
let expectFullscreenExit = false;
let enteredFullscreen = false;

const app = () => useApp.getState();

function canPresent(): boolean {
  const s = app();
  return !!s.doc && !s.showStart && !!s.replay.trace && !s.replay.running;
}

function sayNeedsReplay(): void {
  app().pushToast({
    kind: 'info',
    title: { key: 'needsReplay', ns: 'present' },
    message: { key: 'needsReplayHow', ns: 'present' },
  });
}

function snapshot(): PresentSnapshot {
  const s = app();
  const p = usePresent.getState();
  return {
    step: s.replay.step,
    level: s.replay.level,
    blank: p.blank,
    playing: s.replay.playing,
    lang: s.language,
    theme: s.theme,
    startedAt: p.startedAt,
  };
}

function post(message: ToPresenter): void {
  try {
    channel?.postMessage(message);
  } catch {
    // A closed channel (the window is going away): nothing to tell.
  }
}

function sendDeck(): void {
  const s = app();
  if (!s.replay.trace || !s.replay.runTopology) return;
  post({
    kind: 'deck',
    trace: s.replay.trace,
    topology: s.replay.runTopology,
    name: s.file?.name ?? s.doc?.name ?? '',
  });
}

function run(action: PresentAction): void {
  playback({ type: action });
}

function onMessage(event: MessageEvent): void {
  const message = parseToAudience(event.data);
  if (!message) return;
  switch (message.kind) {
    case 'hello':
      sendDeck();
      post({ kind: 'state', state: snapshot() });
      return;
    case 'bye':
      // The presenter view closed: the audience's screen goes on presenting. (Alt+F5 opens it again.)
      return;
    case 'end':
      leavePresent();
      return;
    case 'go':
      run(message.action);
      return;
    case 'seek':
      playback({ type: 'seek', step: message.step });
      return;
    case 'level':
      setLevel(message.level);
      return;
    case 'blank':
      usePresent.setState({ blank: message.on });
      return;
  }
}

/** Keeps the presenter view in step with the audience's screen, and ends the presentation when the replay goes. */
function startSync(): () => void {
  let last = JSON.stringify(snapshot());
  const changed = () => {
    const now = snapshot();
    const text = JSON.stringify(now);
    if (text !== last) {
      last = text;
      post({ kind: 'state', state: now });
    }
  };
  const unApp = useApp.subscribe((s, before) => {
    if (!s.replay.trace || s.showStart || !s.doc) {
      leavePresent();
      return;
    }
    if (s.replay.trace !== before.replay.trace || s.replay.runTopology !== before.replay.runTopology) sendDeck();
    changed();
  });
  const unPresent = usePresent.subscribe(changed);
  const onPageHide = () => post({ kind: 'end' });
  window.addEventListener('pagehide', onPageHide);
  return () => {
    unApp();
    unPresent();
    window.removeEventListener('pagehide', onPageHide);
  };
}

function onFullscreenChange(): void {
  if (document.fullscreenElement) return;
  const expected = expectFullscreenExit;
  expectFullscreenExit = false;
  // The browser left full screen (its own Esc, which the page never sees as a key): presenting ends with it.
  if (enteredFullscreen && !expected && usePresent.getState().active) leavePresent();
  enteredFullscreen = false;
}

async function requestFullscreen(): Promise<void> {
  const root = document.documentElement;
  if (document.fullscreenElement || typeof root.requestFullscreen !== 'function') return;
  try {
    await root.requestFullscreen({ navigationUI: 'hide' });
    enteredFullscreen = true;
  } catch {
    // Refused (no user gesture, a policy, a browser without it): presenting goes on in the window.
  }
}

function exitFullscreen(): void {
  if (!document.fullscreenElement) return;
  expectFullscreenExit = true;
  void document.exitFullscreen().catch(() => undefined);
}

export function toggleFullscreen(): void {
  if (document.fullscreenElement) exitFullscreen();
  else void requestFullscreen();
}

function newSession(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}

/** View ▸ Present: the audience's screen. Without a replay, a notice says what to do first. */
export function enterPresent(options: { fullscreen?: boolean } = {}): void {
  if (usePresent.getState().active) return;
  if (!canPresent()) {
    sayNeedsReplay();
    return;
  }
  const s = app();
  saved = {
    selection: s.selection,
    viewport: flow()?.getViewport(),
    panelOpen: s.replay.panelOpen,
    allFrames: s.replay.allFrames,
  };
  // A class is shown the level's steps, each with its caption, not every hop of every frame.
  setAllFrames(false);
  // The replay panel stays mounted (hidden): it plays the journey. The selection would outline devices on the screen.
  s.setReplay({ panelOpen: true });
  s.setSelection({ deviceIds: [], linkIds: [] });
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  const session = newSession();
  usePresent.setState({ active: true, blank: false, startedAt: Date.now(), session });
  if (typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel(channelName(session));
    channel.onmessage = onMessage;
  }
  stopSync = startSync();
  document.addEventListener('fullscreenchange', onFullscreenChange);
  if (options.fullscreen !== false) void requestFullscreen();
}

/** Esc: the editor comes back as it was before presenting. */
export function leavePresent(): void {
  if (!usePresent.getState().active) return;
  post({ kind: 'end' });
  stopSync?.();
  stopSync = undefined;
  channel?.close();
  channel = undefined;
  document.removeEventListener('fullscreenchange', onFullscreenChange);
  exitFullscreen();
  usePresent.setState({ active: false, blank: false });
  const s = app();
  const was = saved;
  saved = undefined;
  if (s.replay.playing) s.setReplay({ playing: false });
  if (!was) return;
  if (s.doc) {
    const ids = new Set(s.doc.devices.map((d) => d.id));
    const links = new Set(s.doc.links.map((l) => l.id));
    s.setSelection({
      deviceIds: was.selection.deviceIds.filter((id) => ids.has(id)),
      linkIds: was.selection.linkIds.filter((id) => links.has(id)),
    });
  }
  if (s.replay.trace) {
    s.setReplay({ panelOpen: was.panelOpen });
    if (was.allFrames) setAllFrames(true);
  }
  const viewport = was.viewport;
  // Once the editor's panels are back and the canvas has its old size.
  if (viewport) requestAnimationFrame(() => void flow()?.setViewport(viewport));
}

export function togglePresent(): void {
  if (usePresent.getState().active) leavePresent();
  else enterPresent();
}

export function toggleBlank(): void {
  usePresent.setState((p) => ({ blank: !p.blank }));
}

/** The address of the presenter view for this presentation: the same app at #/presenter. */
function presenterUrl(session: string): string {
  return `${location.origin}${location.pathname}${location.search}#/presenter?session=${encodeURIComponent(session)}`;
}

/** View ▸ Presenter View: presents here (if not yet) and opens the presenter's window beside it. */
export function openPresenterView(): void {
  if (!usePresent.getState().active) {
    if (!canPresent()) {
      sayNeedsReplay();
      return;
    }
    // Not full screen yet: opening a window would take the browser out of it again. F (or the command) goes full screen.
    enterPresent({ fullscreen: false });
  }
  const { session } = usePresent.getState();
  if (document.fullscreenElement) {
    expectFullscreenExit = true;
    setTimeout(() => (expectFullscreenExit = false), 1500);
  }
  const opened = window.open(
    presenterUrl(session),
    `packet-journey-presenter-${session}`,
    'popup,width=1280,height=800',
  );
  if (!opened) {
    expectFullscreenExit = false;
    app().pushToast({
      kind: 'error',
      title: { key: 'popupBlocked', ns: 'present' },
      message: { key: 'popupBlockedHow', ns: 'present' },
    });
  }
}
