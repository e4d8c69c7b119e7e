// The renderer's autosave against the main process's real recovery store, on a real file: the bridge between
// them (IPC) needs Electron, which can't run here, so the two ends are joined directly.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecoveryStore } from '../../../electron/main/recovery';
import { serializeTopology } from '../../../shared/model/canonical';
import { loadTopologyText } from '../../../shared/model/load';
import { useApp } from '../store';
import { startRecoveryAutosave } from './recovery';

const initial = useApp.getState();
const DELAY = 40;
const settle = () => new Promise((r) => setTimeout(r, DELAY * 4));

let dir: string;
let store: RecoveryStore;
let stop: () => void;

beforeEach(() => {
  useApp.setState(initial, true);
  dir = mkdtempSync(join(tmpdir(), 'pj-recovery-'));
  store = new RecoveryStore(join(dir, 'recovery.json'));
  const text = readFileSync(resolve(__dirname, '../../../resources/samples/small-lan.packetjourney'), 'utf8');
  const loaded = loadTopologyText(text, 'small-lan');
  if (!loaded.ok) throw new Error(loaded.error);
  useApp
    .getState()
    .replaceDocument(loaded.topology, { name: 'small-lan.packetjourney', path: '/work/small-lan.packetjourney' });
  stop = startRecoveryAutosave({ writeRecovery: (d) => store.write(d), clearRecovery: () => store.clear() }, DELAY);
});

afterEach(() => {
  stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('recovery autosave', () => {
  it('writes the unsaved document after a pause in editing, and nothing while it is clean', async () => {
    await settle();
    expect(await store.read()).toBeUndefined();
    useApp.getState().applyEdit('rename', (d) => {
      d.name = 'Edited LAN';
    });
    await expect.poll(() => store.read(), { timeout: 10_000 }).toBeDefined();
    const recovered = await store.read();
    expect(recovered?.name).toBe('small-lan.packetjourney');
    expect(recovered?.path).toBe('/work/small-lan.packetjourney');
    expect(recovered?.text).toBe(serializeTopology(useApp.getState().doc!));
    expect(JSON.parse(recovered!.text).name).toBe('Edited LAN');
  });

  it('clears the recovery file once the document is clean again (undo to the saved state)', async () => {
    useApp.getState().applyEdit('rename', (d) => {
      d.name = 'Edited LAN';
    });
    await expect.poll(() => store.read(), { timeout: 10_000 }).toBeDefined();
    useApp.getState().undo();
    await expect.poll(() => store.read(), { timeout: 10_000 }).toBeUndefined();
  });
});
