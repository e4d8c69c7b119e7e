// Preview: ?lang=ko, ?theme=dark, ?level=1..7, ?step=N, ?blocked=1, ?warm=1, ?link=l3, ?device=home, ?running=1, ?stale=1
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../../../shared/i18n/en/replay.json';
import ko from '../../../../shared/i18n/ko/replay.json';
import type { DetailLevel } from '../../../../shared/replay/levels';
import { BrowserBar, ReplayWorkspace, type BrowserRequest } from '..';
import { sampleTrace } from './sample';

const params = new URLSearchParams(location.search);
const lang = params.get('lang') ?? 'en';
const theme = params.get('theme') ?? 'light';
document.documentElement.dataset.theme = theme;
document.documentElement.lang = lang;
document.body.style.margin = '0';
document.body.style.background = theme === 'dark' ? '#16191d' : '#ffffff';
document.body.style.colorScheme = theme;

void i18next.use(initReactI18next).init({
  resources: { en: { replay: en }, ko: { replay: ko } }, lng: lang, fallbackLng: 'en', ns: ['replay'], defaultNS: 'replay', interpolation: { escapeValue: false },
});

const blocked = params.get('blocked') === '1';
const { trace, topology } = sampleTrace(blocked, params.get('warm') === '1');

function Preview() {
  const [level, setLevel] = useState<DetailLevel>(Number(params.get('level') ?? 7) as DetailLevel);
  const [step, setStep] = useState(Number(params.get('step') ?? 0));
  const [request, setRequest] = useState<BrowserRequest>({ from: 'pc', url: trace.scenario.url, warm: false });
  const [opened, setOpened] = useState('');
  return (
    <div style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 8 }} className="pj-replay">
      <BrowserBar
        hosts={topology.devices.filter((d) => d.kind === 'host' || d.kind === 'server').map((d) => ({ id: d.id, name: d.name }))}
        value={request} onChange={setRequest} level={level} onLevelChange={setLevel}
        onGo={() => setStep(0)} onCancel={() => {}} outcome={trace.outcome} running={params.get('running') === '1'} progress={0.4}
        stale={params.get('stale') === '1'}
      />
      <ReplayWorkspace
        trace={trace} topology={topology} level={level} step={step} onStepChange={setStep}
        selectedLinkId={params.get('link') ?? undefined}
        selectedDeviceId={params.get('device') ?? undefined}
        onOpenConfig={(ref) => setOpened(`${ref.deviceId} ${ref.path.join('.')}`)} onExportLinkPcap={(l) => setOpened(`pcap ${l}`)}
      />
      <output data-testid="preview-opened">{opened}</output>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><Preview /></StrictMode>);
