// A native menu item's command, sent to the page. Chromium lets a page go full screen (View ▸ Present) or open a
// window (View ▸ Presenter View) only in answer to the user's own input, and a click in the native menu is not input
// to the page, so from the menu the presentation stayed in the window. For the catalog's `userGesture` commands
// main first runs an empty script in the page as a user gesture (webContents.executeJavaScript(code, true)), which
// gives the page transient activation for a few seconds, and only then sends the command: the renderer's own
// requestFullscreen() then succeeds, and leaving full screen (Esc, F, ending the presentation) stays the page's, as
// in web mode.
import { COMMANDS } from '../../shared/commands/catalog';
import { IPC } from '../common/channels';

/** What dispatching needs of the window's webContents. */
export interface CommandTarget {
  isDestroyed(): boolean;
  executeJavaScript(code: string, userGesture: boolean): Promise<unknown>;
  send(channel: string, commandId: string): void;
}

const GESTURE_COMMANDS = new Set(COMMANDS.filter((c) => c.userGesture).map((c) => c.id));

export function commandNeedsUserGesture(id: string): boolean {
  return GESTURE_COMMANDS.has(id);
}

/** Sends `id` to the page; for a command that needs it, after lending the page a user gesture. */
export async function dispatchMenuCommand(target: CommandTarget | undefined, id: string): Promise<void> {
  if (!target || target.isDestroyed()) return;
  if (commandNeedsUserGesture(id)) {
    // A page that refuses the script (still loading, crashed) gets the command anyway: it presents in the window.
    await target.executeJavaScript('undefined', true).catch(() => undefined);
    if (target.isDestroyed()) return;
  }
  target.send(IPC.command, id);
}
