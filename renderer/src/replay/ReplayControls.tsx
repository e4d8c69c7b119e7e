// Play/pause, step, first/last, speed and a scrubber over the items of the current level, and a narration line a
// screen reader announces as the step changes. (The keys, Space, ←/→, Home/End, are the app's: replay-session/keys.ts.)
import { memo, useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronFirst, ChevronLast, Pause, Play, StepBack, StepForward } from 'lucide-react';
import type { ReplayItem } from '../../../shared/replay/levels';
import { currentItem, SPEEDS, type PlaybackAction, type Speed } from '../../../shared/replay/playback';
import { useCaption } from './model';
import { useStep, type StepSource } from './stepSource';

// Created once: React skips re-rendering an element it has already rendered.
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
  /** The current step: only the position, the scrubber and the narration re-render when it changes. */
  step: StepSource;
  playing: boolean;
  speed: Speed;
  dispatch(action: PlaybackAction): void;
  onShowDetail?(step: number): void;
}

/** The scrubber and "n / total": what a step changes in the controls' row. */
function StepPosition({
  items,
  step,
  dispatch,
  label,
}: {
  items: ReplayItem[];
  step: StepSource;
  dispatch(action: PlaybackAction): void;
  label: string;
}) {
  const { t } = useTranslation('replay');
  const position = currentItem(items, useStep(step));
  const total = items.length;
  // Translated once per item: two dozen translations per step were a measurable part of a step's cost.
  const positionText = useMemo(() => t('controls.position', { n: position + 1, total }), [position, total, t]);
  return (
    <>
      <input
        className="pj-scrubber"
        type="range"
        min={0}
        max={Math.max(total - 1, 0)}
        value={Math.max(position, 0)}
        onChange={(e) => dispatch({ type: 'scrub', item: Number(e.target.value) })}
        aria-label={label}
        aria-valuetext={positionText}
        data-testid="replay-scrubber"
      />
      <span className="pj-position" data-testid="replay-position">
        {positionText}
      </span>
    </>
  );
}

/** The current item's caption, announced by screen readers as it changes, with the way to its full frame detail. */
function StepNarration({
  items,
  step,
  onShowDetail,
  label,
}: {
  items: ReplayItem[];
  step: StepSource;
  onShowDetail?(step: number): void;
  label: string;
}) {
  const { t } = useTranslation('replay');
  const caption = useCaption();
  const position = currentItem(items, useStep(step));
  const item = items[position];
  const total = items.length;
  const narration = useMemo(
    () => (item ? t('controls.narration', { n: position + 1, total, caption: caption(item.caption) }) : ''),
    [item, position, total, t, caption],
  );
  return (
    <div className="pj-narration-row">
      <p className="pj-narration" aria-live="polite" aria-atomic="true" data-testid="replay-narration">
        {narration}
      </p>
      {item && onShowDetail && (
        <button type="button" className="pj-btn pj-btn-small" onClick={() => onShowDetail(item.detailStep)}>
          {label}
        </button>
      )}
    </div>
  );
}

function ReplayControlsView({ items, step, playing, speed, dispatch, onShowDetail }: ReplayControlsProps): JSX.Element {
  const { t } = useTranslation('replay');
  const label = useMemo(
    () => ({
      controls: t('controls.label'),
      first: t('controls.first'),
      back: t('controls.back'),
      play: t('controls.play'),
      pause: t('controls.pause'),
      forward: t('controls.forward'),
      last: t('controls.last'),
      scrubber: t('controls.scrubber'),
      speed: t('controls.speed'),
      details: t('controls.details'),
      keys: t('controls.keys'),
      speeds: SPEEDS.map((s) => t('controls.speedOption', { speed: s })),
    }),
    [t],
  );
  return (
    <section className="pj-replay pj-controls" aria-label={label.controls}>
      <div className="pj-controls-row">
        <div className="pj-transport">
          <div className="pj-transport-bar">
            <button
              type="button"
              className="pj-icon-btn"
              onClick={() => dispatch({ type: 'first' })}
              aria-label={label.first}
              title={`${label.first} (Home)`}
            >
              {ICONS.first}
            </button>
            <button
              type="button"
              className="pj-icon-btn"
              onClick={() => dispatch({ type: 'back' })}
              aria-label={label.back}
              title={`${label.back} (←)`}
            >
              {ICONS.back}
            </button>
            <button
              type="button"
              className="pj-icon-btn pj-play"
              onClick={() => dispatch({ type: 'toggle' })}
              aria-label={playing ? label.pause : label.play}
              title={`${playing ? label.pause : label.play} (Space)`}
              data-testid="replay-play"
            >
              {playing ? ICONS.pause : ICONS.play}
            </button>
            <button
              type="button"
              className="pj-icon-btn"
              onClick={() => dispatch({ type: 'forward' })}
              aria-label={label.forward}
              title={`${label.forward} (→)`}
              data-testid="replay-forward"
            >
              {ICONS.forward}
            </button>
            <button
              type="button"
              className="pj-icon-btn"
              onClick={() => dispatch({ type: 'last' })}
              aria-label={label.last}
              title={`${label.last} (End)`}
            >
              {ICONS.last}
            </button>
            <StepPosition items={items} step={step} dispatch={dispatch} label={label.scrubber} />
          </div>
        </div>
        <label className="pj-field pj-speed">
          <span>{label.speed}</span>
          <select value={speed} onChange={(e) => dispatch({ type: 'speed', speed: Number(e.target.value) as Speed })}>
            {SPEEDS.map((s, i) => (
              <option key={s} value={s}>
                {label.speeds[i]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <StepNarration items={items} step={step} onShowDetail={onShowDetail} label={label.details} />
      <p className="pj-keys pj-muted">{label.keys}</p>
    </section>
  );
}

/** Memoised: its props hold while stepping, so a step renders only the position and the narration inside it. */
export const ReplayControls = memo(ReplayControlsView);
