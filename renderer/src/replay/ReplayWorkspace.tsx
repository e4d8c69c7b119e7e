// All replay views wired together around one current step: controls + narration, the event list, the ladder,
// and the selected step's packet, reason, device state and link frames. The step and level are controlled by
// the owner (they are saved in the file); play/pause and speed live here.
import { useCallback, useEffect, useMemo, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigRef, Trace } from '../../../shared/engine/trace';
import type { Topology } from '../../../shared/model/schema';
import type { DetailLevel } from '../../../shared/replay/levels';
import type { StepFilter } from '../../../shared/replay/filters';
import { currentItem, playbackReducer, type PlaybackAction, type PlaybackState, type Speed } from '../../../shared/replay/playback';
import { useReplayModel } from './model';
import { ReplayControls } from './ReplayControls';
import { EventList } from './EventList';
import { LadderDiagram } from './LadderDiagram';
import { PacketInspector } from './PacketInspector';
import { DecisionPanel } from './DecisionPanel';
import { DeviceStatePanel } from './DeviceStatePanel';
import { LinkFrames } from './LinkFrames';
import './replay.css';

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
}

type Tab = 'packet' | 'state' | 'link';

export function ReplayWorkspace(props: ReplayWorkspaceProps): JSX.Element {
  const { t } = useTranslation('replay');
  const model = useReplayModel(props.trace, props.topology, props.level);
  const { items } = model;
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);
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
    setPlaying(next.playing);
    setSpeed(next.speed);
  }, [step, playing, speed, items, onStepChange]);

  const select = useCallback((s: number) => {
    setPlaying(false);
    onStepChange(s);
  }, [onStepChange]);

  const item = items[currentItem(items, step)];
  const highlight = item && item.first !== item.last ? { first: item.first, last: item.last } : undefined;
  const current = props.trace.steps[step];
  const deviceId = stateDevice ?? props.selectedDeviceId ?? (current ? (current.type === 'frame' ? current.to.deviceId : current.deviceId) : model.ctx.clientId);
  const linkId = props.selectedLinkId ?? (current?.type === 'frame' ? current.linkId : undefined);
  const tabs = useMemo(() => (['packet', 'state', 'link'] as Tab[]), []);

  return (
    <div className="pj-replay pj-workspace" aria-label={t('workspace.label')}>
      <ReplayControls items={items} playback={playback} dispatch={dispatch} globalKeys={props.globalKeys} onShowDetail={(s) => { select(s); setTab('packet'); }} />
      <div className="pj-workspace-grid">
        <div className="pj-workspace-left">
          <EventList model={model} currentStep={step} onSelectStep={select} filter={filter} onFilterChange={setFilter} highlight={highlight} height={260} />
          <LadderDiagram model={model} currentStep={step} onSelectStep={select} highlight={highlight} height={280} />
        </div>
        <div className="pj-detail">
          <div role="tablist" className="pj-tabs" aria-label={t('workspace.label')}>
            {tabs.map((k) => (
              <button key={k} type="button" role="tab" aria-selected={tab === k} className="pj-tab" onClick={() => setTab(k)} data-testid={`tab-${k}`}>{t(`workspace.tabs.${k}`)}</button>
            ))}
          </div>
          <div role="tabpanel" className="pj-tabpanel">
            {tab === 'packet' && (
              <>
                <DecisionPanel model={model} step={step} onOpenConfig={props.onOpenConfig} />
                <PacketInspector model={model} step={step} onSelectStep={select} />
              </>
            )}
            {tab === 'state' && <DeviceStatePanel model={model} step={step} deviceId={deviceId} onDeviceChange={setStateDevice} />}
            {tab === 'link' && (linkId
              ? <LinkFrames model={model} linkId={linkId} currentStep={step} onSelectStep={select} onExportPcap={props.onExportLinkPcap} />
              : <p className="pj-muted">{t('link.none')}</p>)}
          </div>
        </div>
      </div>
    </div>
  );
}
