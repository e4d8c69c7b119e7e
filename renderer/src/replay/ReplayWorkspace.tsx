// All replay views wired together around one current step: controls + narration, the event list, the ladder,
// and the selected step's packet, reason, device state and link frames. The step and level are controlled by
// the owner (they are saved in the file); play/pause and speed live here.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigRef, Trace } from '../../../shared/engine/trace';
import type { Topology } from '../../../shared/model/schema';
import type { DetailLevel } from '../../../shared/replay/levels';
import type { StepFilter } from '../../../shared/replay/filters';
import {
  currentItem,
  keyStepAt,
  playbackReducer,
  tickIntervalMs,
  type PlaybackAction,
  type Speed,
} from '../../../shared/replay/playback';
import { allFrameItems } from '../../../shared/replay/levels';
import { useReplayModel } from './model';
import { flightPlan, reducedMotion } from './flight';
import { ReplayControls } from './ReplayControls';
import { useStepAfterPaint, type StepSource } from './stepSource';
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
  /** The current step, read where it is shown (the owner keeps it: it is saved in the file). */
  step: StepSource;
  onStepChange(step: number): void;
  /** Link clicked on the canvas: shows its frames. */
  selectedLinkId?: string;
  /** Device clicked on the canvas: shows its state. */
  selectedDeviceId?: string;
  onOpenConfig(ref: ConfigRef): void;
  onExportLinkPcap(linkId: string): void;
  /** Controlled play/pause and speed (the app's menu commands drive them); internal state when absent. */
  playing?: boolean;
  speed?: Speed;
  onPlaybackChange?(playback: { playing: boolean; speed: Speed }): void;
  /** Docked in a panel: list, ladder and detail side by side, each as tall as the room left under the controls. */
  docked?: boolean;
  /** Lane order of the ladder (e.g. the canvas's left-to-right order). */
  laneOrder?: readonly string[];
  /** The list and the ladder show every hop of every frame (controlled by the owner when given). */
  allFrames?: boolean;
  onAllFramesChange?(allFrames: boolean): void;
  /** A lane of the ladder was chosen: select that device (on the canvas). */
  onSelectDevice?(deviceId: string): void;
}

type Tab = 'packet' | 'state' | 'link';

const EMPTY: ReadonlySet<number> = new Set();

