// The presenter view: a second window (web mode: window.open of the same app at #/presenter; the desktop app: a
// second window on the same route) that the audience never sees. It shows the current and the next step as the
// slides draw them, the speaker notes (each step's explanation), the elapsed time, the step list, and buttons and
// keys that drive the audience's screen. It talks to the presenting window over a BroadcastChannel (protocol.ts).
import { useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronFirst, ChevronLast, Pause, Play, StepBack, StepForward } from 'lucide-react';
import { i18next } from '../i18n';
import type { Trace } from '../../../shared/engine/trace';
import type { Topology } from '../../../shared/model/schema';
import { DETAIL_LEVELS, viewAtLevel, type DetailLevel, type ReplayItem } from '../../../shared/replay/levels';
import { currentItem } from '../../../shared/replay/playback';
import { captionText } from '../../../shared/replay/captions';
import { proseText, summaryText } from '../../../shared/engine/prose';
import { renderSlideSvg, slideContext, type SlideContext } from '../../../shared/slides';
import { channelName, parseToPresenter, type PresentAction, type PresentSnapshot, type ToAudience } from './protocol';
import './present.css';

interface Deck {
  trace: Trace;
  topology: Topology;
  name: string;
  context: SlideContext;
}

const NOTES_MAX = 40;

function sessionFromHash(hash: string): string {
  const query = hash.split('?')[1] ?? '';
  return new URLSearchParams(query).get('session') ?? '';
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

function Slide({ svg, label, testId }: { svg: string; label: string; testId: string }) {
  return (
    <div
      className="pj-presenter-slide"
      role="img"
      aria-label={label}
      data-testid={testId}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}

/** The speaker notes of an item: its key step's explanation first, then each step it covers, in a few words. */
function notesFor(trace: Trace, item: ReplayItem, lang: 'en' | 'ko'): { lead: string; steps: string[]; more: number } {
  const key = trace.steps[item.keyStep];
  const lead = key ? proseText(key.explanation, lang) || summaryText(key, lang) : '';
  const steps: string[] = [];
  let more = 0;
  for (let i = item.first; i <= item.last && i < trace.steps.length; i++) {
    if (i === item.keyStep) continue;
    if (steps.length >= NOTES_MAX) {
      more++;
      continue;
    }
    steps.push(summaryText(trace.steps[i], lang));
  }
  return { lead, steps, more };
}

export function PresenterView(): JSX.Element {
  const { t } = useTranslation('present');
  const session = useMemo(() => sessionFromHash(location.hash), []);
  const channel = useRef<BroadcastChannel | null>(null);
  const [deck, setDeck] = useState<Deck | undefined>();
  const [state, setState] = useState<PresentSnapshot | undefined>();
  const [ended, setEnded] = useState(false);
  const [resetAt, setResetAt] = useState<number | undefined>();
  const [now, setNow] = useState(() => Date.now());

  const send = useCallback((message: ToAudience) => {
    try {
      channel.current?.postMessage(message);
    } catch {
      // The channel closed with the window.
    }
  }, []);

  useEffect(() => {
    if (!session || typeof BroadcastChannel !== 'function') return;
    const ch = new BroadcastChannel(channelName(session));
    channel.current = ch;
    let gotDeck = false;
    ch.onmessage = (event) => {
      const message = parseToPresenter(event.data);
      if (!message) return;
      if (message.kind === 'deck') {
        gotDeck = true;
        setDeck({
          trace: message.trace,
          topology: message.topology,
          name: message.name,
          context: slideContext(message.topology, message.trace),
        });
      } else if (message.kind === 'state') setState(message.state);
      else {
        setEnded(true);
        window.close();
      }
    };
    // Hello until the presenting window answers (it may still be starting).
    const hello = () => {
      if (!gotDeck) ch.postMessage({ kind: 'hello' } satisfies ToAudience);
    };
    hello();
    const retry = window.setInterval(hello, 1000);
    const onPageHide = () => ch.postMessage({ kind: 'bye' } satisfies ToAudience);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      clearInterval(retry);
      window.removeEventListener('pagehide', onPageHide);
      ch.close();
      channel.current = null;
    };
  }, [session]);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  // The presenter's screen speaks the audience's language and wears its theme.
  const lang = state?.lang ?? 'en';
  useEffect(() => {
    if (!state) return;
    document.documentElement.dataset.theme = state.theme;
    document.documentElement.lang = state.lang;
    if (i18next.language !== state.lang) void i18next.changeLanguage(state.lang);
  }, [state]);
  useEffect(() => {
    document.title = `${t('presenter.title')}${deck?.name ? ` — ${deck.name}` : ''}`;
  }, [t, deck]);

  const level = state?.level;
  const items = useMemo(
    () => (deck && level ? viewAtLevel(deck.trace, level, deck.context.replay) : []),
    [deck, level],
  );
  const index = state ? currentItem(items, state.step) : -1;
  const item = items[index];
  const next = items[index + 1];
  const caption = useCallback(
    (c: ReplayItem['caption']) =>
      captionText((key, params) => i18next.t(key, { ns: 'replay', ...(params ?? {}) }) as string, c, lang),
    [lang],
  );
  const slide = useCallback(
    (it: ReplayItem, i: number) => {
      if (!deck || !state) return '';
      return renderSlideSvg(deck.topology, deck.trace, it, {
        lang,
        theme: state.theme,
        width: 1920,
        height: 1080,
        index: i + 1,
        total: items.length,
        level: state.level,
        context: deck.context,
      });
    },
    [deck, state, lang, items.length],
  );
  const currentSvg = useMemo(() => (item ? slide(item, index) : ''), [item, index, slide]);
  const nextSvg = useMemo(() => (next ? slide(next, index + 1) : ''), [next, index, slide]);
  const notes = useMemo(() => (deck && item ? notesFor(deck.trace, item, lang) : undefined), [deck, item, lang]);
  const captions = useMemo(() => items.map((it) => caption(it.caption)), [items, caption]);

  const go = useCallback((action: PresentAction) => send({ kind: 'go', action }), [send]);
  const blank = state?.blank ?? false;
  const toggleBlank = useCallback(() => send({ kind: 'blank', on: !blank }), [send, blank]);
  const end = useCallback(() => send({ kind: 'end' }), [send]);

  // The presenter's keys drive the audience's screen, as its own keys do there.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === 'BUTTON' || target.tagName === 'SELECT') &&
        (e.key === ' ' || e.key === 'Enter')
      )
        return;
      const forward =
        ['PageDown', 'ArrowRight', 'ArrowDown', 'n', 'N'].includes(e.key) || (e.key === ' ' && !e.shiftKey);
      const back = ['PageUp', 'ArrowLeft', 'ArrowUp'].includes(e.key) || (e.key === ' ' && e.shiftKey);
      if (forward || back) go(forward ? 'forward' : 'back');
      else if (e.key === 'Home') go('first');
      else if (e.key === 'End') go('last');
      else if (['b', 'B', '.'].includes(e.key)) {
        if (!e.repeat) toggleBlank();
      } else if (e.key === 'Escape') end();
      else if (e.key !== 'F5') return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, toggleBlank, end]);

  // The current step stays in view in the list.
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-current="step"]')?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  if (ended || !session) {
    return (
      <main className="pj-presenter pj-presenter-message" data-testid="presenter-view">
        <h1>{ended ? t('presenter.ended') : t('presenter.title')}</h1>
        <p>{ended ? t('presenter.endedHow') : t('presenter.waitingHow')}</p>
      </main>
    );
  }
  if (!deck || !state || !item) {
    return (
      <main className="pj-presenter pj-presenter-message" data-testid="presenter-view">
        <h1>{t('presenter.waiting')}</h1>
        <p>{t('presenter.waitingHow')}</p>
      </main>
    );
  }
  const elapsed = clock(now - (resetAt ?? state.startedAt));
  return (
    <main className="pj-presenter" data-testid="presenter-view" aria-label={t('presenter.title')}>
      <header className="pj-presenter-head">
        <h1>{t('presenter.title')}</h1>
        <span className="pj-presenter-position" data-testid="presenter-position">
          {t('presenter.position', { n: index + 1, total: items.length })}
        </span>
        <label className="pj-presenter-level">
          {t('presenter.level')}{' '}
          <select
            value={state.level}
            onChange={(e) => send({ kind: 'level', level: Number(e.target.value) as DetailLevel })}
            data-testid="presenter-level"
          >
            {DETAIL_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <span className="pj-presenter-clock">
          <span className="pj-presenter-muted">{t('presenter.elapsed')}</span>{' '}
          <time data-testid="presenter-elapsed">{elapsed}</time>
          <button
            type="button"
            className="pj-pbtn is-small"
            onClick={() => {
              setResetAt(Date.now());
              setNow(Date.now());
            }}
            data-testid="presenter-reset"
          >
            {t('presenter.reset')}
          </button>
        </span>
        <button type="button" className="pj-pbtn" onClick={end} data-testid="presenter-end">
          {t('presenter.end')}
        </button>
      </header>
      <div className="pj-presenter-body">
        <section className="pj-presenter-now" aria-label={t('presenter.current')}>
          <h2>
            {t('presenter.current')}
            {blank && (
              <span className="pj-presenter-blanked" role="status">
                {' '}
                · {t('presenter.blanked')}
              </span>
            )}
          </h2>
          <Slide svg={currentSvg} label={captions[index]} testId="presenter-current" />
          <h2>{t('presenter.notes')}</h2>
          <div className="pj-presenter-notes" data-testid="presenter-notes" tabIndex={0}>
            <p className="pj-presenter-caption">{captions[index]}</p>
            {notes?.lead && notes.lead !== captions[index] && <p>{notes.lead}</p>}
            {notes && notes.steps.length > 0 && (
              <ul>
                {notes.steps.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
                {notes.more > 0 && <li>… +{notes.more}</li>}
              </ul>
            )}
          </div>
        </section>
        <aside className="pj-presenter-side">
          <section aria-label={t('presenter.next')}>
            <h2>{t('presenter.next')}</h2>
            {next ? (
              <Slide svg={nextSvg} label={captions[index + 1]} testId="presenter-next" />
            ) : (
              <p className="pj-presenter-muted" data-testid="presenter-next">
                {t('presenter.noNext')}
              </p>
            )}
          </section>
          <section className="pj-presenter-list" aria-label={t('presenter.steps')}>
            <h2>{t('presenter.steps')}</h2>
            <ol ref={list} data-testid="presenter-steps" tabIndex={-1}>
              {items.map((it, i) => (
                <li key={it.id}>
                  <button
                    type="button"
                    aria-current={i === index ? 'step' : undefined}
                    onClick={() => send({ kind: 'seek', step: it.keyStep })}
                  >
                    <span className="pj-presenter-n">{i + 1}</span>
                    <span>{captions[i]}</span>
                  </button>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
      <footer className="pj-presenter-controls">
        <button
          type="button"
          className="pj-pbtn is-icon"
          onClick={() => go('first')}
          aria-label={t('presenter.first')}
          title={t('presenter.first')}
        >
          <ChevronFirst size={20} aria-hidden />
        </button>
        <button type="button" className="pj-pbtn" onClick={() => go('back')} data-testid="presenter-back">
          <StepBack size={18} aria-hidden /> {t('presenter.back')}
        </button>
        <button
          type="button"
          className="pj-pbtn is-icon"
          onClick={() => go('toggle')}
          aria-label={state.playing ? t('presenter.pause') : t('presenter.play')}
          title={state.playing ? t('presenter.pause') : t('presenter.play')}
          data-testid="presenter-play"
        >
          {state.playing ? <Pause size={20} aria-hidden /> : <Play size={20} aria-hidden />}
        </button>
        <button
          type="button"
          className="pj-pbtn is-primary"
          onClick={() => go('forward')}
          data-testid="presenter-forward"
        >
          {t('presenter.forward')} <StepForward size={18} aria-hidden />
        </button>
        <button
          type="button"
          className="pj-pbtn is-icon"
          onClick={() => go('last')}
          aria-label={t('presenter.last')}
          title={t('presenter.last')}
        >
          <ChevronLast size={20} aria-hidden />
        </button>
        <button
          type="button"
          className="pj-pbtn"
          aria-pressed={blank}
          onClick={toggleBlank}
          data-testid="presenter-blank"
        >
          {blank ? t('presenter.unblank') : t('presenter.blank')}
        </button>
        <span className="pj-presenter-muted pj-presenter-keys">{t('presenter.keys')}</span>
      </footer>
    </main>
  );
}
