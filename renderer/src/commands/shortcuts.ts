// Keyboard shortcuts from the catalog, bound once on the window with tinykeys.
import { tinykeys } from 'tinykeys';
import { COMMAND_LIST, runCommand } from './registry';
import { useApp } from '../store';
import { REPLAY_KEY_COMMANDS } from '../replay-session/keys';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Commands that still work while the focus is in a text field (they do not compete with text editing). */
const WHILE_TYPING = new Set([
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'view.commandPalette',
  'simulation.run',
  'simulation.cancel',
]);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset'].includes(type);
}

export function bindShortcuts(target: Window = window): () => void {
  const bindings: Record<string, (event: KeyboardEvent) => void> = {};
  for (const command of COMMAND_LIST) {
    // Space, arrows, Home/End belong to the replay only while one is shown (replay-session/keys.ts decides).
    if (REPLAY_KEY_COMMANDS.has(command.id)) continue;
    // tinykeys matches event.key or event.code: with Shift, "1" arrives as key "!", so bind the digit's code too.
    const keys = (command.shortcuts ?? []).flatMap((k) => (/\+\d$/.test(k) ? [k, k.replace(/(\d)$/, 'Digit$1')] : [k]));
    for (const shortcut of keys) {
      bindings[shortcut] = (event) => {
        const s = useApp.getState();
        if (s.confirmRequest || s.aboutOpen) return;
        if (s.commandPaletteOpen && command.id !== 'view.commandPalette') return;
        if (isTyping(event.target) && !WHILE_TYPING.has(command.id)) return;
        // Inside menus and buttons, Backspace/Delete should still delete the selection; only text fields are exempt.
        if (runCommand(command.id) || command.shortcuts?.some((k) => k.startsWith('$mod'))) event.preventDefault();
      };
    }
  }
  return tinykeys(target, bindings);
}

/** "$mod+Shift+s" → "Ctrl+Shift+S" (or "⌘⇧S" on a Mac). */
export function formatShortcut(shortcut: string): string {
  const parts = shortcut.split('+').map((part, i, all) => {
    if (part === '' && i === all.length - 1) return '+';
    if (part === '$mod') return isMac ? '⌘' : 'Ctrl';
    if (part === 'Shift') return isMac ? '⇧' : 'Shift';
    if (part === 'Alt') return isMac ? '⌥' : 'Alt';
    if (part === 'Delete') return 'Del';
    return part.length === 1 ? part.toUpperCase() : part;
  });
  return parts.join(isMac ? '' : '+');
}
