// The current level's steps as rows (time, where, protocol, caption; a row that covers several frames expands to
// them), or with "all frames" every hop of every frame, decision and drop; filterable by protocol, device and link;
// click, arrow keys or Enter to jump. Only the rows in view are rendered, so thousands of steps scroll smoothly.
import { memo, useLayoutEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent, type MouseEvent } from 'react';
import { proseLangOf, summaryText, type ProseLang } from '../../../shared/engine/prose';
import { useTranslation } from 'react-i18next';
import type { TraceStep } from '../../../shared/engine/trace';
import { PROTOCOL_TAGS, packetSpans, type ProtocolTag as Tag, type StepClass } from '../../../shared/replay/classify';
import { tagSummaryKey } from '../../../shared/wire/protocols';
import type { ReplayContext } from '../../../shared/replay/context';
import { devicesAndLinks, stepFilter, type StepFilter } from '../../../shared/replay/filters';
import { currentItem } from '../../../shared/replay/playback';
import { ProtocolTag } from './ProtocolTag';
import { formatTimeMs, useCaption, type ReplayModel } from './model';
import { expandedWith, itemRows, rowOfStep, treePositions, viewRows, type ViewRow } from './rows';
import { useBoxSize } from './useBoxSize';

export interface EventListProps {
  model: ReplayModel;
  currentStep: number;
  /**
   * The step as it is now: the list shows a step a moment late (after a burst of steps), but its keys move from where
   * the replay is, so ↓ held or pressed quickly moves row by row.
   */
  liveStep?: () => number;
  onSelectStep(step: number): void;
  filter: StepFilter;
  onFilterChange(filter: StepFilter): void;
  /** Every hop of every frame instead of the level's steps. */
  allFrames: boolean;
  onAllFramesChange(allFrames: boolean): void;
  /** Items (by index) the user opened to their frames. */
  expanded: ReadonlySet<number>;
  onToggleExpanded(item: number): void;
  /** Height of the rows' scroller in px; without it the list fills the height it is given (e.g. docked in a panel). */
  height?: number;
}

const ROW_HEIGHT = 26;
/** Rows drawn beyond the visible ones. Few: when a step scrolls the list, every row in the window that is new mounts. */
const OVERSCAN = 2;

const isFiltered = (filter: StepFilter) =>
  (filter.protocols && [...filter.protocols].length > 0) || !!filter.deviceId || !!filter.linkId;

