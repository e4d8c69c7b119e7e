// The audience's screen while presenting: the canvas (the app's own, with the replay drawn on it) fills the screen
// above a band with the step's caption and its key frame's header fields; B blanks it to black. Each step zooms the
// canvas to the devices it is about. The editor's panels stay mounted under it (hidden), so leaving restores them.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../store';
import { itemsFor } from '../replay-session/derive';
import { currentItem } from '../../../shared/replay/playback';
import { focusDevices } from '../../../shared/replay/focus';
import { useCaption } from '../replay/model';
import { fitDevices } from '../canvas/flowApi';
import { FieldsBox } from './FieldsBox';
import { usePresent } from './store';
import './present.css';

const FOCUS_FIT = { padding: 0.28, maxZoom: 1.6 };

/** Shrinks the caption's font until it fits its box (a long caption stays whole, smaller, rather than cut). */
function useFittedText(text: string) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [size, setSize] = useState(1);
  useLayoutEffect(() => setSize(1), [text]);
  useLayoutEffect(() => {
    const el = ref.current;
    const box = el?.parentElement;
    if (!el || !box) return;
    if (box.scrollHeight > box.clientHeight + 1 && size > 0.6) setSize((s) => Math.round((s - 0.06) * 100) / 100);
  }, [text, size]);
  return { ref, size };
}

function Audience(): JSX.Element | null {
  const { t } = useTranslation('present');
  const caption = useCaption();
  const trace = useApp((s) => s.replay.trace);
  const runTopology = useApp((s) => s.replay.runTopology);
  const level = useApp((s) => s.replay.level);
  const step = useApp((s) => s.replay.step);
  const language = useApp((s) => s.language);
  const theme = useApp((s) => s.theme);
  const blank = usePresent((s) => s.blank);
  const [hint, setHint] = useState(true);
  const [fullscreen, setFullscreen] = useState(() => !!document.fullscreenElement);

  const items = useMemo(() => (trace ? itemsFor(trace, runTopology, level) : []), [trace, runTopology, level]);
  const index = currentItem(items, step);
  const item = items[index];
  const text = item ? caption(item.caption) : '';
  const fitted = useFittedText(text);
  // The keys' hint goes with the first step (or after a few seconds): the presenter knows them by then.
  const firstStep = useRef(step);
  useEffect(() => {
    if (step !== firstStep.current) setHint(false);
  }, [step]);

  // The canvas zooms to the devices of the step, once per change of devices (a step on the same link stays put).
  const focus = useMemo(
    () => (trace && runTopology ? focusDevices(trace, runTopology, step).join(' ') : ''),
    [trace, runTopology, step],
  );
  const [size, setViewSize] = useState(() => ({ w: window.innerWidth, h: window.innerHeight }));
  const firstFit = useRef(true);
  useEffect(() => {
    const ids = new Set(focus.split(' '));
    const id = requestAnimationFrame(() => {
      fitDevices(
        (useApp.getState().doc?.devices ?? []).filter((d) => ids.has(d.id)),
        firstFit.current ? 120 : 450,
        FOCUS_FIT,
      );
      firstFit.current = false;
    });
    return () => cancelAnimationFrame(id);
  }, [focus, size]);
  useEffect(() => {
    const onResize = () => setViewSize({ w: window.innerWidth, h: window.innerHeight });
    const onFullscreen = () => setFullscreen(!!document.fullscreenElement);
    window.addEventListener('resize', onResize);
    document.addEventListener('fullscreenchange', onFullscreen);
    const timer = window.setTimeout(() => setHint(false), 6000);
    return () => {
      window.removeEventListener('resize', onResize);
      document.removeEventListener('fullscreenchange', onFullscreen);
      clearTimeout(timer);
    };
  }, []);

  if (!trace) return null;
  return (
    <div className="pj-present" data-testid="present" data-step={step} data-item={index}>
      <section className="pj-present-band" aria-label={t('audience.label')}>
        <div className="pj-present-caption">
          <p className="pj-present-position" data-testid="present-position">
            {t('audience.position', { n: index + 1, total: items.length, level })}
          </p>
          <div className="pj-present-caption-box">
            <p
              ref={fitted.ref}
              className="pj-present-text"
              style={{ fontSize: `${fitted.size}em` }}
              aria-live="polite"
              aria-atomic="true"
              data-testid="present-caption"
            >
              {text}
            </p>
          </div>
        </div>
        <FieldsBox trace={trace} topology={runTopology} step={step} lang={language} theme={theme} />
      </section>
      {hint && (
        <p className="pj-present-hint" role="status" data-testid="present-hint">
          {t('audience.keys')}
          {fullscreen ? '' : ` · ${t('audience.fullscreenKey')}`}
        </p>
      )}
      {blank && (
        <div className="pj-present-blank" role="img" aria-label={t('audience.blanked')} data-testid="present-blank" />
      )}
    </div>
  );
}

/** Mounted by the app shell; marks the document while presenting so the stylesheet hides the editor's panels. */
export function PresentMode(): JSX.Element | null {
  const active = usePresent((s) => s.active);
  useEffect(() => {
    document.documentElement.toggleAttribute('data-presenting', active);
    return () => document.documentElement.removeAttribute('data-presenting');
  }, [active]);
  return active ? <Audience /> : null;
}
