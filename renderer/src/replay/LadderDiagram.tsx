// The ladder (sequence) diagram: a lane per device the trace uses, and the rows the event list shows — a level's step
// as its key packet's arrow from sender to receiver, a frame hop as an arrow between neighbours, ✕ where something was
// dropped. The lanes fit the panel when they can, else it scrolls; it is focusable (↑ ↓ PageUp PageDown Home End move
// the current row, ← → scroll sideways). A lane's name selects that device on the canvas, and the device selected on
// the canvas has its lane marked. Only rows in view are drawn.
import { memo, useLayoutEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import { proseLangOf, summaryText } from '../../../shared/engine/prose';
import { useTranslation } from 'react-i18next';
import { ladderLanes, laneDevice, lanePort, laneResolver } from '../../../shared/replay/ladder';
import type { ProtocolTag } from '../../../shared/replay/classify';
import { currentItem } from '../../../shared/replay/playback';
import { useCaption, type ReplayModel } from './model';
import { useBoxSize } from './useBoxSize';
import { PAD, STAGGER_BELOW, fitLane, ladderScrollLeft, laneX } from './ladderScroll';
import { expandedWith, itemRows, rowOfStep, viewRows, type ViewRow } from './rows';

export interface LadderDiagramProps {
  model: ReplayModel;
  currentStep: number;
  /** The step as it is now (the ladder shows it a moment late): its keys move from there. */
  liveStep?: () => number;
  onSelectStep(step: number): void;
  /** As in the event list: every hop instead of the level's steps, and the items opened to their frames. */
  allFrames: boolean;
  expanded: ReadonlySet<number>;
  /** Lane order: device ids (e.g. left-to-right canvas order); default: order of first appearance. */
  order?: readonly string[];
  /** The device selected on the canvas: its lane is marked and scrolled into view. */
  selectedDeviceId?: string;
  onSelectDevice?(deviceId: string): void;
  /** Height of the scroller in px; without it the ladder fills the height it is given (e.g. docked in a panel). */
  height?: number;
}

const ROW = 24;
/** Room above the first arrow for its label. */
const TOP = 10;
/** Rows drawn beyond the visible ones (few, as in the event list: a step that scrolls mounts every new row). */
const OVERSCAN = 2;

/** What a row draws: an arrow between two lanes, or a mark on one. */
interface Drawn {
  step: number;
  kind: 'frame' | 'drop' | 'decision';
  from: number;
  to: number;
  protocol: ProtocolTag;
  label: string;
  /** A level's step (drawn end to end, a little bolder) rather than one hop. */
  item: boolean;
}

export const LadderDiagram = memo(function LadderDiagram({
  model,
  currentStep,
  liveStep,
  onSelectStep,
  allFrames,
  expanded,
  order,
  selectedDeviceId,
  onSelectDevice,
  height: fixedHeight,
}: LadderDiagramProps): JSX.Element {
  const { t, i18n } = useTranslation('replay');
  const lang = proseLangOf(i18n.language);
  const caption = useCaption();
  const { trace, classes, ctx, items } = model;
  // The client's parallel connections (a page's sub-resources) are lanes of their own, named by its port.
  const lanes = useMemo(() => ladderLanes(trace, order, ctx.clientId), [trace, order, ctx.clientId]);
  const ends = useMemo(() => laneResolver(trace, ctx.clientId), [trace, ctx.clientId]);
  const laneOf = useMemo(() => new Map(lanes.map((id, i) => [id, i])), [lanes]);
  const item = currentItem(items, currentStep);
  const open = useMemo(() => expandedWith(expanded, items, item, currentStep), [expanded, items, item, currentStep]);
  // Frames and drops are drawn; a decision is a mark only as a level's step (its key step).
  const drawable = useMemo(() => (s: number) => trace.steps[s]?.type !== 'decision', [trace]);
  const rows = useMemo(
    () => viewRows(items, { allFrames, expanded: open, drawable }),
    [items, allFrames, open, drawable],
  );
  const captions = useMemo(
    () => (allFrames ? [] : items.map((it) => caption(it.caption))),
    [items, caption, allFrames],
  );
  const drawn = useMemo(() => {
    return rows.map((row): Drawn | undefined => {
      const s = trace.steps[row.step];
      if (!s) return undefined;
      const protocol = classes[row.step].protocol;
      const isItem = row.kind === 'item';
      const label = isItem ? captions[row.item] : summaryText(s, lang);
      if (s.type === 'frame') {
        const lane = ends(trace, s, isItem);
        const from = laneOf.get(lane.from)!;
        const to = laneOf.get(lane.to)!;
        return { step: row.step, kind: 'frame', from, to, protocol, label, item: isItem };
      }
      const lane = laneOf.get(s.deviceId)!;
      return { step: row.step, kind: s.type, from: lane, to: lane, protocol, label, item: isItem };
    });
  }, [rows, trace, classes, laneOf, ends, captions, lang]);
  const markLabels = useMemo(() => ({ drop: t('ladder.drop'), decision: t('ladder.decision') }), [t]);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const current = rowOfStep(rows, item, currentStep);

  // Keep the current row in view. The new scroll position is worked out while rendering (so the rows in view
  // render in the same pass) and written once before paint; positions and sizes are tracked, not read from the
  // DOM, which would force a layout on each step.
  const scrolled = useRef({ top: 0, left: 0 });
  const [scrollLeft, setScrollLeft] = useState(0);
  const { width: viewWidth, height } = useBoxSize(scroller, { width: 0, height: fixedHeight ?? 360 });
  const spacing = fitLane(viewWidth, lanes.length);
  const width = PAD * 2 + Math.max(lanes.length - 1, 0) * spacing;
  const stagger = spacing < STAGGER_BELOW;
  const head = stagger ? 44 : 30;
  const selectedLane = selectedDeviceId === undefined ? -1 : (laneOf.get(selectedDeviceId) ?? -1);
  const [followed, setFollowed] = useState<{
    row: number;
    rows?: ViewRow[];
    viewWidth: number;
    height: number;
    lane: number;
  }>({ row: -1, viewWidth: 0, height, lane: -1 });
  if (
    followed.row !== current ||
    followed.rows !== rows ||
    followed.viewWidth !== viewWidth ||
    followed.height !== height ||
    followed.lane !== selectedLane
  ) {
    const laneChanged = followed.lane !== selectedLane;
    setFollowed({ row: current, rows, viewWidth, height, lane: selectedLane });
    const row = drawn[current];
    if (row) {
      const top = current * ROW;
      if (top < scrollTop || top + ROW + head > scrollTop + height) {
        setScrollTop(
          Math.round(Math.max(0, Math.min(top - height / 2, head + TOP + rows.length * ROW + ROW - height))),
        );
      }
    }
    // and sideways, so the lanes of the current arrow (or mark), or a lane just chosen on the canvas, are in view
    const lanesToShow = laneChanged && selectedLane >= 0 ? { from: selectedLane, to: selectedLane } : row;
    if (lanesToShow) {
      const left = ladderScrollLeft(lanesToShow, scrollLeft, viewWidth, width, spacing);
      if (left !== scrollLeft) setScrollLeft(left);
    }
  }
  useLayoutEffect(() => {
    const el = scroller.current;
    const at = scrolled.current;
    if (!el || (at.top === scrollTop && at.left === scrollLeft)) return;
    scrolled.current = { top: scrollTop, left: scrollLeft };
    // In the next animation frame, right before its own layout (see EventList): no extra forced layout per step.
    const frame = requestAnimationFrame(() => {
      if (at.top !== scrollTop) el.scrollTop = scrollTop;
      if (at.left !== scrollLeft) el.scrollLeft = scrollLeft;
    });
    return () => cancelAnimationFrame(frame);
  }, [scrollTop, scrollLeft]);

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  const bodyHeight = TOP + rows.length * ROW + ROW;
  const currentRow = rows[current];
  const itemBand = !allFrames && currentRow?.kind === 'item' && !currentRow.expanded ? undefined : itemRows(rows, item);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((height - head) / ROW));
    const live = liveStep?.() ?? currentStep;
    const at = Math.max(live === currentStep ? current : rowOfStep(rows, currentItem(items, live), live), 0);
    let target: number | undefined;
    if (e.key === 'ArrowDown') target = at + 1;
    else if (e.key === 'ArrowUp') target = at - 1;
    else if (e.key === 'PageDown') target = at + page;
    else if (e.key === 'PageUp') target = at - page;
    else if (e.key === 'Home') target = 0;
    else if (e.key === 'End') target = rows.length - 1;
    else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && width > viewWidth) {
      e.preventDefault();
      e.stopPropagation();
      const left = Math.max(0, Math.min(scrollLeft + (e.key === 'ArrowRight' ? spacing : -spacing), width - viewWidth));
      setScrollLeft(Math.round(left));
      return;
    }
    if (target === undefined || rows.length === 0) return;
    e.preventDefault();
    e.stopPropagation();
    onSelectStep(rows[Math.max(0, Math.min(target, rows.length - 1))].step);
  };

  return (
    <section className="pj-replay pj-ladder" aria-label={t('ladder.label')}>
      <div
        ref={scroller}
        className={`pj-ladder-body${fixedHeight === undefined ? ' pj-fill' : ''}`}
        style={fixedHeight === undefined ? undefined : { height: fixedHeight }}
        tabIndex={0}
        role="group"
        aria-label={t('ladder.keys')}
        aria-describedby="pj-ladder-current"
        onKeyDown={onKeyDown}
        data-testid="ladder-scroller"
        data-owns-arrows={width > viewWidth}
        onScroll={(e) => {
          const { scrollTop: top, scrollLeft: left } = e.currentTarget;
          // An echo of the position written above is ignored (see EventList).
          if (top === scrolled.current.top && left === scrolled.current.left) return;
          scrolled.current = { top, left };
          setScrollTop(top);
          setScrollLeft(left);
        }}
      >
        <div className="pj-ladder-head" style={{ width, height: head }} data-testid="ladder-lanes">
          {lanes.map((id, i) => {
            const port = lanePort(id);
            const marked = laneDevice(id) === selectedDeviceId;
            return (
              <button
                key={id}
                type="button"
                tabIndex={-1}
                className={`pj-lane-name${marked ? ' is-selected' : ''}${port === undefined ? '' : ' pj-lane-connection'}`}
                style={{ left: laneX(i, spacing) - spacing, width: spacing * 2, top: stagger && i % 2 ? 22 : 4 }}
                aria-pressed={marked}
                title={
                  port === undefined
                    ? undefined
                    : t('ladder.connection', { device: ctx.deviceName(laneDevice(id)), port })
                }
                onClick={() => onSelectDevice?.(laneDevice(id))}
                data-lane={id}
              >
                {port === undefined ? ctx.deviceName(id) : `${ctx.deviceName(laneDevice(id))} :${port}`}
              </button>
            );
          })}
        </div>
        <svg
          width={width}
          height={bodyHeight}
          role="img"
          aria-label={t('ladder.label')}
          data-testid="ladder"
          data-lanes={lanes.length}
        >
          <defs>
            <marker
              id="pj-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="8"
              markerHeight="8"
              markerUnits="userSpaceOnUse"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className="pj-arrow-head" />
            </marker>
          </defs>
          {itemBand && (
            <rect
              className="pj-item-band"
              x={0}
              y={TOP + itemBand.from * ROW}
              width={width}
              height={(itemBand.to - itemBand.from + 1) * ROW}
            />
          )}
          {lanes.map((id, i) => (
            <line
              key={id}
              x1={laneX(i, spacing)}
              x2={laneX(i, spacing)}
              y1={0}
              y2={bodyHeight}
              className={`pj-lane${laneDevice(id) === selectedDeviceId ? ' is-selected' : ''}${lanePort(id) === undefined ? '' : ' pj-lane-connection'}`}
            />
          ))}
          {drawn
            .slice(first, last)
            .map(
              (row, k) =>
                row && (
                  <LadderRowView
                    key={`${rows[first + k].kind}${row.step}`}
                    row={row}
                    y={TOP + (first + k) * ROW + ROW / 2}
                    width={width}
                    spacing={spacing}
                    current={first + k === current}
                    onSelectStep={onSelectStep}
                    markLabels={markLabels}
                  />
                ),
            )}
        </svg>
        <span id="pj-ladder-current" className="pj-sr-only">
          {drawn[current]?.label ?? ''}
        </span>
      </div>
    </section>
  );
});

