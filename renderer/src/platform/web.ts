// Web mode's implementation of the Platform bridge: the browser's file APIs and a Web Worker for the engine.
// Where the File System Access API exists, Save writes back to the file that was opened; otherwise (or with
// `?fs=download` in the URL, which the e2e tests use) files are read through <input type=file> and saved as downloads.
import type {
  EngineRunResult,
  OpenResult,
  Platform,
  RecentFile,
  SaveRequest,
  SaveResult,
} from '../../../shared/platform';
import type { Scenario } from '../../../shared/engine/trace';
import { loadTopology } from '../../../shared/model/load';

const RECENT_KEY = 'packet-journey.recent';
const RECENT_LIMIT = 8;
/** Recent files keep a copy of their text so they reopen after a reload, where the browser forgets file handles. */
const RECENT_TEXT_LIMIT = 512 * 1024;
const FILE_TYPES = [{ description: 'Packet Journey topology', accept: { 'application/json': ['.packetjourney'] } }];

interface StoredRecent extends RecentFile {
  text?: string;
}

interface FsFileHandle {
  name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}

type PickerWindow = Window & {
  showOpenFilePicker?: (options: object) => Promise<FsFileHandle[]>;
  showSaveFilePicker?: (options: object) => Promise<FsFileHandle>;
};

function fileSystemAccess(): PickerWindow | null {
  const w = window as PickerWindow;
  if (new URLSearchParams(location.search).get('fs') === 'download') return null;
  return typeof w.showOpenFilePicker === 'function' && typeof w.showSaveFilePicker === 'function' ? w : null;
}

const handles = new Map<string, FsFileHandle>();
let handleCounter = 0;

function rememberHandle(handle: FsFileHandle): string {
  const token = `fsa:${++handleCounter}:${handle.name}`;
  handles.set(token, handle);
  return token;
}

function readRecent(): StoredRecent[] {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((r) => typeof r?.name === 'string' && typeof r?.path === 'string') : [];
  } catch {
    return [];
  }
}

function addRecent(name: string, path: string, bytes: Uint8Array | string): void {
  const text =
    typeof bytes === 'string' ? bytes : bytes.length <= RECENT_TEXT_LIMIT ? new TextDecoder().decode(bytes) : undefined;
  const entry: StoredRecent = { name, path, text: text && text.length <= RECENT_TEXT_LIMIT ? text : undefined };
  const list = [entry, ...readRecent().filter((r) => r.name !== name)].slice(0, RECENT_LIMIT);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // Quota exceeded: keep the names only.
    try {
      localStorage.setItem(RECENT_KEY, JSON.stringify(list.map(({ name: n, path: p }) => ({ name: n, path: p }))));
    } catch {
      /* storage unavailable */
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

async function readFile(file: File, path: string): Promise<OpenResult> {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // Only a file that opens as a network goes into Recent (one that fails says why, and is not offered again).
    if (loadTopology(bytes, file.name).ok) addRecent(file.name, path, bytes);
    return { ok: true, file: { name: file.name, path, bytes } };
  } catch (error) {
    return { ok: false, canceled: false, error: `${file.name}: could not be read (${errorText(error)})` };
  }
}

/** The hidden file input lives in the document so tests (and assistive tech) can reach it. */
function fileInput(): HTMLInputElement {
  let input = document.getElementById('pj-file-input') as HTMLInputElement | null;
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.id = 'pj-file-input';
    input.accept = '.packetjourney,.json,application/json';
    input.setAttribute('data-testid', 'file-input');
    input.setAttribute('aria-hidden', 'true');
    input.tabIndex = -1;
    input.style.display = 'none';
    document.body.appendChild(input);
  }
  return input;
}

function pickWithInput(): Promise<OpenResult> {
  const input = fileInput();
  input.value = '';
  return new Promise((resolve) => {
    const cleanup = () => {
      input.removeEventListener('change', onChange);
      input.removeEventListener('cancel', onCancel);
    };
    const onChange = () => {
      cleanup();
      const file = input.files?.[0];
      if (!file) resolve({ ok: false, canceled: true });
      else void readFile(file, `file:${file.name}`).then(resolve);
    };
    const onCancel = () => {
      cleanup();
      resolve({ ok: false, canceled: true });
    };
    input.addEventListener('change', onChange);
    input.addEventListener('cancel', onCancel);
    input.click();
  });
}

