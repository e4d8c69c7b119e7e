// The order of what main does to the page when a native menu item is chosen. The webContents is a recording
// stand-in: Electron's binary is not on this machine (e2e/electron.spec.ts skips); the renderer's side — present
// and go full screen when the command arrives with activation — runs in chromium in e2e/present.spec.ts.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../shared/commands/catalog';
import { IPC } from '../common/channels';
import { commandNeedsUserGesture, dispatchMenuCommand, type CommandTarget } from './menu-dispatch';

function page(options: { refuses?: boolean; destroyedAfterScript?: boolean } = {}) {
  const calls: string[] = [];
  let destroyed = false;
  const target: CommandTarget = {
    isDestroyed: () => destroyed,
    executeJavaScript: async (code, userGesture) => {
      calls.push(`script ${code} gesture=${userGesture}`);
      if (options.destroyedAfterScript) destroyed = true;
      if (options.refuses) throw new Error('Script failed to execute');
    },
    send: (channel, id) => void calls.push(`send ${channel} ${id}`),
  };
  return { target, calls };
}

describe('dispatchMenuCommand', () => {
  it('lends the page a user gesture before Present and Presenter View, which go full screen or open a window', async () => {
    expect(COMMANDS.filter((c) => commandNeedsUserGesture(c.id)).map((c) => c.id)).toEqual([
      'view.present',
      'view.presenterView',
    ]);
    const { target, calls } = page();
    await dispatchMenuCommand(target, 'view.present');
    expect(calls).toEqual(['script undefined gesture=true', `send ${IPC.command} view.present`]);
  });

  it('sends every other command at once, with no script run in the page', async () => {
    const { target, calls } = page();
    await dispatchMenuCommand(target, 'file.save');
    await dispatchMenuCommand(target, 'export.slides');
    expect(calls).toEqual([`send ${IPC.command} file.save`, `send ${IPC.command} export.slides`]);
  });

  it('still sends Present when the page refuses the script (it then presents in the window)', async () => {
    const { target, calls } = page({ refuses: true });
    await dispatchMenuCommand(target, 'view.present');
    expect(calls).toEqual(['script undefined gesture=true', `send ${IPC.command} view.present`]);
  });

  it('sends nothing to a window that is gone, or went away while the gesture was lent', async () => {
    await expect(dispatchMenuCommand(undefined, 'view.present')).resolves.toBeUndefined();
    const { target, calls } = page({ destroyedAfterScript: true });
    await dispatchMenuCommand(target, 'view.present');
    expect(calls).toEqual(['script undefined gesture=true']);
  });
});
