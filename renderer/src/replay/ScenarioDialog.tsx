// "After visiting…": what the browser does before the replayed fetch — addresses it visits first (unrecorded), how
// long it waits, and configuration changes made after the wait. Checked with the same code as the command line's
// --before/--pause/--then-set (shared/model/scenario.ts), so a change the engine would refuse never reaches it.
import { useEffect, useId, useRef, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { checkConfigChanges, formatChange, parseConfigAssignment } from '../../../shared/model/scenario';
import type { ConfigChange, ReplayScenario, Topology } from '../../../shared/model/schema';

export interface ScenarioDialogProps {
  topology: Topology;
  hostName: string;
  /** The address in the browser bar: the first suggestion for "visit first". */
  url: string;
  initial?: ReplayScenario;
  onUse(scenario: ReplayScenario): void;
  onCancel(): void;
}

const MAX_PAUSE_S = 604800;

/** What a browser's address bar accepts: "www.example.com" means http://www.example.com/. */
function normalizeAddress(text: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  try {
    const url = new URL(withScheme);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function ScenarioDialog(props: ScenarioDialogProps): JSX.Element {
  const { t } = useTranslation('replay');
  const { t: tScenario } = useTranslation('scenario');
  const id = useId();
  const [before, setBefore] = useState((props.initial?.before.length ? props.initial.before : [props.url]).join('\n'));
  const [pause, setPause] = useState(
    props.initial?.pauseSeconds !== undefined ? String(props.initial.pauseSeconds) : '',
  );
  const [changes, setChanges] = useState((props.initial?.thenSet ?? []).map((c) => formatChange(c)).join('\n'));
  const [error, setError] = useState<string>();
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const use = () => {
    const urls: string[] = [];
    const lines = before.split('\n');
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      const url = normalizeAddress(line.trim());
      if (!url) return setError(t('scenario.badUrl', { line: i + 1, url: line.trim() }));
      urls.push(url);
    }
    if (urls.length === 0) return setError(t('scenario.needBefore'));
    let pauseSeconds: number | undefined;
    if (pause.trim() !== '') {
      pauseSeconds = Number(pause);
      if (!/^\d+(\.\d+)?$/.test(pause.trim()) || !(pauseSeconds <= MAX_PAUSE_S))
        return setError(t('scenario.badPause'));
    }
    const thenSet: ConfigChange[] = [];
    let changed = props.topology;
    for (const line of changes
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      const parsed = parseConfigAssignment(line, changed);
      if (!parsed.ok) return setError(tScenario(parsed.refusal.key, parsed.refusal.params));
      thenSet.push(parsed.value);
      const applied = checkConfigChanges(changed, [parsed.value]);
      if (applied.ok) changed = applied.value;
    }
    props.onUse({
      before: urls,
      ...(pauseSeconds !== undefined ? { pauseSeconds } : {}),
      ...(thenSet.length ? { thenSet } : {}),
    });
  };

  return (
    <div
      className="pj-overlay"
      onMouseDown={(e) => e.target === e.currentTarget && props.onCancel()}
      onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
    >
      <form
        className="pj-dialog pj-scenario-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-intro`}
        data-testid="scenario-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          use();
        }}
      >
        <h2 id={`${id}-title`}>{t('scenario.title')}</h2>
        <p id={`${id}-intro`}>{t('scenario.intro', { host: props.hostName })}</p>
        <label className="pj-field pj-field-block">
          <span>{t('scenario.before')}</span>
          <textarea
            ref={first}
            rows={3}
            spellCheck={false}
            value={before}
            onChange={(e) => setBefore(e.target.value)}
            data-testid="scenario-before"
          />
        </label>
        <label className="pj-field pj-field-block">
          <span>{t('scenario.pause')}</span>
          <input
            type="text"
            inputMode="decimal"
            placeholder="1"
            value={pause}
            onChange={(e) => setPause(e.target.value)}
            data-testid="scenario-pause"
          />
        </label>
        <label className="pj-field pj-field-block">
          <span>{t('scenario.thenSet')}</span>
          <textarea
            rows={2}
            spellCheck={false}
            placeholder={t('scenario.thenSetHint')}
            value={changes}
            onChange={(e) => setChanges(e.target.value)}
            data-testid="scenario-then-set"
          />
        </label>
        {error && (
          <p className="pj-error" role="alert" data-testid="scenario-error">
            {error}
          </p>
        )}
        <div className="pj-dialog-actions">
          <button type="button" className="pj-button" onClick={props.onCancel}>
            {t('scenario.cancel')}
          </button>
          <button type="submit" className="pj-button is-primary" data-testid="scenario-use">
            {t('scenario.use')}
          </button>
        </div>
      </form>
    </div>
  );
}
