// The browser of the chosen host: address bar, Go, cold/warm caches, detail level; progress and Cancel while the
// engine runs; the result as a browser would show it.
import { useId, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { proseLangOf, proseText } from '../../../shared/engine/prose';
import type { EarlierFetch, Outcome } from '../../../shared/engine/trace';
import type { ReplayScenario } from '../../../shared/model/schema';
import { DETAIL_LEVELS, type DetailLevel } from '../../../shared/replay/levels';

export interface BrowserRequest {
  from: string;
  url: string;
  warm: boolean;
  /** "After visiting…": fetches before, a pause, changes (shared/model/scenario.ts). */
  scenario?: ReplayScenario;
}

export interface BrowserBarProps {
  /** Devices that have a browser (hosts, servers). */
  hosts: { id: string; name: string }[];
  value: BrowserRequest;
  onChange(value: BrowserRequest): void;
  level: DetailLevel;
  onLevelChange(level: DetailLevel): void;
  onGo(value: BrowserRequest): void;
  running?: boolean;
  /** 0–1 while running, when known. */
  progress?: number;
  onCancel(): void;
  outcome?: Outcome;
  /** The network was edited after the run shown. */
  stale?: boolean;
  /** "After visiting…" was chosen in the caches menu: open its dialog. */
  onEditScenario?(): void;
  /** What the run shown did before its recorded fetch, if anything. */
  before?: { earlier: EarlierFetch[]; pauseSeconds?: number; changes: string[] };
}

export function BrowserBar(props: BrowserBarProps): JSX.Element {
  const { t } = useTranslation('replay');
  const id = useId();
  const { value, onChange, running } = props;
  return (
    <section className="pj-replay pj-browser" aria-label={t('browser.label')}>
      <form
        className="pj-browser-bar"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) props.onGo(value);
        }}
      >
        <label className="pj-field">
          <span>{t('browser.from')}</span>
          <select value={value.from} onChange={(e) => onChange({ ...value, from: e.target.value })} disabled={running}>
            {props.hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
        <label className="pj-field pj-url">
          <span>{t('browser.url')}</span>
          <input
            type="url"
            value={value.url}
            spellCheck={false}
            onChange={(e) => onChange({ ...value, url: e.target.value })}
            disabled={running}
            aria-describedby={`${id}-result`}
          />
        </label>
        {running ? (
          <button type="button" className="pj-btn" onClick={props.onCancel}>
            {t('browser.cancel')}
          </button>
        ) : (
          <button type="submit" className="pj-btn pj-btn-primary" disabled={!value.url.trim()}>
            {t('browser.go')}
          </button>
        )}
        <label className="pj-field">
          <span>{t('browser.cache')}</span>
          <select
            value={value.scenario ? 'after' : value.warm ? 'warm' : 'cold'}
            onChange={(e) => {
              if (e.target.value === 'after') props.onEditScenario?.();
              else onChange({ ...value, warm: e.target.value === 'warm', scenario: undefined });
            }}
            disabled={running}
            data-testid="browser-caches"
          >
            <option value="cold">{t('browser.cold')}</option>
            <option value="warm">{t('browser.warm')}</option>
            {props.onEditScenario && <option value="after">{t('scenario.after')}</option>}
          </select>
        </label>
        {value.scenario && props.onEditScenario && (
          <button
            type="button"
            className="pj-btn pj-btn-small"
            onClick={props.onEditScenario}
            disabled={running}
            aria-label={t('scenario.title')}
            data-testid="scenario-edit"
          >
            …
          </button>
        )}
        <label className="pj-field">
          <span>{t('browser.level')}</span>
          <select
            value={props.level}
            onChange={(e) => props.onLevelChange(Number(e.target.value) as DetailLevel)}
            data-testid="replay-level"
          >
            {DETAIL_LEVELS.map((n) => (
              <option key={n} value={n}>
                {t('browser.levelOption', { n, name: t(`levelNames.${n}`) })}
              </option>
            ))}
          </select>
        </label>
      </form>
      <div id={`${id}-result`} className="pj-browser-result" role="status">
        {running ? (
          <div className="pj-progress">
            <progress max={1} value={props.progress} aria-label={t('browser.runningIndeterminate')} />
            <span>
              {props.progress === undefined
                ? t('browser.runningIndeterminate')
                : t('browser.running', { percent: Math.round(props.progress * 100) })}
            </span>
          </div>
        ) : props.outcome ? (
          <BrowserResult outcome={props.outcome} />
        ) : (
          <span className="pj-muted">{t('browser.noRun')}</span>
        )}
        {props.before && !running && <BeforeThisFetch {...props.before} />}
        {props.stale && !running && (
          <span className="pj-stale">
            {t('browser.stale')}{' '}
            <button type="button" className="pj-btn pj-btn-small" onClick={() => props.onGo(value)}>
              {t('browser.rerun')}
            </button>
          </span>
        )}
      </div>
    </section>
  );
}

/** The replay's banner line: what was done before the fetch replayed ("after visiting…"). */
function BeforeThisFetch({ earlier, pauseSeconds, changes }: NonNullable<BrowserBarProps['before']>): JSX.Element {
  const { t } = useTranslation('replay');
  const parts = [
    ...earlier.map((e) => t('scenario.visited', { url: e.url, result: e.result })),
    ...(earlier.length ? [t('scenario.waited', { seconds: pauseSeconds ?? 1 })] : []),
    ...changes.map((change) => t('scenario.changed', { change })),
  ];
  return (
    <span className="pj-before-fetch" data-testid="replay-before">
      {t('scenario.done', { what: parts.join(', ') })}
    </span>
  );
}

function BrowserResult({ outcome }: { outcome: Outcome }): JSX.Element {
  const { t, i18n } = useTranslation('replay');
  const why = proseText(outcome.explanation ?? outcome.summary, proseLangOf(i18n.language));
  if (!outcome.ok) {
    return (
      <div className="pj-page pj-page-error" data-testid="browser-result">
        <strong>{t('browser.error')}</strong>
        <code>{outcome.error}</code>
        <span title={why}>{why}</span>
      </div>
    );
  }
  return (
    <div className="pj-page" data-testid="browser-result">
      <span className="pj-page-status">
        {t('browser.status', { status: `${outcome.status} ${outcome.statusText}` })}
      </span>
      <strong className="pj-page-title">{outcome.title ?? why}</strong>
    </div>
  );
}