export function ReplayWorkspace(props: ReplayWorkspaceProps): JSX.Element {
  const { t } = useTranslation('replay');
  const model = useReplayModel(props.trace, props.topology, props.level);
  const { items } = model;
  const [ownPlaying, setOwnPlaying] = useState(false);
  const [ownSpeed, setOwnSpeed] = useState<Speed>(1);
  const playing = props.playing ?? ownPlaying;
  const speed = props.speed ?? ownSpeed;
  const { onPlaybackChange } = props;
  const setPlayback = useCallback(
    (next: { playing: boolean; speed: Speed }) => {
      setOwnPlaying(next.playing);
      setOwnSpeed(next.speed);
      onPlaybackChange?.(next);
    },
    [onPlaybackChange],
  );
  const [filter, setFilter] = useState<StepFilter>({});
  const [ownAllFrames, setOwnAllFrames] = useState(false);
  const allFrames = props.allFrames ?? ownAllFrames;
  // What stepping, the scrubber and the position go through: every frame with "All frames" on, else the level's items.
  const everyFrame = useMemo(
    () => (allFrames ? allFrameItems(model.trace, model.ctx) : undefined),
    [allFrames, model.trace, model.ctx],
  );
  const stepItems = everyFrame ?? items;
  // The items opened to their frames, by index: forgotten when the level (its items) changes.
  const [opened, setOpened] = useState<{ items: typeof items; open: ReadonlySet<number> }>({ items, open: new Set() });
  const expanded = opened.items === items ? opened.open : EMPTY;
  const toggleExpanded = useCallback(
    (item: number) =>
      setOpened((was) => {
        const open = new Set(was.items === items ? was.open : []);
        if (open.has(item)) open.delete(item);
        else open.add(item);
        return { items, open };
      }),
    [items],
  );
  const [tab, setTab] = useState<Tab>('packet');
  const [stateDevice, setStateDevice] = useState<string | undefined>();
  // Clicking a link or a device on the canvas shows what it saw.
  useEffect(() => {
    if (props.selectedLinkId) setTab('link');
  }, [props.selectedLinkId]);
  useEffect(() => {
    if (props.selectedDeviceId) {
      setStateDevice(undefined);
      setTab('state');
    }
  }, [props.selectedDeviceId]);
  const lastStep = Math.max(props.trace.steps.length - 1, 0);
  const inTrace = useCallback((s: number) => Math.min(Math.max(s, 0), lastStep), [lastStep]);
  const { step: stepSource, onStepChange } = props;
  const { onAllFramesChange } = props;
  // Turned off, the replay goes back to the level's step that contains the frame on screen (the owner may do it).
  const setAllFrames = useCallback(
    (on: boolean) => {
      setOwnAllFrames(on);
      if (onAllFramesChange) onAllFramesChange(on);
      else if (!on) onStepChange(keyStepAt(items, stepSource.get()));
    },
    [onAllFramesChange, onStepChange, items, stepSource],
  );

  // The step is read when an action needs it, not rendered with: a step re-renders only what shows it.
  const dispatch = useCallback(
    (action: PlaybackAction) => {
      const step = inTrace(stepSource.get());
      const next = playbackReducer({ step, playing, speed }, action, stepItems);
      if (next.step !== step) onStepChange(next.step);
      if (next.playing !== playing || next.speed !== speed) setPlayback({ playing: next.playing, speed: next.speed });
    },
    [stepSource, inTrace, playing, speed, stepItems, onStepChange, setPlayback],
  );

  // Playing: the next item after each step's interval, and after its flight (its frames flown on the canvas before it
  // settles on the key frame); a step taken by hand restarts the wait.
  const dispatchRef = useRef(dispatch);
  dispatchRef.current = dispatch;
  useEffect(() => {
    if (!playing) return;
    let timer = 0;
    const arm = () => {
      clearTimeout(timer);
      const step = stepSource.get();
      const item = stepItems[currentItem(stepItems, step)];
      const flight = item && !reducedMotion() ? (flightPlan(item.frames, speed)?.totalMs ?? 0) : 0;
      timer = window.setTimeout(
        () => dispatchRef.current({ type: 'tick' }),
        tickIntervalMs({ step, playing, speed }) + flight,
      );
    };
    arm();
    const unsubscribe = stepSource.subscribe(arm);
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [playing, speed, stepSource, stepItems]);

  const select = useCallback(
    (s: number) => {
      if (playing) setPlayback({ playing: false, speed });
      onStepChange(s);
    },
    [onStepChange, playing, speed, setPlayback],
  );

  // The event list, the ladder and the details follow a frame after the step: at the grouped levels a step moves the
  // list and the ladder by a whole window of rows, the largest costs of a step; the controls, narration and canvas
  // come first.
  const detailStep = inTrace(useStepAfterPaint(stepSource));
  const current = props.trace.steps[detailStep];
  const deviceId =
    stateDevice ??
    props.selectedDeviceId ??
    (current ? (current.type === 'frame' ? current.to.deviceId : current.deviceId) : model.ctx.clientId);
  const linkId = props.selectedLinkId ?? (current?.type === 'frame' ? current.linkId : undefined);
  const tabs = useMemo(() => ['packet', 'state', 'link'] as Tab[], []);
  const showDetail = useCallback(
    (s: number) => {
      select(s);
      setTab('packet');
    },
    [select],
  );

  const docked = props.docked === true;
  // Docked, the list and the ladder fill the panel's height (and measure what they got); otherwise a fixed height.
  const list = (
    <EventList
      model={model}
      currentStep={detailStep}
      liveStep={stepSource.get}
      onSelectStep={select}
      filter={filter}
      onFilterChange={setFilter}
      allFrames={allFrames}
      onAllFramesChange={setAllFrames}
      expanded={expanded}
      onToggleExpanded={toggleExpanded}
      height={docked ? undefined : 260}
    />
  );
  const ladder = (
    <LadderDiagram
      model={model}
      currentStep={detailStep}
      liveStep={stepSource.get}
      onSelectStep={select}
      allFrames={allFrames}
      expanded={expanded}
      order={props.laneOrder}
      selectedDeviceId={props.selectedDeviceId}
      onSelectDevice={props.onSelectDevice}
      height={docked ? undefined : 280}
    />
  );
  return (
    <div className={`pj-replay pj-replay-workspace${docked ? ' pj-docked' : ''}`} aria-label={t('workspace.label')}>
      <ReplayControls
        items={stepItems}
        step={stepSource}
        playing={playing}
        speed={speed}
        dispatch={dispatch}
        onShowDetail={showDetail}
      />
      <div className="pj-workspace-grid">
        {docked ? (
          <>
            {list}
            {ladder}
          </>
        ) : (
          <div className="pj-workspace-left">
            {list}
            {ladder}
          </div>
        )}
        <div className="pj-detail">
          <div role="tablist" className="pj-tabs" aria-label={t('workspace.label')}>
            {tabs.map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                className="pj-tab"
                onClick={() => setTab(k)}
                data-testid={`tab-${k}`}
              >
                {t(`workspace.tabs.${k}`)}
              </button>
            ))}
          </div>
          {/* Focusable: it scrolls, and the keyboard must reach what it holds below the fold (PageDown, ↑ ↓). */}
          <div
            role="tabpanel"
            className="pj-tabpanel"
            tabIndex={0}
            aria-label={t(`workspace.tabs.${tab}`)}
            data-testid="detail-panel"
          >
            {tab === 'packet' && (
              <>
                <Decision model={model} step={detailStep} onOpenConfig={props.onOpenConfig} />
                <Packet model={model} step={detailStep} onSelectStep={select} />
              </>
            )}
            {tab === 'state' && (
              <DeviceState model={model} step={detailStep} deviceId={deviceId} onDeviceChange={setStateDevice} />
            )}
            {tab === 'link' &&
              (linkId ? (
                <Frames
                  model={model}
                  linkId={linkId}
                  currentStep={detailStep}
                  onSelectStep={select}
                  onExportPcap={props.onExportLinkPcap}
                />
              ) : (
                <p className="pj-muted">{t('link.none')}</p>
              ))}
          </div>
        </div>
      </div>
    </div>
  );
}