export const EventList = memo(function EventList({
  model,
  currentStep,
  liveStep,
  onSelectStep,
  filter,
  onFilterChange,
  allFrames,
  onAllFramesChange,
  expanded,
  onToggleExpanded,
  height: fixedHeight,
}: EventListProps): JSX.Element {
  const { t, i18n } = useTranslation('replay');
  const lang = proseLangOf(i18n.language);
  const caption = useCaption();
  const { trace, classes, ctx, items } = model;
  const item = currentItem(items, currentStep);
  const open = useMemo(() => expandedWith(expanded, items, item, currentStep), [expanded, items, item, currentStep]);
  const matches = useMemo(
    () => (isFiltered(filter) ? stepFilter(trace, classes, filter) : undefined),
    [trace, classes, filter],
  );
  const rows = useMemo(
    () => viewRows(items, { allFrames, expanded: open, matches }),
    [items, allFrames, open, matches],
  );
  const places = useMemo(() => treePositions(rows), [rows]);
  const shownSteps = useMemo(() => {
    if (!matches) return trace.steps.length;
    let n = 0;
    for (let s = 0; s < trace.steps.length; s++) if (matches(s)) n++;
    return n;
  }, [trace, matches]);
  // Translated once per language (and level) for all rows: a translation hook in each of the rows that stepping
  // remounts cost more than the rows themselves.
  const protocolLabels = useMemo(
    () => Object.fromEntries(PROTOCOL_TAGS.map((p) => [p, t(`protocols.${p}`)])) as Record<Tag, string>,
    [t],
  );
  const captions = useMemo(
    () => (allFrames ? [] : items.map((it) => caption(it.caption))),
    [items, caption, allFrames],
  );
  const itemWhere = useMemo(() => {
    const spans = packetSpans(trace);
    return items.map((it) => {
      const s = trace.steps[it.keyStep];
      if (s?.type !== 'frame') return s ? whereOf(s, ctx) : '';
      const span = spans.get(s.packetId);
      return span ? `${ctx.deviceName(span.origin)} → ${ctx.deviceName(span.final)}` : whereOf(s, ctx);
    });
  }, [trace, items, ctx]);
  const options = useMemo(() => devicesAndLinks(trace), [trace]);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const { height } = useBoxSize(scroller, { width: 0, height: fixedHeight ?? 320 });
  const current = rowOfStep(rows, item, currentStep);

  // Keep the current row in view when it changes from elsewhere (controls, ladder, canvas). The new scroll
  // position is worked out while rendering (so the rows in view render in the same pass) and written to the DOM
  // once before the next paint; the position and height are known without reading the DOM.
  const scrolled = useRef(0);
  const [followed, setFollowed] = useState<{ row: number; rows?: ViewRow[]; height: number }>({ row: -1, height });
  if (followed.row !== current || followed.rows !== rows || followed.height !== height) {
    setFollowed({ row: current, rows, height });
    const top = current * ROW_HEIGHT;
    if (current >= 0 && (top < scrollTop || top + ROW_HEIGHT > scrollTop + height)) {
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
    const frame = requestAnimationFrame(() => {
      el.scrollTop = scrollTop;
    });
    return () => cancelAnimationFrame(frame);
  }, [scrollTop]);

  const itemBand =
    !allFrames && rows[current]?.kind === 'item' && !(rows[current] as { expanded: boolean }).expanded
      ? undefined
      : itemRows(rows, item);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const live = liveStep?.() ?? currentStep;
    const at = Math.max(live === currentStep ? current : rowOfStep(rows, currentItem(items, live), live), 0);
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT));
    let target: number | undefined;
    if (e.key === 'ArrowDown') target = Math.min(at + 1, rows.length - 1);
    else if (e.key === 'ArrowUp') target = Math.max(at - 1, 0);
    else if (e.key === 'PageDown') target = Math.min(at + page, rows.length - 1);
    else if (e.key === 'PageUp') target = Math.max(at - page, 0);
    else if (e.key === 'Home') target = 0;
    else if (e.key === 'End') target = rows.length - 1;
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      // Open or close the current step's group (a tree's keys); the window's ← → step the replay only outside the list.
      const row = rows[at];
      if (!row || allFrames) return;
      e.preventDefault();
      e.stopPropagation();
      const opened = open.has(row.item);
      if (e.key === 'ArrowRight' && !opened && items[row.item].last > items[row.item].first) onToggleExpanded(row.item);
      if (e.key === 'ArrowLeft' && opened) {
        if (expanded.has(row.item)) onToggleExpanded(row.item);
        if (row.kind === 'step') onSelectStep(items[row.item].keyStep);
      }
      return;
    }
    if (target !== undefined && rows[target]) {
      e.preventDefault();
      e.stopPropagation();
      onSelectStep(rows[target].step);
    }
  };

  const rowId = (row: ViewRow) => (row.kind === 'item' ? `pj-item-${row.item}` : `pj-event-${row.step}`);
  return (
    <section className={`pj-replay pj-events${allFrames ? '' : ' pj-events-level'}`} aria-label={t('list.label')}>
      <Filters
        filter={filter}
        onFilterChange={onFilterChange}
        options={options}
        ctx={ctx}
        shown={shownSteps}
        total={trace.steps.length}
        allFrames={allFrames}
        onAllFramesChange={onAllFramesChange}
      />
      <div className="pj-events-head" aria-hidden>
        <span>{t('list.time')}</span>
        <span>{t('list.where')}</span>
        <span>{t('list.protocol')}</span>
        <span>{allFrames ? t('list.summary') : t('list.step')}</span>
      </div>
      <div
        ref={scroller}
        className={`pj-events-body${fixedHeight === undefined ? ' pj-fill' : ''}`}
        style={fixedHeight === undefined ? undefined : { height: fixedHeight }}
        role="tree"
        tabIndex={0}
        aria-label={t('list.label')}
        aria-activedescendant={rows[current] ? rowId(rows[current]) : undefined}
        onScroll={(e) => {
          // The echo of a position written above is no news; as an update it could land after a later step's follow
          // and scroll the list back (seen when a network was reopened).
          if (e.currentTarget.scrollTop === scrolled.current) return;
          scrolled.current = e.currentTarget.scrollTop;
          setScrollTop(scrolled.current);
        }}
        onKeyDown={onKeyDown}
        data-testid="event-list"
        data-all-frames={allFrames}
      >
        {rows.length === 0 && <p className="pj-muted pj-empty">{t('list.empty')}</p>}
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {itemBand && (
            <div
              className="pj-item-band"
              style={{ top: itemBand.from * ROW_HEIGHT, height: (itemBand.to - itemBand.from + 1) * ROW_HEIGHT }}
              aria-hidden
            />
          )}
          {rows
            .slice(first, last)
            .map((row, k) =>
              row.kind === 'item' ? (
                <ItemRow
                  key={`i${row.item}`}
                  id={rowId(row)}
                  place={places[first + k]}
                  row={row}
                  count={items[row.item].last - items[row.item].first + 1}
                  number={row.item + 1}
                  caption={captions[row.item] ?? ''}
                  where={itemWhere[row.item]}
                  step={trace.steps[row.step]}
                  stepClass={classes[row.step]}
                  protocolLabel={classes[row.step] ? protocolLabels[classes[row.step].protocol] : ''}
                  top={(first + k) * ROW_HEIGHT}
                  current={first + k === current}
                  onSelectStep={onSelectStep}
                  onToggleExpanded={onToggleExpanded}
                  expandLabel={t(row.expanded ? 'list.collapse' : 'list.expand')}
                />
              ) : (
                <EventRow
                  key={row.step}
                  id={rowId(row)}
                  place={places[first + k]}
                  index={row.step}
                  depth={row.depth}
                  step={trace.steps[row.step]}
                  stepClass={classes[row.step]}
                  ctx={ctx}
                  protocolLabel={protocolLabels[classes[row.step].protocol]}
                  lang={lang}
                  top={(first + k) * ROW_HEIGHT}
                  current={first + k === current}
                  onSelectStep={onSelectStep}
                />
              ),
            )}
        </div>
      </div>
    </section>
  );
});

