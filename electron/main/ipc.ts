// The main-process side of the Platform bridge. Each handler checks the sender and the payload, then does one
// thing with the file, dialog or engine modules.
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { BrowserWindow, Dialog, IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { OpenResult, RecentFile, SaveRequest, SaveResult } from '../../shared/platform';
import { IPC } from '../common/channels';
import { loadTopology } from '../../shared/model/load';
import { describeFileError, readTopologyFile, writeFileAtomic } from './files';
import type { EngineHost } from './engine-host';
import type { RecentFiles } from './recent-files';
import type { RecoveryStore } from './recovery';
import {
  CancelSimulationPayload,
  IpcRejection,
  NoPayload,
  OpenPathPayload,
  parsePayload,
  RecoveryWritePayload,
  SaveRequestPayload,
  SetTitlePayload,
  SimulatePayload,
  isTrustedSenderUrl,
  type TrustedOrigins,
} from './ipc-validation';

export const FILE_EXTENSION = '.packetjourney';
const FILE_FILTERS = [
  { name: 'Packet Journey topology', extensions: ['packetjourney'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * Paths the renderer may read or write without a dialog: only those the user chose (dialogs, Recent, the command
 * line, double-click). A compromised page therefore cannot read or overwrite arbitrary files through the bridge.
 */
export class PathGrants {
  private readonly granted = new Set<string>();
  private readonly handedOver = new Set<string>();
  /** The user chose `path` in our own dialogs or menus: it may be read and saved over without asking. */
  grant(path: string): void {
    this.granted.add(resolve(path));
    this.handedOver.delete(resolve(path));
  }
  /**
   * `path` came from outside the window — another launch's argument, the OS's open-file: it may be opened, but the
   * first save to it asks where (a process that can start the app must not make its next Ctrl+S overwrite a file).
   */
  handOver(path: string): void {
    if (!this.granted.has(resolve(path))) this.handedOver.add(resolve(path));
  }
  /** May be saved over without asking. */
  has(path: string): boolean {
    return this.granted.has(resolve(path));
  }
  mayOpen(path: string): boolean {
    return this.granted.has(resolve(path)) || this.handedOver.has(resolve(path));
  }
  isHandedOver(path: string): boolean {
    return this.handedOver.has(resolve(path));
  }
}

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'on' | 'removeHandler' | 'removeAllListeners'>;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  window: () => BrowserWindow | undefined;
  trusted: TrustedOrigins;
  recent: RecentFiles;
  recovery: RecoveryStore;
  engine: EngineHost;
  grants: PathGrants;
  defaultDirectory: () => string;
  /** Called after the Recent list changed, to rebuild the menu. */
  recentChanged: (recent: RecentFile[]) => void;
  /** The document's title and dirty state as the renderer reports them. */
  titleChanged: (title: string, dirty: boolean) => void;
  /** Every save attempt's result (the close prompt's "Save…" waits for it). */
  saveFinished?: (result: SaveResult) => void;
}

type SenderEvent = Pick<IpcMainInvokeEvent | IpcMainEvent, 'senderFrame'>;

export function assertTrustedSender(channel: string, event: SenderEvent, trusted: TrustedOrigins): void {
  const frame = event.senderFrame;
  // Only the top frame of our page: an iframe (none exist, but the check is cheap) is not trusted either.
  if (!frame || frame.parent !== null || !isTrustedSenderUrl(frame.url, trusted)) {
    throw new IpcRejection(channel, `sender ${frame?.url ?? '(gone)'} is not the Packet Journey window`);
  }
}

function withSaveExtension(path: string): string {
  return extname(path) === '' ? `${path}${FILE_EXTENSION}` : path;
}

export function registerIpcHandlers(deps: IpcDeps): () => void {
  const { ipcMain, trusted } = deps;

  function handle(channel: string, run: (payload: unknown) => Promise<unknown>): void {
    ipcMain.handle(channel, (event, payload: unknown) => {
      assertTrustedSender(channel, event, trusted);
      return run(payload);
    });
  }

  /** A file the user chose may be read again by path; only one that opens as a network goes into Recent. */
  async function opened(result: OpenResult): Promise<OpenResult> {
    if (result.ok && result.file.path) {
      if (!deps.grants.isHandedOver(result.file.path)) deps.grants.grant(result.file.path);
      if (loadTopology(result.file.bytes, result.file.name).ok)
        deps.recentChanged(await deps.recent.add(result.file.path));
    }
    return result;
  }

  handle(IPC.openFile, async (payload) => {
    parsePayload(IPC.openFile, NoPayload, payload);
    const window = deps.window();
    const options = {
      title: 'Open topology',
      defaultPath: deps.defaultDirectory(),
      filters: FILE_FILTERS,
      properties: ['openFile' as const],
    };
    const choice = window
      ? await deps.dialog.showOpenDialog(window, options)
      : await deps.dialog.showOpenDialog(options);
    if (choice.canceled || choice.filePaths.length === 0) return { ok: false, canceled: true } satisfies OpenResult;
    return opened(await readTopologyFile(choice.filePaths[0]));
  });

  handle(IPC.openPath, async (payload) => {
    const path = parsePayload(IPC.openPath, OpenPathPayload, payload);
    const recent = await deps.recent.list();
    if (!deps.grants.mayOpen(path) && !recent.some((f) => resolve(f.path) === resolve(path))) {
      throw new IpcRejection(IPC.openPath, `${path} was not chosen by the user`);
    }
    const result = await readTopologyFile(path);
    if (!result.ok && !result.canceled && result.error.includes('does not exist'))
      deps.recentChanged(await deps.recent.remove(path));
    return result.ok ? opened(result) : result;
  });

  handle(IPC.saveFile, async (payload): Promise<SaveResult> => {
    const result = await save(parsePayload(IPC.saveFile, SaveRequestPayload, payload));
    deps.saveFinished?.(result);
    return result;
  });

  async function save(request: SaveRequest): Promise<SaveResult> {
    let target = !request.saveAs && request.path && deps.grants.has(request.path) ? request.path : undefined;
    if (!target) {
      const window = deps.window();
      const suggested = withSaveExtension(basename(request.name));
      const options = {
        title: 'Save topology',
        defaultPath: request.path ? join(dirname(request.path), suggested) : join(deps.defaultDirectory(), suggested),
        filters: FILE_FILTERS,
      };
      const choice = window
        ? await deps.dialog.showSaveDialog(window, options)
        : await deps.dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { ok: false, canceled: true };
      target = withSaveExtension(choice.filePath);
    }
    try {
      await writeFileAtomic(target, request.text);
    } catch (error) {
      return { ok: false, canceled: false, error: describeFileError(target, error, 'save') };
    }
    deps.grants.grant(target);
    deps.recentChanged(await deps.recent.add(target));
    // The saved file now holds the work; an older autosave would only confuse the next start.
    await deps.recovery.clear().catch(() => undefined);
    return { ok: true, name: basename(target), path: target };
  }

  handle(IPC.recentFiles, async (payload) => {
    parsePayload(IPC.recentFiles, NoPayload, payload);
    return deps.recent.list();
  });

  handle(IPC.simulate, async (payload) => {
    const request = parsePayload(IPC.simulate, SimulatePayload, payload);
    return deps.engine.run(request.requestId, request.topologyText, request.scenario);
  });

  handle(IPC.cancelSimulation, async (payload) => {
    const request = parsePayload(IPC.cancelSimulation, CancelSimulationPayload, payload);
    return deps.engine.cancel(request.requestId);
  });

  handle(IPC.recoveryWrite, async (payload) => {
    const document = parsePayload(IPC.recoveryWrite, RecoveryWritePayload, payload);
    await deps.recovery.write(document);
  });

  handle(IPC.recoveryClear, async (payload) => {
    parsePayload(IPC.recoveryClear, NoPayload, payload);
    await deps.recovery.clear();
  });

  ipcMain.on(IPC.setTitle, (event, payload: unknown) => {
    try {
      assertTrustedSender(IPC.setTitle, event, trusted);
      const { title, dirty } = parsePayload(IPC.setTitle, SetTitlePayload, payload);
      deps.titleChanged(title, dirty);
    } catch (error) {
      console.warn(error instanceof Error ? error.message : error);
    }
  });

  return () => {
    for (const channel of [
      IPC.openFile,
      IPC.openPath,
      IPC.saveFile,
      IPC.recentFiles,
      IPC.simulate,
      IPC.cancelSimulation,
      IPC.recoveryWrite,
      IPC.recoveryClear,
    ]) {
      ipcMain.removeHandler(channel);
    }
    ipcMain.removeAllListeners(IPC.setTitle);
  };
}
