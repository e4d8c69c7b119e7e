// The browser of the chosen host, above the canvas: address bar, Go (Cancel while the engine runs), caches, detail
// level, and the result as a browser shows it — or that the network changed since, with one click to run again.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { BrowserBar, type BrowserRequest } from '../replay/BrowserBar';
import type { Outcome } from '../../../shared/engine/trace';
import { useApp } from '../store';
import { cancelReplay, runReplay, setLevel } from './actions';
import { browserHosts, isStale } from './derive';

export function SimulationBar() {
  const { t } = useTranslation('app');
  const devices = useApp((s) => s.doc!.devices);
  const replay = useApp(useShallow((s) => ({
    request: s.replay.request, level: s.replay.level, running: s.replay.running, trace: s.replay.trace, error: s.replay.error,
  })));
  const stale = useApp((s) => isStale(s.doc, s.replay));
  const hosts = useMemo(() => browserHosts({ devices } as Parameters<typeof browserHosts>[0]), [devices]);
  const value: BrowserRequest = { ...replay.request, from: replay.request.from || hosts[0]?.id || '' };
  const outcome: Outcome | undefined = replay.error
    ? { ok: false, error: replay.error, summary: t('replay.engineFailed') }
    : replay.trace?.outcome;
  const setRequest = (request: BrowserRequest) => useApp.getState().setReplay({ request });
  return (
    <div className="pj-simbar" data-testid="simulation-bar">
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
      />
    </div>
  );
}