interface LadderRowProps {
  row: Drawn;
  y: number;
  width: number;
  spacing: number;
  current: boolean;
  onSelectStep(step: number): void;
  /** "Dropped" and "Decision", translated once for all rows. */
  markLabels: { drop: string; decision: string };
}

/** One arrow or mark; stepping re-renders only the rows whose current state changed. */
const LadderRowView = memo(function LadderRowView({
  row,
  y,
  width,
  spacing,
  current,
  onSelectStep,
  markLabels,
}: LadderRowProps): JSX.Element {
  const cls = `pj-ladder-row pj-stroke-${row.protocol}${row.item ? ' pj-ladder-item' : ''}${current ? ' pj-current' : ''}`;
  if (row.kind === 'frame' && row.from !== row.to) {
    const x1 = laneX(row.from, spacing);
    const x2 = laneX(row.to, spacing);
    const mid = (x1 + x2) / 2;
    return (
      <g className={cls} onClick={() => onSelectStep(row.step)} data-step={row.step}>
        <rect x={0} y={y - ROW / 2} width={width} height={ROW} className="pj-ladder-hit" />
        <line x1={x1} x2={x2 + (x2 > x1 ? -3 : 3)} y1={y} y2={y} markerEnd="url(#pj-arrow)" />
        <text x={mid} y={y - 4} textAnchor="middle" className="pj-ladder-label">
          {row.protocol.toUpperCase()}
        </text>
        <title>{row.label}</title>
      </g>
    );
  }
  const mark = row.kind === 'drop' ? '✕' : row.kind === 'decision' ? '◆' : '●';
  return (
    <g className={cls} onClick={() => onSelectStep(row.step)} data-step={row.step}>
      <rect x={0} y={y - ROW / 2} width={width} height={ROW} className="pj-ladder-hit" />
      <text
        x={laneX(row.from, spacing)}
        y={y + 5}
        textAnchor="middle"
        className={row.kind === 'drop' ? 'pj-drop-mark' : 'pj-decision-mark'}
      >
        {mark}
      </text>
      <title>
        {row.kind === 'frame'
          ? row.label
          : `${row.kind === 'drop' ? markLabels.drop : markLabels.decision}: ${row.label}`}
      </title>
    </g>
  );
});
