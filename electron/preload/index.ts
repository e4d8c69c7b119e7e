// The sandboxed preload: the only code with access to IPC on the page side. It exposes two small objects through
// contextBridge — the Platform bridge and the desktop extras — and nothing of Node or Electron itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EngineRunResult, OpenResult, Platform, RecentFile, SaveRequest, SaveResult } from '../../shared/platform';
import type { Scenario } from '../../shared/engine/trace';
import { IPC } from '../common/channels';
import { scenarioPayload } from '../common/scenario-payload';
import type { DesktopBridge, OpenRequest, RecoveryDocument } from '../common/desktop-bridge';
import { slidesBridge } from './slides';

let requestCounter = 0;

function subscribe<T>(channel: string, handler: (value: T) => void): () => void {
  const listener = (_event: IpcRendererEvent, value: T) => handler(value);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

const platform: Platform = {
  kind: 'electron',
  openFile: (): Promise<OpenResult> => ipcRenderer.invoke(IPC.openFile),
  openPath: (path: string): Promise<OpenResult> => ipcRenderer.invoke(IPC.openPath, path),
  saveFile: (request: SaveRequest): Promise<SaveResult> =>
    ipcRenderer.invoke(IPC.saveFile, {
      text: request.text,
      name: request.name,
      ...(request.path ? { path: request.path } : {}),
      saveAs: request.saveAs,
    }),
  recentFiles: (): Promise<RecentFile[]> => ipcRenderer.invoke(IPC.recentFiles),
  setTitle: (title: string, dirty: boolean): void => ipcRenderer.send(IPC.setTitle, { title, dirty }),
  onCommand: (handler: (commandId: string) => void) => subscribe<string>(IPC.command, handler),
  simulate: async (topologyText: string, scenario: Scenario, signal?: AbortSignal): Promise<EngineRunResult> => {
    if (signal?.aborted) return { ok: false, error: 'The simulation was canceled.' };
    const requestId = `run-${++requestCounter}`;
    const cancel = () => void ipcRenderer.invoke(IPC.cancelSimulation, { requestId });
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await ipcRenderer.invoke(IPC.simulate, { requestId, topologyText, scenario: scenarioPayload(scenario) });
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  },
};

// Open requests can arrive before the page has subscribed (a file given on the command line): keep them until then.
const waitingOpenRequests: OpenRequest[] = [];
const openRequestHandlers = new Set<(request: OpenRequest) => void>();
ipcRenderer.on(IPC.openRequest, (_event, request: OpenRequest) => {
  if (openRequestHandlers.size === 0) waitingOpenRequests.push(request);
  for (const handler of openRequestHandlers) handler(request);
});

const desktop: DesktopBridge = {
  onOpenRequest(handler) {
    openRequestHandlers.add(handler);
    for (const request of waitingOpenRequests.splice(0)) handler(request);
    return () => {
      openRequestHandlers.delete(handler);
    };
  },
  writeRecovery: (document: RecoveryDocument) =>
    ipcRenderer.invoke(IPC.recoveryWrite, {
      name: document.name,
      ...(document.path ? { path: document.path } : {}),
      text: document.text,
    }),
  clearRecovery: () => ipcRenderer.invoke(IPC.recoveryClear),
};

contextBridge.exposeInMainWorld('packetJourney', platform);
contextBridge.exposeInMainWorld('packetJourneyDesktop', desktop);
contextBridge.exposeInMainWorld('packetJourneySlides', slidesBridge);