/** Where a step happens: the link and its two ends for a frame hop, the device for a decision or a drop. */
function whereOf(s: TraceStep, ctx: ReplayContext): string {
  return s.type === 'frame'
    ? `${s.linkId} · ${ctx.deviceName(s.from.deviceId)} → ${ctx.deviceName(s.to.deviceId)}`
    : ctx.deviceName(s.deviceId);
}

/** A row's place among its siblings (aria-posinset / aria-setsize). */
interface Place {
  posinset: number;
  setsize: number;
}

interface ItemRowProps {
  id: string;
  place: Place;
  row: Extract<ViewRow, { kind: 'item' }>;
  /** Trace steps the item covers. */
  count: number;
  number: number;
  caption: string;
  /** Where its key frame goes: the packet's whole way, sender to receiver. */
  where: string;
  /** The item's key step (undefined for an empty trace). */
  step: TraceStep | undefined;
  stepClass: StepClass | undefined;
  protocolLabel: string;
  top: number;
  current: boolean;
  onSelectStep(step: number): void;
  onToggleExpanded(item: number): void;
  expandLabel: string;
}

/** One step of the level: its caption, and where its key frame goes. */
const ItemRow = memo(function ItemRow({
  id,
  place,
  row,
  count,
  number,
  caption,
  where,
  step: s,
  stepClass,
  protocolLabel,
  top,
  current,
  onSelectStep,
  onToggleExpanded,
  expandLabel,
}: ItemRowProps): JSX.Element {
  const toggle = (e: MouseEvent) => {
    e.stopPropagation();
    onToggleExpanded(row.item);
  };
  return (
    <div
      id={id}
      role="treeitem"
      aria-level={1}
      aria-posinset={place.posinset}
      aria-setsize={place.setsize}
      aria-selected={current}
      aria-expanded={row.expandable ? row.expanded : undefined}
      className={`pj-event pj-event-item${s ? ` pj-event-${s.type}` : ''}${current ? ' pj-current' : ''}`}
      style={{ top, height: ROW_HEIGHT }}
      onClick={() => onSelectStep(row.step)}
      data-step={row.step}
      data-item={row.item}
    >
      <span className="pj-num">{s ? formatTimeMs(s.timeUs) : ''}</span>
      <span className="pj-where" title={where}>
        {where}
      </span>
      <span>{stepClass && <ProtocolTag protocol={stepClass.protocol} label={protocolLabel} />}</span>
      <span className="pj-summary" title={caption}>
        {row.expandable ? (
          <span className="pj-disclosure" onClick={toggle} title={expandLabel} aria-hidden data-testid="event-expand">
            {row.expanded ? '▾' : '▸'}
          </span>
        ) : (
          <span className="pj-disclosure" aria-hidden />
        )}
        <span className="pj-item-no">{number}.</span> {caption}
        {row.expandable && <span className="pj-muted pj-item-count"> ({count})</span>}
      </span>
    </div>
  );
});

