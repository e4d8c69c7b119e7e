// Every step as a row (time, where, protocol, summary), filterable by protocol, device and link; click or Enter to
// jump. Only the rows in view are rendered, so thousands of steps scroll smoothly.
import { memo, useLayoutEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import { proseLangOf, summaryText, type ProseLang } from '../../../shared/engine/prose';
import { useTranslation } from 'react-i18next';
import type { TraceStep } from '../../../shared/engine/trace';
import { PROTOCOL_TAGS, type ProtocolTag as Tag, type StepClass } from '../../../shared/replay/classify';
import type { ReplayContext } from '../../../shared/replay/context';
import { devicesAndLinks, filterSteps, type StepFilter } from '../../../shared/replay/filters';
import { ProtocolTag } from './ProtocolTag';
import { formatTimeMs, rowSpan, type ReplayModel } from './model';
import { useBoxSize } from './useBoxSize';

export interface EventListProps {
  model: ReplayModel;
  currentStep: number;
  onSelectStep(step: number): void;
  filter: StepFilter;
  onFilterChange(filter: StepFilter): void;
  /** Rows of the current item are tinted (the steps the current caption covers). */
  highlight?: { first: number; last: number };
  /** Height of the rows' scroller in px; without it the list fills the height it is given (e.g. docked in a panel). */
  height?: number;
}

const ROW_HEIGHT = 26;
/** Rows drawn beyond the visible ones. Few: when a step scrolls the list, every row in the window that is new mounts. */
const OVERSCAN = 2;

export const EventList = memo(function EventList({ model, currentStep, onSelectStep, filter, onFilterChange, highlight, height: fixedHeight }: EventListProps): JSX.Element {
  const { t, i18n } = useTranslation('replay');
  const lang = proseLangOf(i18n.language);
  const { trace, classes, ctx } = model;
  const rows = useMemo(() => filterSteps(trace, classes, filter), [trace, classes, filter]);
  // Translated once per language for all rows: a translation hook in each of the rows that stepping remounts cost
  // more than the rows themselves.
  const protocolLabels = useMemo(() => Object.fromEntries(PROTOCOL_TAGS.map((p) => [p, t(`protocols.${p}`)])) as Record<Tag, string>, [t]);
  const options = useMemo(() => devicesAndLinks(trace), [trace]);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const { height } = useBoxSize(scroller, { width: 0, height: fixedHeight ?? 320 });

  // Keep the current step in view when it changes from elsewhere (controls, ladder, canvas). The new scroll
  // position is worked out while rendering (so the rows in view render in the same pass) and written to the DOM
  // once before the next paint; the position and height are known without reading the DOM.
  const scrolled = useRef(0);
  const [followed, setFollowed] = useState<{ step: number; rows?: number[]; height: number }>({ step: -1, height });
  if (followed.step !== currentStep || followed.rows !== rows || followed.height !== height) {
    setFollowed({ step: currentStep, rows, height });
    const row = rows.findIndex((i) => i >= currentStep);
    const top = row * ROW_HEIGHT;
    if (row >= 0 && (top < scrollTop || top + ROW_HEIGHT > scrollTop + height)) {
      // Whole pixels, as the browser keeps them: its scroll event then echoes exactly this value (ignored below).
      setScrollTop(Math.round(Math.max(0, Math.min(top - height / 2, rows.length * ROW_HEIGHT - height))));
    }
  }
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || scrolled.current === scrollTop) return;
    scrolled.current = scrollTop;
    // Written in the next animation frame, right before that frame's own layout: written here, it forced a layout
    // of everything the step had just changed, and the frame then laid out again.
    const frame = requestAnimationFrame(() => { el.scrollTop = scrollTop; });
    return () => cancelAnimationFrame(frame);
  }, [scrollTop]);

  const itemBand = highlight ? rowSpan(rows, highlight) : undefined;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = rows.findIndex((i) => i >= currentStep);
    let target: number | undefined;
    if (e.key === 'ArrowDown') target = rows[Math.min(at + 1, rows.length - 1)];
    else if (e.key === 'ArrowUp') target = rows[Math.max(at - 1, 0)];
    else if (e.key === 'PageDown') target = rows[Math.min(at + Math.floor(height / ROW_HEIGHT), rows.length - 1)];
    else if (e.key === 'PageUp') target = rows[Math.max(at - Math.floor(height / ROW_HEIGHT), 0)];
    if (target !== undefined) {
      e.preventDefault();
      e.stopPropagation();
      onSelectStep(target);
    }
  };

  return (
    <section className="pj-replay pj-events" aria-label={t('list.label')}>
      <Filters filter={filter} onFilterChange={onFilterChange} options={options} ctx={ctx} shown={rows.length} total={trace.steps.length} />
      <div className="pj-events-head" aria-hidden>
        <span>{t('list.time')}</span><span>{t('list.where')}</span><span>{t('list.protocol')}</span><span>{t('list.summary')}</span>
      </div>
      <div
        ref={scroller}
        className={`pj-events-body${fixedHeight === undefined ? ' pj-fill' : ''}`}
        style={fixedHeight === undefined ? undefined : { height: fixedHeight }}
        role="listbox"
        tabIndex={0}
        aria-label={t('list.label')}
        aria-activedescendant={rows.includes(currentStep) ? `pj-event-${currentStep}` : undefined}
        onScroll={(e) => {
          // The echo of a position written above is no news; as an update it could land after a later step's follow
          // and scroll the list back (seen when a network was reopened).
          if (e.currentTarget.scrollTop === scrolled.current) return;
          scrolled.current = e.currentTarget.scrollTop;
          setScrollTop(scrolled.current);
        }}
        onKeyDown={onKeyDown}
        data-testid="event-list"
      >
        {rows.length === 0 && <p className="pj-muted pj-empty">{t('list.empty')}</p>}
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {itemBand && <div className="pj-item-band" style={{ top: itemBand.from * ROW_HEIGHT, height: (itemBand.to - itemBand.from + 1) * ROW_HEIGHT }} aria-hidden />}
          {rows.slice(first, last).map((index, k) => (
            <EventRow
              key={index}
              index={index}
              step={trace.steps[index]}
              stepClass={classes[index]}
              ctx={ctx}
              protocolLabel={protocolLabels[classes[index].protocol]}
              lang={lang}
              top={(first + k) * ROW_HEIGHT}
              current={index === currentStep}
              onSelectStep={onSelectStep}
            />
          ))}
        </div>
      </div>
    </section>
  );
});

