// The replay docked under the canvas: controls and narration, the event list, the ladder and the selected step's
// detail. It appears once a journey has been run, can be resized (drag or arrow keys on its edge) and collapsed.
import { memo, useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronDown, ChevronUp } from 'lucide-react';
import { ReplayWorkspace, type ReplayWorkspaceProps } from '../replay/ReplayWorkspace';
import type { StepSource } from '../replay/stepSource';
import type { Speed } from '../../../shared/replay/playback';
import { useApp } from '../store';
import { exportPcap, openConfig, setAllFrames } from './actions';
import { openExportDialog } from '../export';
import { fitDevices, revealDevice } from '../canvas/flowApi';

const exportLinkPcap = (linkId: string) => void exportPcap(linkId);

const MIN_HEIGHT = 220;
const maxHeight = () => Math.max(MIN_HEIGHT, window.innerHeight - 240);
const clampHeight = (h: number) => Math.round(Math.min(Math.max(h, MIN_HEIGHT), maxHeight()));

const onStepChange = (next: number) => useApp.getState().setReplay({ step: next });
/** The replay's step in the store, for the views that show it (a step re-renders only those). */
const replayStep: StepSource = {
  get: () => useApp.getState().replay.step,
  subscribe: (listener) =>
    useApp.subscribe((s, before) => {
      if (s.replay.step !== before.replay.step) listener();
    }),
};
const onPlaybackChange = (p: { playing: boolean; speed: Speed }) => useApp.getState().setReplay(p);
const onAllFramesChange = setAllFrames;
/** A lane chosen on the ladder selects its device on the canvas (and brings it into view). */
const onSelectDevice = (deviceId: string) => {
  const s = useApp.getState();
  if (!s.doc?.devices.some((d) => d.id === deviceId)) return;
  s.setSelection({ deviceIds: [deviceId], linkIds: [] });
  revealDevice(deviceId);
};

type WorkspaceInputs = Pick<ReplayWorkspaceProps, 'trace' | 'topology' | 'level' | 'laneOrder'>;

/**
 * The workspace with what changes while replaying (playback, canvas selection): its own component, so these re-render
 * the workspace, not the panel's header and resizer around it. The step is not among them: the views that show it
 * read it from the store themselves (replayStep).
 */
const DockedWorkspace = memo(function DockedWorkspace({ trace, topology, level, laneOrder }: WorkspaceInputs) {
  const playing = useApp((s) => s.replay.playing);
  const speed = useApp((s) => s.replay.speed);
  const canvasSelection = useApp((s) => s.selection);
  const configSelection = useApp((s) => s.replay.configSelection);
  const allFrames = useApp((s) => s.replay.allFrames);
  // One link or one device chosen on the canvas (not by a config link from the replay): show what it saw.
  const selection = canvasSelection === configSelection ? undefined : canvasSelection;
  const selectedLinkId =
    selection && selection.linkIds.length === 1 && selection.deviceIds.length === 0 ? selection.linkIds[0] : undefined;
  const selectedDeviceId =
    selection && selection.deviceIds.length === 1 && selection.linkIds.length === 0
      ? selection.deviceIds[0]
      : undefined;
  return (
    <ReplayWorkspace
      trace={trace}
      topology={topology}
      level={level}
      step={replayStep}
      onStepChange={onStepChange}
      playing={playing}
      speed={speed}
      onPlaybackChange={onPlaybackChange}
      selectedLinkId={selectedLinkId}
      selectedDeviceId={selectedDeviceId}
      onOpenConfig={openConfig}
      onExportLinkPcap={exportLinkPcap}
      docked
      laneOrder={laneOrder}
      allFrames={allFrames}
      onAllFramesChange={onAllFramesChange}
      onSelectDevice={onSelectDevice}
    />
  );
});

export function ReplayPanel() {
  const { t } = useTranslation('app');
  const trace = useApp((s) => s.replay.trace);
  const runTopology = useApp((s) => s.replay.runTopology);
  const level = useApp((s) => s.replay.level);
  const docGeneration = useApp((s) => s.docGeneration);
  const open = useApp((s) => s.replay.panelOpen);
  const height = useApp((s) => s.replay.panelHeight);
  const drag = useRef<{ y: number; height: number } | null>(null);
  const laneOrder = useMemo(
    () =>
      runTopology &&
      [...runTopology.devices]
        .sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y)
        .map((d) => d.id),
    [runTopology],
  );

  // The panel (and the result over the canvas) take room from the canvas: show the whole network after each run.
  useEffect(() => {
    if (!trace || !open) return;
    const id = requestAnimationFrame(() =>
      fitDevices(useApp.getState().doc?.devices ?? [], 200, { padding: 0.1, maxZoom: 1.25 }),
    );
    return () => cancelAnimationFrame(id);
  }, [trace, open]);

  const setHeight = (h: number) => useApp.getState().setReplay({ panelHeight: clampHeight(h) });
  const toggle = () => useApp.getState().setReplay({ panelOpen: !open, playing: false });

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = { y: e.clientY, height };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setHeight(drag.current.height + drag.current.y - e.clientY);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onSeparatorKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const delta = e.key === 'ArrowUp' ? 24 : e.key === 'ArrowDown' ? -24 : 0;
    if (!delta) return;
    e.preventDefault();
    e.stopPropagation();
    setHeight(height + delta);
  };

  if (!trace) return null;
  return (
    <section
      className={`pj-replay-panel${open ? '' : ' is-collapsed'}`}
      style={open ? { height: clampHeight(height) } : undefined}
      aria-label={t('replay.panel')}
      data-testid="replay-panel"
    >
      {open && (
        <div
          className="pj-panel-resizer"
          role="separator"
          aria-orientation="horizontal"
          aria-label={t('replay.resize')}
          aria-valuenow={clampHeight(height)}
          aria-valuemin={MIN_HEIGHT}
          aria-valuemax={maxHeight()}
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onKeyDown={onSeparatorKey}
        />
      )}
      <header className="pj-replay-panel-head">
        <h2>{t('replay.title')}</h2>
        <span className="pj-muted pj-replay-panel-scenario">
          {t('replay.scenario', {
            from: runTopology?.devices.find((d) => d.id === trace.scenario.from)?.name ?? trace.scenario.from,
            url: trace.scenario.url,
          })}
        </span>
        <button
          type="button"
          className="pj-text-button"
          onClick={() => void exportPcap()}
          title={t('replay.exportAllHint')}
          data-testid="export-pcap"
        >
          {t('replay.exportAll')}
        </button>
        <button type="button" className="pj-text-button" onClick={() => openExportDialog()} data-testid="export-slides">
          {t('commands:export.slides')}
        </button>
        <button
          type="button"
          className="pj-icon-button"
          onClick={toggle}
          aria-expanded={open}
          aria-label={open ? t('replay.collapse') : t('replay.expand')}
          title={open ? t('replay.collapse') : t('replay.expand')}
          data-testid="replay-panel-toggle"
        >
          {open ? <ChevronDown size={18} aria-hidden /> : <ChevronUp size={18} aria-hidden />}
        </button>
      </header>
      {open && (
        <div className="pj-replay-panel-body">
          {/* Keyed by the document: another network starts with no filter, nothing expanded, the first tab. */}
          <DockedWorkspace
            key={docGeneration}
            trace={trace}
            topology={runTopology}
            level={level}
            laneOrder={laneOrder}
          />
        </div>
      )}
    </section>
  );
}
