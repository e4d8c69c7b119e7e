// The Export dialog: range of steps at a detail level, language, theme, size and format, a live preview of the
// first slide (rendered by the same pipeline as the export), and a progress bar with Cancel while it runs. The lesson
// player is one of its formats: the same level, range and language, no theme or size (the player has its own), and
// no slide preview (the player is the replay itself).
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SLIDE_THEMES } from '../../../shared/slides';
import { desktopSlides } from './desktop';
import {
  cancelExport,
  closeExportDialog,
  deckJob,
  lessonEstimate,
  MANY_SLIDES,
  startExport,
  stepsAtLevel,
  updateSettings,
} from './actions';
import { EXPORT_FORMATS, SIZES, sizeOf, useExport, type ExportSettings } from './store';
import { estimateDeckBytes, formatBytes } from '../../../shared/slides/export/estimate';
import { runWorkerJob } from './worker-client';
import type { DeckJob } from './protocol';
import { serializeTopology } from '../../../shared/model/canonical';
import './export.css';

const PREVIEW_WIDTH = 480;

/** Desktop: main draws it (no Web Worker or WebAssembly loaded from file:// pages); web: the slides worker. */
async function previewPng(job: DeckJob): Promise<Uint8Array> {
  const desktop = desktopSlides();
  if (!desktop) return (await runWorkerJob({ kind: 'preview', job, previewWidth: PREVIEW_WIDTH })).files[0].bytes;
  const result = await desktop.previewSlide({
    topologyText: serializeTopology(job.topology),
    scenario: job.trace.scenario,
    level: job.level,
    step: job.steps?.[0] ?? 1,
    lang: job.lang,
    theme: job.theme,
    width: job.width,
    height: job.height,
    previewWidth: PREVIEW_WIDTH,
  });
  if (!result.ok) throw new Error(result.error);
  return result.png;
}