interface EventRowProps {
  index: number;
  step: TraceStep;
  stepClass: StepClass;
  ctx: ReplayContext;
  protocolLabel: string;
  /** The language decisions' and drops' summaries are read in. */
  lang: ProseLang;
  top: number;
  current: boolean;
  onSelectStep(step: number): void;
}

/** One row; stepping re-renders only the rows whose current state changed. */
const EventRow = memo(function EventRow({ index, step: s, stepClass, ctx, protocolLabel, lang, top, current, onSelectStep }: EventRowProps): JSX.Element {
  const summary = summaryText(s, lang);
  const where = s.type === 'frame' ? `${s.linkId} · ${ctx.deviceName(s.from.deviceId)} → ${ctx.deviceName(s.to.deviceId)}` : ctx.deviceName(s.deviceId);
  return (
    <div
      id={`pj-event-${index}`}
      role="option"
      aria-selected={current}
      className={`pj-event pj-event-${s.type}${current ? ' pj-current' : ''}`}
      style={{ top, height: ROW_HEIGHT }}
      onClick={() => onSelectStep(index)}
      data-step={index}
    >
      <span className="pj-num">{formatTimeMs(s.timeUs)}</span>
      <span className="pj-where" title={where}>{where}</span>
      <span><ProtocolTag protocol={stepClass.protocol} label={protocolLabel} /></span>
      <span className="pj-summary" title={summary}>{s.type === 'drop' ? '✕ ' : s.type === 'decision' ? '◆ ' : ''}{summary}</span>
    </div>
  );
});

interface FiltersProps {
  filter: StepFilter;
  onFilterChange(filter: StepFilter): void;
  options: { devices: string[]; links: string[] };
  ctx: ReplayContext;
  shown: number;
  total: number;
}

/** Protocol chips, device and link pickers and the count: unchanged while stepping, so memoised. */
const Filters = memo(function Filters({ filter, onFilterChange, options, ctx, shown, total }: FiltersProps): JSX.Element {
  const { t } = useTranslation('replay');
  const selectedProtocols = new Set(filter.protocols ?? []);
  const toggleProtocol = (p: Tag) => {
    const next = new Set(selectedProtocols);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    onFilterChange({ ...filter, protocols: [...next] });
  };
  return (
    <div className="pj-filters" role="group" aria-label={t('list.protocols')}>
      {PROTOCOL_TAGS.filter((p) => p !== 'other').map((p) => (
        <button key={p} type="button" className={`pj-chip pj-proto-${p}`} aria-pressed={selectedProtocols.has(p)} onClick={() => toggleProtocol(p)} data-testid={`filter-${p}`}>
          {t(`protocols.${p}`)}
        </button>
      ))}
      <label className="pj-field">
        <span className="pj-sr-only">{t('list.device')}</span>
        <select value={filter.deviceId ?? ''} onChange={(e) => onFilterChange({ ...filter, deviceId: e.target.value || undefined })} data-testid="filter-device">
          <option value="">{t('list.anyDevice')}</option>
          {options.devices.map((d) => <option key={d} value={d}>{ctx.deviceName(d)}</option>)}
        </select>
      </label>
      <label className="pj-field">
        <span className="pj-sr-only">{t('list.link')}</span>
        <select value={filter.linkId ?? ''} onChange={(e) => onFilterChange({ ...filter, linkId: e.target.value || undefined })} data-testid="filter-link">
          <option value="">{t('list.anyLink')}</option>
          {options.links.map((l) => <option key={l} value={l}>{t('list.linkName', { link: l })}</option>)}
        </select>
      </label>
      <span className="pj-muted pj-count" data-testid="event-count">{t('list.count', { shown, total })}</span>
      {(selectedProtocols.size > 0 || filter.deviceId || filter.linkId) && (
        <button type="button" className="pj-btn pj-btn-small" onClick={() => onFilterChange({})}>{t('list.clear')}</button>
      )}
    </div>
  );
});
