// Desktop app lifecycle: one instance, one window, secure defaults. The logic lives in the plain modules next to
// this file (files, recovery, ipc, engine-host, menu); this file only wires them to Electron.
import {
  app,
  BrowserWindow,
  clipboard,
  ClipboardItem,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
} from 'electron';
import { join } from 'node:path';
import createEngineWorker from '../worker/engine.worker?nodeWorker';
import lessonPlayerBundle from 'virtual:lesson-player';
import type { RecentFile } from '../../shared/platform';
import { IPC } from '../common/channels';
import type { OpenRequest } from '../common/desktop-bridge';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appResponse } from './app-protocol';
import { EngineHost } from './engine-host';
import { ExportFolder } from './export-folder';
import { lessonFontSources } from '../player/lesson-fonts';
import { cleanStaleSaves } from './files';
import { registerIpcHandlers, PathGrants } from './ipc';
import { registerSlidesIpc } from './slides-ipc';
import { fileFromArgv, journeyLinkFromArgv } from './launch-args';
import { buildMenuTemplate } from './menu';
import { dispatchMenuCommand } from './menu-dispatch';
import { RecentFiles } from './recent-files';
import { RecoveryStore } from './recovery';
import { hardenSession, hardenWebContents } from './security';
import { loadWindowState, MIN_SIZE, placeWindow, saveWindowState } from './window-state';

const APP_NAME = 'Packet Journey';
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererRoot = join(__dirname, '../renderer');
const trusted = devServerUrl ? { devOrigin: devServerUrl } : { appOrigin: true };

let mainWindow: BrowserWindow | undefined;
let documentDirty = false;
let closeConfirmed = false;
/** "Save…" in the close prompt: close once that save succeeds; forget it if the save is cancelled or fails. */
let closeAfterSave = false;
let pendingFile: string | undefined;
/** A journey link given on the command line (`packet-journey '#/open/home-to-web?…&step=12'`). */
let pendingLink: string | undefined;

const userData = () => app.getPath('userData');
const recent = new RecentFiles(join(userData(), 'recent-files.json'));
const recovery = new RecoveryStore(join(userData(), 'recovery.json'));
const windowStateFile = join(userData(), 'window-state.json');
const grants = new PathGrants();
const engine = new EngineHost(() => createEngineWorker({}));

function sendToRenderer(channel: string, value: unknown): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, value);
}

/** `chosen`: the user picked the path in our own menu; otherwise it came from another launch or the OS. */
function requestOpen(request: OpenRequest, chosen = false): void {
  if (request.kind === 'path') {
    if (chosen) grants.grant(request.path);
    else grants.handOver(request.path);
  }
  sendToRenderer(IPC.openRequest, request);
}

function rebuildMenu(files: RecentFile[]): void {
  const template = buildMenuTemplate(
    {
      runCommand: (id) =>
        void dispatchMenuCommand(mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : undefined, id),
      openRecent: (path) => requestOpen({ kind: 'path', path }, true),
      clearRecent: () => void recent.clear().then(() => rebuildMenu([])),
    },
    { recent: files, isMac: process.platform === 'darwin', devTools: !app.isPackaged },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function offerRecovery(window: BrowserWindow): Promise<void> {
  const saved = await recovery.read();
  if (!saved) return;
  const { response } = await dialog.showMessageBox(window, {
    type: 'question',
    buttons: ['Restore', 'Discard'],
    defaultId: 0,
    cancelId: 1,
    message: `Restore unsaved work on "${saved.name}"?`,
    detail: `${APP_NAME} closed without saving it. The work was autosaved at ${new Date(saved.savedAt).toLocaleString()}.`,
  });
  if (response === 0)
    requestOpen({
      kind: 'recovered',
      name: saved.name,
      ...(saved.path ? { path: saved.path } : {}),
      text: saved.text,
      savedAt: saved.savedAt,
    });
  else await recovery.clear();
}

async function confirmClose(window: BrowserWindow): Promise<void> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    buttons: ['Save…', 'Discard changes', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    message: 'Save changes before closing?',
    detail: 'Your changes will be lost if you close without saving.',
  });
  if (response === 0) {
    closeAfterSave = true;
    sendToRenderer(IPC.command, 'file.save');
  }
  if (response === 1) {
    await recovery.clear();
    closeConfirmed = true;
    window.close();
  }
}

