// The browser of the chosen host, above the canvas: address bar, Go (Cancel while the engine runs), caches, detail
// level, and the result as a browser shows it — or that the network changed since, with one click to run again.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { BrowserBar, type BrowserRequest } from '../replay/BrowserBar';
import type { Outcome } from '../../../shared/engine/trace';
import { useApp } from '../store';
import { cancelReplay, runReplay, setLevel } from './actions';
import { browserHosts, isStale } from './derive';
import { ScenarioDialog } from '../replay/ScenarioDialog';
import { formatChange, findChangeDevice } from '../../../shared/model/scenario';

export function SimulationBar() {
  const { t } = useTranslation('app');
  const devices = useApp((s) => s.doc!.devices);
  const replay = useApp(
    useShallow((s) => ({
      request: s.replay.request,
      level: s.replay.level,
      running: s.replay.running,
      trace: s.replay.trace,
      error: s.replay.error,
    })),
  );
  const stale = useApp((s) => isStale(s.doc, s.replay));
  const hosts = useMemo(() => browserHosts({ devices } as Parameters<typeof browserHosts>[0]), [devices]);
  const value: BrowserRequest = { ...replay.request, from: replay.request.from || hosts[0]?.id || '' };
  const outcome: Outcome | undefined = replay.error
    ? { ok: false, error: replay.error, summary: t('replay.engineFailed') }
    : replay.trace?.outcome;
  const setRequest = (request: BrowserRequest) => useApp.getState().setReplay({ request });
  const doc = useApp((s) => s.doc!);
  const [editing, setEditing] = useState(false);
  const ran = replay.trace?.scenario;
  const before =
    ran && replay.trace && (replay.trace.earlier?.length || ran.thenSet?.length)
      ? {
          earlier: replay.trace.earlier ?? [],
          pauseSeconds: ran.pauseSeconds,
          changes: (ran.thenSet ?? []).map((c) => formatChange(c, findChangeDevice(doc, c.device)?.name)),
        }
      : undefined;
  return (
    <div className="pj-simbar" data-testid="simulation-bar">
      {editing && (
        <ScenarioDialog
          topology={doc}
          hostName={hosts.find((h) => h.id === value.from)?.name ?? value.from}
          url={value.url}
          initial={value.scenario}
          onCancel={() => setEditing(false)}
          onUse={(scenario) => {
            setEditing(false);
            setRequest({ ...value, warm: false, scenario });
          }}
        />
      )}
      <BrowserBar
        hosts={hosts}
        value={value}
        onChange={setRequest}
        level={replay.level}
        onLevelChange={setLevel}
        onGo={(v) => {
          setRequest(v);
          void runReplay();
        }}
        running={replay.running}
        onCancel={cancelReplay}
        outcome={outcome}
        stale={stale}
        onEditScenario={() => setEditing(true)}
        before={before}
      />
    </div>
  );
}