interface EventRowProps {
  id: string;
  place: Place;
  index: number;
  depth: 0 | 1;
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
const EventRow = memo(function EventRow({
  id,
  place,
  index,
  depth,
  step: s,
  stepClass,
  ctx,
  protocolLabel,
  lang,
  top,
  current,
  onSelectStep,
}: EventRowProps): JSX.Element {
  const summary = summaryText(s, lang);
  const where = whereOf(s, ctx);
  return (
    <div
      id={id}
      role="treeitem"
      aria-level={depth + 1}
      aria-posinset={place.posinset}
      aria-setsize={place.setsize}
      aria-selected={current}
      className={`pj-event pj-event-${s.type}${depth ? ' pj-event-child' : ''}${current ? ' pj-current' : ''}`}
      style={{ top, height: ROW_HEIGHT }}
      onClick={() => onSelectStep(index)}
      data-step={index}
    >
      <span className="pj-num">{formatTimeMs(s.timeUs)}</span>
      <span className="pj-where" title={where}>
        {where}
      </span>
      <span>
        <ProtocolTag protocol={stepClass.protocol} label={protocolLabel} />
      </span>
      <span className="pj-summary" title={summary}>
        {s.type === 'drop' ? '✕ ' : s.type === 'decision' ? '◆ ' : ''}
        {summary}
      </span>
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
  allFrames: boolean;
  onAllFramesChange(allFrames: boolean): void;
}

/** Protocol chips, device and link pickers and the count: unchanged while stepping, so memoised. */
const Filters = memo(function Filters({
  filter,
  onFilterChange,
  options,
  ctx,
  shown,
  total,
  allFrames,
  onAllFramesChange,
}: FiltersProps): JSX.Element {
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
      <button
        type="button"
        className="pj-btn pj-btn-small pj-all-frames"
        aria-pressed={allFrames}
        onClick={() => onAllFramesChange(!allFrames)}
        title={t('list.allFramesHint')}
        data-testid="all-frames"
      >
        {t('list.allFrames')}
      </button>
      {PROTOCOL_TAGS.filter((p) => p !== 'other').map((p) => (
        <button
          key={p}
          type="button"
          className={`pj-chip pj-proto-${p}`}
          aria-pressed={selectedProtocols.has(p)}
          onClick={() => toggleProtocol(p)}
          title={t(tagSummaryKey(p))}
          data-testid={`filter-${p}`}
        >
          {t(`protocols.${p}`)}
        </button>
      ))}
      <label className="pj-field">
        <span className="pj-sr-only">{t('list.device')}</span>
        <select
          value={filter.deviceId ?? ''}
          onChange={(e) => onFilterChange({ ...filter, deviceId: e.target.value || undefined })}
          data-testid="filter-device"
        >
          <option value="">{t('list.anyDevice')}</option>
          {options.devices.map((d) => (
            <option key={d} value={d}>
              {ctx.deviceName(d)}
            </option>
          ))}
        </select>
      </label>
      <label className="pj-field">
        <span className="pj-sr-only">{t('list.link')}</span>
        <select
          value={filter.linkId ?? ''}
          onChange={(e) => onFilterChange({ ...filter, linkId: e.target.value || undefined })}
          data-testid="filter-link"
        >
          <option value="">{t('list.anyLink')}</option>
          {options.links.map((l) => (
            <option key={l} value={l}>
              {t('list.linkName', { link: l })}
            </option>
          ))}
        </select>
      </label>
      <span className="pj-muted pj-count" data-testid="event-count">
        {t('list.count', { shown, total })}
      </span>
      {(selectedProtocols.size > 0 || filter.deviceId || filter.linkId) && (
        <button type="button" className="pj-btn pj-btn-small" onClick={() => onFilterChange({})}>
          {t('list.clear')}
        </button>
      )}
    </div>
  );
});