async function createWindow(initialFile: string | undefined): Promise<void> {
  const placement = placeWindow(
    await loadWindowState(windowStateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: APP_NAME,
    show: false,
    backgroundColor: '#f7f7f8',
    webPreferences: {
      // Reviewed for electronegativity: the sandboxed preload exposes only narrow functions through contextBridge
      // (no ipcRenderer, no Node or Electron object), and every channel it uses is validated in main (ipc.ts).
      preload: join(__dirname, '../preload/index.js'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // No middle-click (auxclick) on links: it would ask for a new window. Those are denied anyway (security.ts);
      // this keeps that from being the only guard.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow = window;
  if (placement.maximized) window.maximize();

  window.once('ready-to-show', () => {
    window.show();
    if (initialFile) requestOpen({ kind: 'path', path: initialFile });
    if (pendingLink) requestOpen({ kind: 'link', link: pendingLink });
    pendingLink = undefined;
    void offerRecovery(window);
  });
  window.on('close', (event) => {
    void saveWindowState(windowStateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() }).catch(
      () => undefined,
    );
    if (documentDirty && !closeConfirmed) {
      event.preventDefault();
      void confirmClose(window);
    }
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });

  if (devServerUrl) await window.loadURL(devServerUrl);
  else await window.loadURL(APP_ENTRY_URL);
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    // The running instance receives our arguments through 'second-instance' and opens the file.
    app.quit();
    return;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = fileFromArgv(argv, workingDirectory);
    const link = journeyLinkFromArgv(argv);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      if (file) requestOpen({ kind: 'path', path: file });
      if (link) requestOpen({ kind: 'link', link });
    } else {
      if (file) pendingFile = file;
      if (link) pendingLink = link;
    }
  });
  // macOS delivers double-clicked files as events, possibly before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (mainWindow) requestOpen({ kind: 'path', path });
    else pendingFile = path;
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, devServerUrl));

  registerIpcHandlers({
    ipcMain,
    dialog,
    window: () => mainWindow,
    trusted,
    recent,
    recovery,
    engine,
    grants,
    defaultDirectory: () => app.getPath('documents'),
    recentChanged: rebuildMenu,
    titleChanged: (title, dirty) => {
      documentDirty = dirty;
      if (mainWindow) {
        mainWindow.setTitle(title);
        mainWindow.setDocumentEdited(dirty);
      }
    },
    saveFinished: (result) => {
      const close = closeAfterSave && result.ok;
      closeAfterSave = false;
      if (close && mainWindow) {
        closeConfirmed = true;
        mainWindow.close();
      }
    },
  });

  registerSlidesIpc({
    ipcMain,
    dialog,
    writeClipboardImage: (png) =>
      clipboard.write([new ClipboardItem({ 'image/png': new Blob([Buffer.from(png)], { type: 'image/png' }) })]),
    window: () => mainWindow,
    trusted,
    engine,
    defaultDirectory: () => app.getPath('documents'),
    exportFolder: new ExportFolder(join(userData(), 'export-folder.json')),
    lesson: { bundle: async () => lessonPlayerBundle, fonts: lessonFontSources },
  });

  // Must be registered before the app is ready; served once it is.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  void app.whenReady().then(async () => {
    protocol.handle(APP_SCHEME, (request) => appResponse(request.url, rendererRoot));
    hardenSession(session.defaultSession, devServerUrl);
    const recentFiles = await recent.list();
    rebuildMenu(recentFiles);
    // A save killed halfway leaves its temporary file beside the document: clear those of the recent documents.
    void Promise.all(recentFiles.map((f) => cleanStaleSaves(f.path)));
    pendingLink ??= journeyLinkFromArgv(process.argv);
    await createWindow(pendingFile ?? fileFromArgv(process.argv, process.cwd()));
    app.on('activate', () => {
      if (!mainWindow) void createWindow(undefined);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void engine.dispose();
  });
}

start();
