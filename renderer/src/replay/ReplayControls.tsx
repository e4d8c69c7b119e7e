// Play/pause, step, first/last, speed and a scrubber over the items of the current level, with the keyboard
// (Space, ←/→, Home/End) and a narration line a screen reader announces as the step changes.
import { useEffect, useMemo, useRef, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronFirst, ChevronLast, Pause, Play, StepBack, StepForward } from 'lucide-react';
import type { ReplayItem } from '../../../shared/replay/levels';
import { currentItem, SPEEDS, tickIntervalMs, type PlaybackAction, type PlaybackState, type Speed } from '../../../shared/replay/playback';
import { useCaption } from './model';

// Created once: React skips re-rendering an element it has already rendered, and a step re-renders the controls.
const ICONS = {
  first: <ChevronFirst size={18} aria-hidden />,
  back: <StepBack size={18} aria-hidden />,
  play: <Play size={18} aria-hidden />,
  pause: <Pause size={18} aria-hidden />,
  forward: <StepForward size={18} aria-hidden />,
  last: <ChevronLast size={18} aria-hidden />,
};

export interface ReplayControlsProps {
  items: ReplayItem[];
  playback: PlaybackState;
  dispatch(action: PlaybackAction): void;
  /** Listen to Space, ←/→, Home/End on the whole window (ignored while typing in a field). Default true. */
  globalKeys?: boolean;
  onShowDetail?(step: number): void;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function keyToAction(key: string): PlaybackAction | undefined {
  switch (key) {
    case ' ': return { type: 'toggle' };
    case 'ArrowLeft': return { type: 'back' };
    case 'ArrowRight': return { type: 'forward' };
    case 'Home': return { type: 'first' };
    case 'End': return { type: 'last' };
    default: return undefined;
  }
}

export function ReplayControls({ items, playback, dispatch, globalKeys = true, onShowDetail }: ReplayControlsProps): JSX.Element {
  const { t } = useTranslation('replay');
  const caption = useCaption();
  const position = currentItem(items, playback.step);
  const item = items[position];
  const dispatchRef = useRef(dispatch);
  dispatchRef.current = dispatch;

  useEffect(() => {
    if (!playback.playing) return;
    const timer = setTimeout(() => dispatchRef.current({ type: 'tick' }), tickIntervalMs(playback));
    return () => clearTimeout(timer);
  }, [playback]);

  useEffect(() => {
    if (!globalKeys) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      // Buttons handle Space themselves (click); don't toggle twice.
      if (e.key === ' ' && (e.target as HTMLElement | null)?.tagName === 'BUTTON') return;
      const action = keyToAction(e.key);
      if (!action) return;
      e.preventDefault();
      dispatchRef.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [globalKeys]);

  const total = items.length;
  // Translated once per language (labels) and once per item (narration, position): a step re-renders these controls,
  // and two dozen translations per step were a measurable part of it.
  const label = useMemo(() => ({
    controls: t('controls.label'), first: t('controls.first'), back: t('controls.back'), play: t('controls.play'), pause: t('controls.pause'),
    forward: t('controls.forward'), last: t('controls.last'), scrubber: t('controls.scrubber'), speed: t('controls.speed'),
    details: t('controls.details'), keys: t('controls.keys'),
    speeds: SPEEDS.map((speed) => t('controls.speedOption', { speed })),
  }), [t]);
  const narration = useMemo(() => (item ? t('controls.narration', { n: position + 1, total, caption: caption(item.caption) }) : ''), [item, position, total, t, caption]);
  const positionText = useMemo(() => t('controls.position', { n: position + 1, total }), [position, total, t]);
  return (
    <section className="pj-replay pj-controls" aria-label={label.controls}>
      <div className="pj-controls-row">
        <button type="button" className="pj-icon-btn" onClick={() => dispatch({ type: 'first' })} aria-label={label.first} title={`${label.first} (Home)`}>{ICONS.first}</button>
        <button type="button" className="pj-icon-btn" onClick={() => dispatch({ type: 'back' })} aria-label={label.back} title={`${label.back} (←)`}>{ICONS.back}</button>
        <button type="button" className="pj-icon-btn pj-play" onClick={() => dispatch({ type: 'toggle' })} aria-label={playback.playing ? label.pause : label.play} title={`${playback.playing ? label.pause : label.play} (Space)`} data-testid="replay-play">
          {playback.playing ? ICONS.pause : ICONS.play}
        </button>
        <button type="button" className="pj-icon-btn" onClick={() => dispatch({ type: 'forward' })} aria-label={label.forward} title={`${label.forward} (→)`} data-testid="replay-forward">{ICONS.forward}</button>
        <button type="button" className="pj-icon-btn" onClick={() => dispatch({ type: 'last' })} aria-label={label.last} title={`${label.last} (End)`}>{ICONS.last}</button>
        <input
          className="pj-scrubber"
          type="range"
          min={0}
          max={Math.max(total - 1, 0)}
          value={Math.max(position, 0)}
          onChange={(e) => dispatch({ type: 'scrub', item: Number(e.target.value) })}
          aria-label={label.scrubber}
          aria-valuetext={positionText}
          data-testid="replay-scrubber"
        />
        <span className="pj-position" data-testid="replay-position">{positionText}</span>
        <label className="pj-field pj-speed">
          <span>{label.speed}</span>
          <select value={playback.speed} onChange={(e) => dispatch({ type: 'speed', speed: Number(e.target.value) as Speed })}>
            {SPEEDS.map((s, i) => <option key={s} value={s}>{label.speeds[i]}</option>)}
          </select>
        </label>
      </div>
      <div className="pj-narration-row">
        <p className="pj-narration" aria-live="polite" aria-atomic="true" data-testid="replay-narration">{narration}</p>
        {item && onShowDetail && (
          <button type="button" className="pj-btn pj-btn-small" onClick={() => onShowDetail(item.detailStep)}>{label.details}</button>
        )}
      </div>
      <p className="pj-keys pj-muted">{label.keys}</p>
    </section>
  );
}
