// All replay views wired together around one current step: controls + narration, the event list, the ladder,
// and the selected step's packet, reason, device state and link frames. The step and level are controlled by
// the owner (they are saved in the file); play/pause and speed live here.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigRef, Trace } from '../../../shared/engine/trace';
import type { Topology } from '../../../shared/model/schema';
import type { DetailLevel, ReplayItem } from '../../../shared/replay/levels';
import type { StepFilter } from '../../../shared/replay/filters';
import { BURST_STEP_MS, currentItem, playbackReducer, type PlaybackAction, type PlaybackState, type Speed } from '../../../shared/replay/playback';
import { useReplayModel } from './model';
import { ReplayControls } from './ReplayControls';
import { EventList } from './EventList';
import { LadderDiagram } from './LadderDiagram';
import { PacketInspector } from './PacketInspector';
import { DecisionPanel } from './DecisionPanel';
import { DeviceStatePanel } from './DeviceStatePanel';
import { LinkFrames } from './LinkFrames';
import './replay.css';

// Memoised: a step renders the detail views only once their (deferred) step has moved.
const Decision = memo(DecisionPanel);
const Packet = memo(PacketInspector);
const DeviceState = memo(DeviceStatePanel);
const Frames = memo(LinkFrames);

export interface ReplayWorkspaceProps {
  trace: Trace;
  topology?: Topology;
  level: DetailLevel;
  step: number;
  onStepChange(step: number): void;
  /** Link clicked on the canvas: shows its frames. */
  selectedLinkId?: string;
  /** Device clicked on the canvas: shows its state. */
  selectedDeviceId?: string;
  onOpenConfig(ref: ConfigRef): void;
  onExportLinkPcap(linkId: string): void;
  globalKeys?: boolean;
  /** Controlled play/pause and speed (the app's menu commands drive them); internal state when absent. */
  playing?: boolean;
  speed?: Speed;
  onPlaybackChange?(playback: { playing: boolean; speed: Speed }): void;
  /** Docked in a panel: list, ladder and detail side by side, each as tall as the room left under the controls. */
  docked?: boolean;
  /** Lane order of the ladder (e.g. the canvas's left-to-right order). */
  laneOrder?: readonly string[];
}

type Tab = 'packet' | 'state' | 'link';

/**
 * `value` as it was when the last frame was painted: it follows a change only in the task after the frame that showed
 * it. The event list, the ladder and the detail views (fields, bytes, hop table, device state) read the step through
 * this, so a key press paints the controls, narration and canvas first, within the frame, and the rest one frame
 * later. (React's useDeferredValue renders them before that first frame when the main thread looks idle, which
 * delayed the frame.) In a burst of steps (a held key) they follow at most every BURST_STEP_MS: each time they cost
 * several frames of work, which otherwise ran between every two steps of the burst and slowed the next step's frame.
 */
