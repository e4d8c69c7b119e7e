// The bridge handlers as main registers them, called the way Electron would (event with a sender frame, payload),
// against real files, the real Recent list and recovery file. Only the native dialogs are stand-ins: they need a
// display and a person.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IPC } from '../common/channels';
import { EngineHost } from './engine-host';
import { PathGrants, registerIpcHandlers } from './ipc';
import { RecentFiles } from './recent-files';
import { RecoveryStore } from './recovery';
import { useTempDirs } from '../test-support/temp-dir';

const tempDir = useTempDirs();
const ourPage = { senderFrame: { url: 'app://packet-journey/index.html', parent: null } };
const foreignPage = { senderFrame: { url: 'https://evil.example/', parent: null } };

function setup(dialogAnswers: { open?: string; save?: string } = {}) {
  const dir = tempDir();
  const handlers = new Map<string, (event: unknown, payload?: unknown) => Promise<unknown>>();
  const listeners = new Map<string, (event: unknown, payload?: unknown) => void>();
  const dialogCalls: string[] = [];
  const titles: [string, boolean][] = [];
  const recovery = new RecoveryStore(join(dir, 'recovery.json'));
  const grants = new PathGrants();
  registerIpcHandlers({
    ipcMain: {
      handle: (channel: string, fn: never) => void handlers.set(channel, fn),
      on: (channel: string, fn: never) => void listeners.set(channel, fn),
      removeHandler: () => undefined,
      removeAllListeners: () => undefined as never,
    } as never,
    dialog: {
      showOpenDialog: async () => (
        dialogCalls.push('open'),
        dialogAnswers.open ? { canceled: false, filePaths: [dialogAnswers.open] } : { canceled: true, filePaths: [] }
      ),
      showSaveDialog: async () => (
        dialogCalls.push('save'),
        dialogAnswers.save ? { canceled: false, filePath: dialogAnswers.save } : { canceled: true, filePath: '' }
      ),
    } as never,
    window: () => undefined,
    trusted: { appOrigin: true },
    recent: new RecentFiles(join(dir, 'recent.json')),
    recovery,
    engine: new EngineHost(() => {
      throw new Error('no engine in this test');
    }),
    grants,
    defaultDirectory: () => dir,
    recentChanged: () => undefined,
    titleChanged: (title, dirty) => titles.push([title, dirty]),
  });
  // Like Electron's ipcMain.handle, a handler that throws becomes a rejected invoke.
  const invoke = (channel: string, payload?: unknown, event: unknown = ourPage) =>
    Promise.resolve().then(() => handlers.get(channel)!(event, payload));
  return { dir, invoke, listeners, dialogCalls, titles, recovery, grants };
}

