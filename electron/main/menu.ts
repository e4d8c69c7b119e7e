// Native menus built from the shared command catalog, so menus, toolbar, palette and shortcuts never disagree.
// Clicking an item sends its command id to the renderer, whose registry runs it exactly as a shortcut would.
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, menuLayout, type CommandDescriptor, type MenuName } from '../../shared/commands/catalog';
import type { RecentFile } from '../../shared/platform';

// The English labels when the i18n files exist; the glob is empty (and ids are shown) until they do.
const labelFiles = import.meta.glob<Record<string, unknown>>('../../shared/i18n/en/commands.json', {
  eager: true,
  import: 'default',
});
const englishLabels: Record<string, unknown> = Object.values(labelFiles)[0] ?? {};

const MENU_TITLES: Record<MenuName, string> = {
  file: '&File',
  edit: '&Edit',
  view: '&View',
  simulation: '&Simulation',
  help: '&Help',
};
const MENU_ORDER: MenuName[] = ['file', 'edit', 'view', 'simulation', 'help'];

/** Label for `key` from a flat ("file.new": …) or nested ({ file: { new: … } }) labels object; the key itself if absent. */
export function labelFor(key: string, labels: Record<string, unknown> = englishLabels): string {
  const flat = labels[key];
  if (typeof flat === 'string') return flat;
  let node: unknown = labels;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return key;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : key;
}

export interface MenuActions {
  /** A catalog command was chosen. */
  runCommand(id: string): void;
  /** A Recent entry was chosen. */
  openRecent(path: string): void;
  clearRecent(): void;
}

export interface MenuOptions {
  labels?: Record<string, unknown>;
  recent: RecentFile[];
  isMac: boolean;
  devTools: boolean;
  commands?: readonly CommandDescriptor[];
}

/**
 * The menu template. Accelerators are shown but not registered: the renderer's keyboard handling owns the keys in
 * both web and desktop mode, so a shortcut never fires twice and text fields keep their native editing keys.
 */
export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const commands = options.commands ?? COMMANDS;
  const template: MenuItemConstructorOptions[] = [];
  if (options.isMac) template.push({ role: 'appMenu' });
  const item = (command: CommandDescriptor, labelKey = command.labelKey): MenuItemConstructorOptions => ({
    id: command.id,
    label: labelFor(labelKey, options.labels),
    ...(command.accelerator ? { accelerator: command.accelerator, registerAccelerator: false } : {}),
    click: () => actions.runCommand(command.id),
  });
  for (const menu of MENU_ORDER) {
    const items: MenuItemConstructorOptions[] = [];
    for (const entry of menuLayout(menu, commands)) {
      if (entry.kind === 'separator') items.push({ type: 'separator' });
      else if (entry.kind === 'submenu')
        items.push({
          id: `${menu}.${entry.name}`,
          label: labelFor(entry.labelKey, options.labels),
          submenu: entry.commands.map((c) => item(c, c.submenuLabelKey)),
        });
      else {
        items.push(item(entry.command));
        if (entry.command.id === 'file.open') items.push(recentSubmenu(actions, options.recent));
      }
    }
    if (menu === 'file' && !options.isMac) items.push({ type: 'separator' }, { role: 'quit' });
    if (menu === 'view' && options.devTools) items.push({ type: 'separator' }, { role: 'toggleDevTools' });
    if (items.length === 0) continue;
    template.push({ label: MENU_TITLES[menu], ...(menu === 'help' ? { role: 'help' as const } : {}), submenu: items });
  }
  return template;
}

function recentSubmenu(actions: MenuActions, recent: RecentFile[]): MenuItemConstructorOptions {
  const entries: MenuItemConstructorOptions[] = recent.map((file) => ({
    label: file.name,
    sublabel: file.path,
    toolTip: file.path,
    click: () => actions.openRecent(file.path),
  }));
  return {
    id: 'file.recent',
    label: 'Open &Recent',
    submenu: entries.length
      ? [...entries, { type: 'separator' }, { label: 'Clear Recent', click: () => actions.clearRecent() }]
      : [{ label: 'No recent files', enabled: false }],
  };
}