function usePreview(settings: ExportSettings, open: boolean): { url?: string; error?: string } {
  const [state, setState] = useState<{ url?: string; error?: string }>({});
  const { from, level, lang, theme, size } = settings;
  const player = settings.format === 'player';
  useEffect(() => {
    if (!open || player) return;
    const job = deckJob({ ...settings, format: 'pdf' });
    if (!job) return;
    let url: string | undefined;
    let live = true;
    // Typing a step number fires once per key: wait for a pause.
    const timer = setTimeout(() => {
      previewPng(job)
        .then((png) => {
          if (!live) return;
          url = URL.createObjectURL(new Blob([png as BlobPart], { type: 'image/png' }));
          setState({ url });
        })
        .catch((error: unknown) => live && setState({ error: error instanceof Error ? error.message : String(error) }));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [open, player, from, level, lang, theme, size]);
  return state;
}

export function ExportDialog() {
  const { t } = useTranslation('export');
  const open = useExport((s) => s.open);
  const settings = useExport((s) => s.settings);
  const run = useExport((s) => s.run);
  const error = useExport((s) => s.error);
  const confirmMany = useExport((s) => s.confirmMany);
  const preview = usePreview(settings, open);
  const startRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const desktop = desktopSlides() !== undefined;
  useEffect(() => {
    if (open) startRef.current?.focus();
  }, [open]);
  if (!open) return null;
  const total = stepsAtLevel(settings.level);
  const busy = run !== undefined;
  const num = (value: string) => Math.max(1, Math.floor(Number(value) || 1));
  const hint =
    settings.format === 'png' || settings.format === 'svg'
      ? `${settings.format}${desktop ? 'Folder' : ''}`
      : settings.format;
  const count = Math.max(0, settings.to - settings.from + 1);
  const { width, height } = sizeOf(settings.size);
  const player = settings.format === 'player';
  const about = formatBytes(
    settings.format === 'player' ? lessonEstimate() : estimateDeckBytes(settings.format, count, width, height),
  );
  const percent = run && run.total > 0 ? Math.round((run.done / run.total) * 100) : 0;

  return (
    <div
      className="pj-overlay"
      onMouseDown={(e) => e.target === e.currentTarget && closeExportDialog()}
      onKeyDown={(e) => e.key === 'Escape' && (busy ? cancelExport() : closeExportDialog())}
    >
      <div
        className="pj-dialog pj-export"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid="export-dialog"
      >
        <h2 id={`${id}-title`}>{t(player ? 'titlePlayer' : 'title')}</h2>
        <div className="pj-export-body">
          <fieldset className="pj-export-form" disabled={busy}>
            <div className="pj-export-row">
              <label htmlFor={`${id}-level`}>{t('level')}</label>
              <select
                id={`${id}-level`}
                data-testid="export-level"
                value={settings.level}
                onChange={(e) => updateSettings({ level: Number(e.target.value) })}
              >
                {[1, 2, 3, 4, 5, 6, 7].map((l) => (
                  <option key={l} value={l}>
                    {t('levelOption', { level: l })}
                  </option>
                ))}
              </select>
            </div>
            <div className="pj-export-row">
              <span id={`${id}-steps`}>{t('steps')}</span>
              <span className="pj-export-range" role="group" aria-labelledby={`${id}-steps`}>
                <input
                  type="number"
                  aria-label={t('from')}
                  data-testid="export-from"
                  min={1}
                  max={total}
                  value={settings.from}
                  onChange={(e) => updateSettings({ from: num(e.target.value) })}
                />
                <span aria-hidden>–</span>
                <input
                  type="number"
                  aria-label={t('to')}
                  data-testid="export-to"
                  min={1}
                  max={total}
                  value={settings.to}
                  onChange={(e) => updateSettings({ to: num(e.target.value) })}
                />
                <span className="pj-muted">{t('of', { total })}</span>
              </span>
            </div>
            <div className="pj-export-row">
              <label htmlFor={`${id}-lang`}>{t('language')}</label>
              <select
                id={`${id}-lang`}
                data-testid="export-lang"
                value={settings.lang}
                onChange={(e) => updateSettings({ lang: e.target.value as ExportSettings['lang'] })}
              >
                <option value="en">English</option>
                <option value="ko">한국어</option>
              </select>
            </div>
            <div className="pj-export-row">
              <label htmlFor={`${id}-theme`}>{t('theme')}</label>
              <select
                id={`${id}-theme`}
                data-testid="export-theme"
                disabled={player}
                value={settings.theme}
                onChange={(e) => updateSettings({ theme: e.target.value as ExportSettings['theme'] })}
              >
                {SLIDE_THEMES.map((th) => (
                  <option key={th} value={th}>
                    {t(`themes.${th}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="pj-export-row">
              <label htmlFor={`${id}-size`}>{t('size')}</label>
              <select
                id={`${id}-size`}
                data-testid="export-size"
                disabled={player}
                value={settings.size}
                onChange={(e) => updateSettings({ size: e.target.value as ExportSettings['size'] })}
              >
                {SIZES.map((s) => (
                  <option key={s.id} value={s.id}>{`${s.width} × ${s.height}`}</option>
                ))}
              </select>
            </div>
            <div className="pj-export-row is-formats" role="radiogroup" aria-label={t('format')}>
              <span>{t('format')}</span>
              <span className="pj-export-formats">
                {EXPORT_FORMATS.map((f) => (
                  <label key={f} className={settings.format === f ? 'is-on' : undefined}>
                    <input
                      type="radio"
                      name={`${id}-format`}
                      data-testid={`export-format-${f}`}
                      value={f}
                      checked={settings.format === f}
                      onChange={() => updateSettings({ format: f })}
                    />
                    {t(`formats.${f}`)}
                  </label>
                ))}
              </span>
            </div>
            <p className="pj-export-hint" data-testid="export-estimate">
              {t(`formatHint.${hint}`)}{' '}
              {player
                ? `${t('estimate', { slides: t('stepCount', { count }), size: about })} ${t(count === total ? 'playerAll' : 'playerLocked')}`
                : t('estimate', { slides: t('slideCount', { count }), size: about })}
            </p>
          </fieldset>
          <figure className="pj-export-preview">
            {player ? (
              <div className="pj-export-preview-empty" data-testid="export-preview-player">
                {t('previewPlayer')}
              </div>
            ) : preview.url ? (
              <img src={preview.url} alt={t('preview')} data-testid="export-preview" />
            ) : (
              <div className="pj-export-preview-empty">
                {preview.error ? t('previewFailed', { error: preview.error }) : t('preparing')}
              </div>
            )}
            {!player && <figcaption>{t('preview')}</figcaption>}
          </figure>
        </div>
        {error && (
          <p className="pj-export-error" role="alert" data-testid="export-error">
            {error}
          </p>
        )}
        {confirmMany && !busy && (
          <p className="pj-export-confirm" role="alert" data-testid="export-confirm">
            {t('confirmMany', { count, size: about, limit: MANY_SLIDES })}
          </p>
        )}
        {run && (
          <div className="pj-export-progress" data-testid="export-progress">
            <progress max={100} value={percent} aria-label={t('progress', { done: run.done, total: run.total })} />
            <span aria-live="polite">
              {run.phase === 'preparing'
                ? t('preparing')
                : run.phase === 'packing'
                  ? t('packing')
                  : t('progress', { done: run.done, total: run.total })}
            </span>
          </div>
        )}
        <div className="pj-dialog-actions">
          {busy ? (
            <button type="button" className="pj-button" data-testid="export-cancel" onClick={cancelExport}>
              {t('cancel')}
            </button>
          ) : (
            <button type="button" className="pj-button" data-testid="export-close" onClick={closeExportDialog}>
              {t('close')}
            </button>
          )}
          <button
            type="button"
            ref={startRef}
            className="pj-button is-primary"
            data-testid="export-start"
            disabled={busy}
            onClick={() => void startExport()}
          >
            {confirmMany ? t('exportMany', { count }) : t('export')}
          </button>
        </div>
      </div>
    </div>
  );
}