describe('bridge handlers', () => {
  it('refuse every channel to a foreign sender', async () => {
    const { invoke } = setup();
    for (const channel of [IPC.openFile, IPC.recentFiles, IPC.recoveryClear]) {
      await expect(invoke(channel, undefined, foreignPage)).rejects.toThrow(
        `Rejected IPC message on "${channel}": sender https://evil.example/`,
      );
    }
  });

  it('a file that does not open as a network is not added to Recent', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.packetjourney');
    writeFileSync(file, '{"format":"packet-journey-topology", "version": 2, "devices": [');
    const { invoke } = setup({ open: file });
    expect(await invoke(IPC.openFile)).toMatchObject({ ok: true, file: { name: 'broken.packetjourney' } });
    expect(await invoke(IPC.recentFiles)).toEqual([]);
  });

  it('open a file the user picks, add it to Recent, and then allow reopening it by path', async () => {
    const { dir, invoke } = setup({ open: '' });
    const file = join(dir, 'net.packetjourney');
    writeFileSync(file, readFileSync(join(__dirname, '../../resources/samples/small-lan.packetjourney')));
    const { invoke: invokeWithPick } = setup({ open: file });
    expect(await invokeWithPick(IPC.openFile)).toMatchObject({
      ok: true,
      file: { name: 'net.packetjourney', path: file },
    });
    expect(await invokeWithPick(IPC.recentFiles)).toEqual([{ name: 'net.packetjourney', path: file }]);
    expect(await invokeWithPick(IPC.openPath, file)).toMatchObject({ ok: true });
    // Another session that never saw the file may not read it by path.
    await expect(invoke(IPC.openPath, file)).rejects.toThrow('was not chosen by the user');
    await expect(invoke(IPC.openPath, '/etc/passwd')).rejects.toThrow('was not chosen by the user');
  });

  it('report a cancelled dialog as cancelled', async () => {
    const { invoke } = setup();
    expect(await invoke(IPC.openFile)).toEqual({ ok: false, canceled: true });
    expect(await invoke(IPC.saveFile, { text: 'x', name: 'n', saveAs: true })).toEqual({ ok: false, canceled: true });
  });

  it('save through the dialog (adding the extension), then save again in place without asking, and clear the autosave', async () => {
    const dir = tempDir();
    const chosen = join(dir, 'campus');
    const { invoke, dialogCalls, recovery } = setup({ save: chosen });
    await recovery.write({ name: 'Untitled', text: 'unsaved' });
    const first = await invoke(IPC.saveFile, { text: 'v1\n', name: 'campus', saveAs: false });
    expect(first).toEqual({ ok: true, name: 'campus.packetjourney', path: `${chosen}.packetjourney` });
    expect(readFileSync(`${chosen}.packetjourney`, 'utf8')).toBe('v1\n');
    expect(await recovery.read()).toBeUndefined();
    await invoke(IPC.saveFile, {
      text: 'v2\n',
      name: 'campus.packetjourney',
      path: `${chosen}.packetjourney`,
      saveAs: false,
    });
    expect(readFileSync(`${chosen}.packetjourney`, 'utf8')).toBe('v2\n');
    expect(dialogCalls).toEqual(['save']);
  });

  it('a file handed over by another launch opens, but the first save to it asks; after that it saves in place', async () => {
    const dir = tempDir();
    const file = join(dir, 'handed.packetjourney');
    writeFileSync(file, '{"format":"packet-journey-topology"}');
    const { invoke, dialogCalls, grants } = setup({ save: file });
    grants.handOver(file);
    expect(await invoke(IPC.openPath, file)).toMatchObject({ ok: true, file: { path: file } });
    expect(
      await invoke(IPC.saveFile, { text: 'v1\n', name: 'handed.packetjourney', path: file, saveAs: false }),
    ).toEqual({ ok: true, name: 'handed.packetjourney', path: file });
    expect(dialogCalls).toEqual(['save']);
    await invoke(IPC.saveFile, { text: 'v2\n', name: 'handed.packetjourney', path: file, saveAs: false });
    expect(dialogCalls).toEqual(['save']);
    expect(readFileSync(file, 'utf8')).toBe('v2\n');
  });

  it('a handed-over file the user does not confirm is not written', async () => {
    const dir = tempDir();
    const file = join(dir, 'victim.packetjourney');
    writeFileSync(file, 'precious');
    const { invoke, grants } = setup();
    grants.handOver(file);
    expect(await invoke(IPC.saveFile, { text: 'pwned', name: 'x', path: file, saveAs: false })).toEqual({
      ok: false,
      canceled: true,
    });
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('never writes to a path the user did not choose: it asks instead', async () => {
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const { invoke, dialogCalls } = setup();
    expect(await invoke(IPC.saveFile, { text: 'pwned', name: 'x', path: victim, saveAs: false })).toEqual({
      ok: false,
      canceled: true,
    });
    expect(dialogCalls).toEqual(['save']);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });

  it('returns a clear error when saving fails', async () => {
    const dir = tempDir();
    const target = join(dir, 'gone', 'net.packetjourney');
    const { invoke } = setup({ save: target });
    expect(await invoke(IPC.saveFile, { text: 'x', name: 'net', saveAs: true })).toEqual({
      ok: false,
      canceled: false,
      error: `Cannot save "net.packetjourney": the folder ${join(dir, 'gone')} does not exist.`,
    });
  });

  it('write and clear the recovery file for the renderer, and reject malformed payloads', async () => {
    const { invoke, recovery } = setup();
    await invoke(IPC.recoveryWrite, { name: 'Untitled', text: 'work in progress' });
    expect((await recovery.read())?.text).toBe('work in progress');
    await expect(invoke(IPC.recoveryWrite, { name: 'Untitled', text: 42 })).rejects.toThrow(
      'Rejected IPC message on "recovery:write": text',
    );
    await invoke(IPC.recoveryClear);
    expect(await recovery.read()).toBeUndefined();
  });

  it('pass a valid title to the window and ignore a forged one', () => {
    const { listeners, titles } = setup();
    const setTitle = listeners.get(IPC.setTitle)!;
    setTitle(ourPage, { title: '• net — Packet Journey', dirty: true });
    setTitle(foreignPage, { title: 'forged', dirty: false });
    setTitle(ourPage, { title: 'bad', dirty: 'yes' });
    expect(titles).toEqual([['• net — Packet Journey', true]]);
  });
});
