// Play/pause, step, first/last, speed and a scrubber over the items of the current level, with the keyboard
// (Space, ←/→, Home/End) and a narration line a screen reader announces as the step changes.
import { useEffect, useRef, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronFirst, ChevronLast, Pause, Play, StepBack, StepForward } from 'lucide-react';
import type { ReplayItem } from '../../../shared/replay/levels';
import { currentItem, SPEEDS, tickIntervalMs, type PlaybackAction, type PlaybackState, type Speed } from '../../../shared/replay/playback';
import { useCaption } from './model';

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
  const narration = item ? t('controls.narration', { n: position + 1, total, caption: caption(item.caption) }) : '';
  return (
    <section className="pj-replay pj-controls" aria-label={t('controls.label')}>
      <div className="pj-controls-row">
        <button type="button" className="pj-icon-btn" onClick={() => dispatch({ type: 'first' })} aria-label={t('controls.first')} title={`${t('controls.first')} (Home)`}><ChevronFirst size={18} aria-hidden /></button>
        <button type="button" className="pj-icon-btn" onClick={() => dispatch({ type: 'back' })} aria-label={t('controls.back')} title={`${t('controls.back')} (←)`}><StepBack size={18} aria-hidden /></button>
        <button type="button" className="pj-icon-btn pj-play" onClick={() => dispatch({ type: 'toggle' })} aria-label={playback.playing ? t('controls.pause') : t('controls.play')} title={`${playback.playing ? t('controls.pause') : t('controls.play')} (Space)`} data-testid="replay-play">
          {playback.playing ? <Pause size={18} aria-hidden /> : <Play size={18} aria-hidden />}
        </button>
        <button type="button" className="pj-icon-btn" onClick={() => dispatch({ type: 'forward' })} aria-label={t('controls.forward')} title={`${t('controls.forward')} (→)`} data-testid="replay-forward"><StepForward size={18} aria-hidden /></button>
        <button type="button" className="pj-icon-btn" onClick={() => dispatch({ type: 'last' })} aria-label={t('controls.last')} title={`${t('controls.last')} (End)`}><ChevronLast size={18} aria-hidden /></button>
        <input
          className="pj-scrubber"
          type="range"
          min={0}
          max={Math.max(total - 1, 0)}
          value={Math.max(position, 0)}
          onChange={(e) => dispatch({ type: 'scrub', item: Number(e.target.value) })}
          aria-label={t('controls.scrubber')}
          aria-valuetext={t('controls.position', { n: position + 1, total })}
          data-testid="replay-scrubber"
        />
        <span className="pj-position" data-testid="replay-position">{t('controls.position', { n: position + 1, total })}</span>
        <label className="pj-field pj-speed">
          <span>{t('controls.speed')}</span>
          <select value={playback.speed} onChange={(e) => dispatch({ type: 'speed', speed: Number(e.target.value) as Speed })}>
            {SPEEDS.map((s) => <option key={s} value={s}>{t('controls.speedOption', { speed: s })}</option>)}
          </select>
        </label>
      </div>
      <div className="pj-narration-row">
        <p className="pj-narration" aria-live="polite" aria-atomic="true" data-testid="replay-narration">{narration}</p>
        {item && onShowDetail && (
          <button type="button" className="pj-btn pj-btn-small" onClick={() => onShowDetail(item.detailStep)}>{t('controls.details')}</button>
        )}
      </div>
      <p className="pj-keys pj-muted">{t('controls.keys')}</p>
    </section>
  );
}