function useValueAfterPaint<T>(value: T): T {
  const [painted, setPainted] = useState(value);
  const changedAt = useRef(-Infinity);
  const caughtUpAt = useRef(-Infinity);
  useEffect(() => {
    if (Object.is(painted, value)) return;
    const now = performance.now();
    const burst = now - changedAt.current < BURST_STEP_MS;
    changedAt.current = now;
    const wait = burst ? Math.max(0, caughtUpAt.current + BURST_STEP_MS - now) : 0;
    let delay = 0;
    let frame = 0;
    let timer = 0;
    // Always in the task right after a painted frame, even after waiting out part of a burst: rendered at any other
    // moment, the views' work could land between a key press and the frame that shows it.
    const afterNextPaint = () => {
      frame = requestAnimationFrame(() => {
        timer = window.setTimeout(() => {
          caughtUpAt.current = performance.now();
          setPainted(value);
        }, 0);
      });
    };
    if (wait > 0) delay = window.setTimeout(afterNextPaint, wait);
    else afterNextPaint();
    return () => {
      clearTimeout(delay);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [value, painted]);
  return painted;
}

/** The steps the caption of `step`'s item covers, when it covers more than one (those rows are tinted). */
function itemRange(items: ReplayItem[], step: number): { first: number; last: number } | undefined {
  const item = items[currentItem(items, step)];
  return item && item.first !== item.last ? { first: item.first, last: item.last } : undefined;
}

export function ReplayWorkspace(props: ReplayWorkspaceProps): JSX.Element {
  const { t } = useTranslation('replay');
  const model = useReplayModel(props.trace, props.topology, props.level);
  const { items } = model;
  const [ownPlaying, setOwnPlaying] = useState(false);
  const [ownSpeed, setOwnSpeed] = useState<Speed>(1);
  const playing = props.playing ?? ownPlaying;
  const speed = props.speed ?? ownSpeed;
  const { onPlaybackChange } = props;
  const setPlayback = useCallback((next: { playing: boolean; speed: Speed }) => {
    setOwnPlaying(next.playing);
    setOwnSpeed(next.speed);
    onPlaybackChange?.(next);
  }, [onPlaybackChange]);
  const [filter, setFilter] = useState<StepFilter>({});
  const [tab, setTab] = useState<Tab>('packet');
  const [stateDevice, setStateDevice] = useState<string | undefined>();
  // Clicking a link or a device on the canvas shows what it saw.
  useEffect(() => { if (props.selectedLinkId) setTab('link'); }, [props.selectedLinkId]);
  useEffect(() => { if (props.selectedDeviceId) { setStateDevice(undefined); setTab('state'); } }, [props.selectedDeviceId]);
  const step = Math.min(Math.max(props.step, 0), Math.max(props.trace.steps.length - 1, 0));
  const playback: PlaybackState = { step, playing, speed };
  const { onStepChange } = props;

  const dispatch = useCallback((action: PlaybackAction) => {
    const next = playbackReducer({ step, playing, speed }, action, items);
    if (next.step !== step) onStepChange(next.step);
    if (next.playing !== playing || next.speed !== speed) setPlayback({ playing: next.playing, speed: next.speed });
  }, [step, playing, speed, items, onStepChange, setPlayback]);

  const select = useCallback((s: number) => {
    if (playing) setPlayback({ playing: false, speed });
    onStepChange(s);
  }, [onStepChange, playing, speed, setPlayback]);

  // The event list and the ladder, like the details, follow a frame after the step: at the grouped levels a step
  // moves each by a whole window of rows, the largest costs of a step; the controls, narration and canvas come first.
  const detailStep = useValueAfterPaint(step);
  // Memoised so the (memoised) list and ladder skip the render of a step, which leaves detailStep as it was.
  const highlight = useMemo(() => itemRange(items, detailStep), [items, detailStep]);
  const current = props.trace.steps[detailStep];
  const deviceId = stateDevice ?? props.selectedDeviceId ?? (current ? (current.type === 'frame' ? current.to.deviceId : current.deviceId) : model.ctx.clientId);
  const linkId = props.selectedLinkId ?? (current?.type === 'frame' ? current.linkId : undefined);
  const tabs = useMemo(() => (['packet', 'state', 'link'] as Tab[]), []);
  const showDetail = useCallback((s: number) => { select(s); setTab('packet'); }, [select]);

  const docked = props.docked === true;
  // Docked, the list and the ladder fill the panel's height (and measure what they got); otherwise a fixed height.
  const list = <EventList model={model} currentStep={detailStep} onSelectStep={select} filter={filter} onFilterChange={setFilter} highlight={highlight} height={docked ? undefined : 260} />;
  const ladder = <LadderDiagram model={model} currentStep={detailStep} onSelectStep={select} highlight={highlight} height={docked ? undefined : 280} order={props.laneOrder} />;
  return (
    <div className={`pj-replay pj-replay-workspace${docked ? ' pj-docked' : ''}`} aria-label={t('workspace.label')}>
      <ReplayControls items={items} playback={playback} dispatch={dispatch} globalKeys={props.globalKeys} onShowDetail={showDetail} />
      <div className="pj-workspace-grid">
        {docked ? <>{list}{ladder}</> : (
          <div className="pj-workspace-left">
            {list}
            {ladder}
          </div>
        )}
        <div className="pj-detail">
          <div role="tablist" className="pj-tabs" aria-label={t('workspace.label')}>
            {tabs.map((k) => (
              <button key={k} type="button" role="tab" aria-selected={tab === k} className="pj-tab" onClick={() => setTab(k)} data-testid={`tab-${k}`}>{t(`workspace.tabs.${k}`)}</button>
            ))}
          </div>
          <div role="tabpanel" className="pj-tabpanel">
            {tab === 'packet' && (
              <>
                <Decision model={model} step={detailStep} onOpenConfig={props.onOpenConfig} />
                <Packet model={model} step={detailStep} onSelectStep={select} />
              </>
            )}
            {tab === 'state' && <DeviceState model={model} step={detailStep} deviceId={deviceId} onDeviceChange={setStateDevice} />}
            {tab === 'link' && (linkId
              ? <Frames model={model} linkId={linkId} currentStep={detailStep} onSelectStep={select} onExportPcap={props.onExportLinkPcap} />
              : <p className="pj-muted">{t('link.none')}</p>)}
          </div>
        </div>
      </div>
    </div>
  );
}