/** Open a file the user dropped on the window. */
export function openDroppedFile(file: File): Promise<OpenResult> {
  return readFile(file, `file:${file.name}`);
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let worker: Worker | null = null;
let nextRunId = 1;

function engineWorker(): Worker {
  worker ??= new Worker(new URL('./engine.webworker.ts', import.meta.url), { type: 'module' });
  return worker;
}

export function createWebPlatform(): Platform {
  return {
    kind: 'web',

    async openFile() {
      const fsa = fileSystemAccess();
      if (!fsa) return pickWithInput();
      try {
        const [handle] = await fsa.showOpenFilePicker!({ types: FILE_TYPES, multiple: false });
        return readFile(await handle.getFile(), rememberHandle(handle));
      } catch (error) {
        if (isAbort(error)) return { ok: false, canceled: true };
        return { ok: false, canceled: false, error: errorText(error) };
      }
    },

    async openPath(path) {
      const handle = handles.get(path);
      if (handle) {
        try {
          return await readFile(await handle.getFile(), path);
        } catch (error) {
          return { ok: false, canceled: false, error: `${handle.name}: could not be read (${errorText(error)})` };
        }
      }
      const recent = readRecent().find((r) => r.path === path);
      if (recent?.text !== undefined) {
        return { ok: true, file: { name: recent.name, bytes: new TextEncoder().encode(recent.text) } };
      }
      return {
        ok: false,
        canceled: false,
        error: `${recent?.name ?? path}: the browser cannot reopen this file by name; use Open.`,
      };
    },

    async saveFile(request: SaveRequest): Promise<SaveResult> {
      const fsa = fileSystemAccess();
      if (!fsa) {
        download(request.text, request.name);
        addRecent(request.name, `file:${request.name}`, request.text);
        return { ok: true, name: request.name };
      }
      try {
        let path = request.path && handles.has(request.path) && !request.saveAs ? request.path : undefined;
        if (!path) {
          const handle = await fsa.showSaveFilePicker!({ suggestedName: request.name, types: FILE_TYPES });
          path = rememberHandle(handle);
        }
        const handle = handles.get(path)!;
        const writable = await handle.createWritable();
        await writable.write(request.text);
        await writable.close();
        addRecent(handle.name, path, request.text);
        return { ok: true, name: handle.name, path };
      } catch (error) {
        if (isAbort(error)) return { ok: false, canceled: true };
        return { ok: false, canceled: false, error: errorText(error) };
      }
    },

    async recentFiles() {
      return readRecent().map(({ name, path }) => ({ name, path }));
    },

    setTitle(title) {
      document.title = title;
    },

    onCommand() {
      // The browser has no native menu: the in-window menu bar runs commands directly.
      return () => {};
    },

    simulate(topologyText: string, scenario: Scenario, signal?: AbortSignal): Promise<EngineRunResult> {
      const w = engineWorker();
      const id = nextRunId++;
      return new Promise((resolve) => {
        const onMessage = (event: MessageEvent<{ id: number; result: EngineRunResult }>) => {
          if (event.data?.id !== id) return;
          w.removeEventListener('message', onMessage);
          w.removeEventListener('error', onError);
          resolve(event.data.result);
        };
        // A worker that cannot load or crashes would otherwise leave the run waiting forever.
        const onError = (event: ErrorEvent) => {
          event.preventDefault();
          w.removeEventListener('message', onMessage);
          w.removeEventListener('error', onError);
          w.terminate();
          if (worker === w) worker = null;
          resolve({
            ok: false,
            error: `The simulation engine stopped: ${event.message || 'its worker could not be loaded'}`,
          });
        };
        w.addEventListener('error', onError);
        signal?.addEventListener('abort', () => {
          w.removeEventListener('message', onMessage);
          w.removeEventListener('error', onError);
          // A run cannot be interrupted from outside: replace the worker so the next run starts fresh.
          w.terminate();
          if (worker === w) worker = null;
          resolve({ ok: false, error: 'canceled' });
        });
        w.addEventListener('message', onMessage);
        w.postMessage({ id, topologyText, scenario });
      });
    },
  };
}
