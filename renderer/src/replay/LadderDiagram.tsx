// The ladder (sequence) diagram: a lane per device, an arrow per frame, ✕ where something was dropped; the current
// step is highlighted and kept in view. Only rows in view are drawn.
import { memo, useLayoutEffect, useMemo, useRef, useState, type JSX } from 'react';
import { proseLangOf } from '../../../shared/engine/prose';
import { useTranslation } from 'react-i18next';
import { buildLadder, nearestRow, type LadderRow as Row } from '../../../shared/replay/ladder';
import { rowSpan, type ReplayModel } from './model';
import { useBoxSize } from './useBoxSize';
import { LANE, PAD, ladderScrollLeft, laneX } from './ladderScroll';

export interface LadderDiagramProps {
  model: ReplayModel;
  currentStep: number;
  onSelectStep(step: number): void;
  highlight?: { first: number; last: number };
  /** Lane order: device ids (e.g. left-to-right canvas order); default: order of first appearance. */
  order?: readonly string[];
  /** Height of the scroller in px; without it the ladder fills the height it is given (e.g. docked in a panel). */
  height?: number;
}

const ROW = 24;
const HEAD = 34;
/** Room above the first arrow for its label. */
const TOP = 10;
/** Rows drawn beyond the visible ones (few, as in the event list: a step that scrolls mounts every new row). */
const OVERSCAN = 2;

export const LadderDiagram = memo(function LadderDiagram({ model, currentStep, onSelectStep, highlight, order, height: fixedHeight }: LadderDiagramProps): JSX.Element {
  const { t, i18n } = useTranslation('replay');
  const lang = proseLangOf(i18n.language);
  const { trace, classes, ctx } = model;
  const ladder = useMemo(() => buildLadder(trace, classes, { order, lang }), [trace, classes, order, lang]);
  const rowSteps = useMemo(() => ladder.rows.map((row) => row.step), [ladder]);
  const markLabels = useMemo(() => ({ drop: t('ladder.drop'), decision: t('ladder.decision') }), [t]);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const current = nearestRow(ladder, currentStep);
  const width = PAD * 2 + Math.max(ladder.lanes.length - 1, 0) * LANE;

  // Keep the current row in view. The new scroll position is worked out while rendering (so the rows in view
  // render in the same pass) and written once before paint; positions and sizes are tracked, not read from the
  // DOM, which would force a layout on each step.
  const scrolled = useRef({ top: 0, left: 0 });
  const [scrollLeft, setScrollLeft] = useState(0);
  const { width: viewWidth, height } = useBoxSize(scroller, { width: 0, height: fixedHeight ?? 360 });
  const [followed, setFollowed] = useState<{ row: number; ladder?: typeof ladder; viewWidth: number; height: number }>({ row: -1, viewWidth: 0, height });
  if (current >= 0 && (followed.row !== current || followed.ladder !== ladder || followed.viewWidth !== viewWidth || followed.height !== height)) {
    setFollowed({ row: current, ladder, viewWidth, height });
    const top = current * ROW;
    if (top < scrollTop || top + ROW + HEAD > scrollTop + height) {
      setScrollTop(Math.round(Math.max(0, Math.min(top - height / 2, HEAD + TOP + ladder.rows.length * ROW + ROW - height))));
    }
    // and sideways, so the lanes of the current arrow (or mark) are in view
    const row = ladder.rows[current];
    const left = ladderScrollLeft(row.kind === 'frame' ? row : { from: row.lane, to: row.lane }, scrollLeft, viewWidth, width);
    if (left !== scrollLeft) setScrollLeft(left);
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
  const last = Math.min(ladder.rows.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  const bodyHeight = TOP + ladder.rows.length * ROW + ROW;
  const itemBand = highlight ? rowSpan(rowSteps, highlight) : undefined;

  return (
    <section className="pj-replay pj-ladder" aria-label={t('ladder.label')}>
      <div ref={scroller} className={`pj-ladder-body${fixedHeight === undefined ? ' pj-fill' : ''}`} style={fixedHeight === undefined ? undefined : { height: fixedHeight }} onScroll={(e) => {
        const { scrollTop: top, scrollLeft: left } = e.currentTarget;
        // An echo of the position written above is ignored (see EventList).
        if (top === scrolled.current.top && left === scrolled.current.left) return;
        scrolled.current = { top, left };
        setScrollTop(top);
        setScrollLeft(left);
      }}>
        <svg className="pj-ladder-head" width={width} height={HEAD} aria-hidden>
          {ladder.lanes.map((id, i) => (
            <text key={id} x={laneX(i)} y={HEAD - 12} textAnchor="middle" className="pj-lane-name">{ctx.deviceName(id)}</text>
          ))}
        </svg>
        <svg width={width} height={bodyHeight} role="img" aria-label={t('ladder.label')} data-testid="ladder">
          <defs>
            <marker id="pj-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="pj-arrow-head" />
            </marker>
          </defs>
          {itemBand && <rect className="pj-item-band" x={0} y={TOP + itemBand.from * ROW} width={width} height={(itemBand.to - itemBand.from + 1) * ROW} />}
          {ladder.lanes.map((id, i) => <line key={id} x1={laneX(i)} x2={laneX(i)} y1={0} y2={bodyHeight} className="pj-lane" />)}
          {ladder.rows.slice(first, last).map((row, k) => {
            const r = first + k;
            return (
              <LadderRowView
                key={row.step}
                row={row}
                y={TOP + r * ROW + ROW / 2}
                width={width}
                current={r === current}
                onSelectStep={onSelectStep}
                markLabels={markLabels}
              />
            );
          })}
        </svg>
      </div>
    </section>
  );
});

interface LadderRowProps {
  row: Row;
  y: number;
  width: number;
  current: boolean;
  onSelectStep(step: number): void;
  /** "Dropped" and "Decision", translated once for all rows. */
  markLabels: { drop: string; decision: string };
}

/** One arrow or mark; stepping re-renders only the rows whose current state changed. */
const LadderRowView = memo(function LadderRowView({ row, y, width, current, onSelectStep, markLabels }: LadderRowProps): JSX.Element {
  const cls = `pj-ladder-row pj-stroke-${row.protocol}${current ? ' pj-current' : ''}`;
  if (row.kind === 'frame') {
    const x1 = laneX(row.from);
    const x2 = laneX(row.to);
    const mid = (x1 + x2) / 2;
    return (
      <g className={cls} onClick={() => onSelectStep(row.step)} data-step={row.step}>
        <rect x={0} y={y - ROW / 2} width={width} height={ROW} className="pj-ladder-hit" />
        <line x1={x1} x2={x2 + (x2 > x1 ? -3 : 3)} y1={y} y2={y} markerEnd="url(#pj-arrow)" />
        <text x={mid} y={y - 4} textAnchor="middle" className="pj-ladder-label">{row.protocol.toUpperCase()}</text>
        <title>{row.label}</title>
      </g>
    );
  }
  return (
    <g className={cls} onClick={() => onSelectStep(row.step)} data-step={row.step}>
      <rect x={0} y={y - ROW / 2} width={width} height={ROW} className="pj-ladder-hit" />
      <text x={laneX(row.lane)} y={y + 5} textAnchor="middle" className={row.kind === 'drop' ? 'pj-drop-mark' : 'pj-decision-mark'}>{row.kind === 'drop' ? '✕' : '◆'}</text>
      <title>{`${row.kind === 'drop' ? markLabels.drop : markLabels.decision}: ${row.label}`}</title>
    </g>
  );
});
