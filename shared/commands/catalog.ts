// Every user command's identity, label and shortcut, in one place. The renderer's registry attaches `run` and
// `enabled`; the toolbar, the command palette, keyboard shortcuts and Electron's native menus all read this list.
export type MenuName = 'file' | 'edit' | 'view' | 'simulation' | 'help';
/** A menu inside a menu (File ▸ Export ▸ …). */
export type SubmenuName = 'export';

export interface CommandDescriptor {
  id: string;
  /** i18n key of the label, in the "commands" namespace. */
  labelKey: string;
  menu?: MenuName;
  /** Menu grouping: a separator is drawn between different groups of the same menu. */
  group?: string;
  /** tinykeys syntax: "$mod+z", "$mod+Shift+z", "Delete". */
  shortcuts?: string[];
  /** Electron accelerator syntax for the native menu: "CmdOrCtrl+Z". */
  accelerator?: string;
  /** The submenu of `menu` it sits in, drawn where the first of its commands comes in the catalog. */
  submenu?: SubmenuName;
  /** Its label inside that submenu ("Slides…" under File ▸ Export), where `labelKey` says it whole for the palette. */
  submenuLabelKey?: string;
  /** It goes full screen or opens a window, which a page may only do in answer to a user's own input: the desktop
   *  app's native menu lends the page that input before sending it (electron/main/menu-dispatch.ts). */
  userGesture?: true;
}

/** i18n keys (the "commands" namespace) of the submenus' titles. */
export const SUBMENU_LABEL_KEYS: Record<SubmenuName, string> = { export: 'submenu.export' };

export const COMMANDS: readonly CommandDescriptor[] = [
  {
    id: 'file.new',
    labelKey: 'file.new',
    menu: 'file',
    group: 'doc',
    shortcuts: ['$mod+n'],
    accelerator: 'CmdOrCtrl+N',
  },
  {
    id: 'file.open',
    labelKey: 'file.open',
    menu: 'file',
    group: 'doc',
    shortcuts: ['$mod+o'],
    accelerator: 'CmdOrCtrl+O',
  },
  {
    id: 'file.save',
    labelKey: 'file.save',
    menu: 'file',
    group: 'save',
    shortcuts: ['$mod+s'],
    accelerator: 'CmdOrCtrl+S',
  },
  {
    id: 'file.saveAs',
    labelKey: 'file.saveAs',
    menu: 'file',
    group: 'save',
    shortcuts: ['$mod+Shift+s'],
    accelerator: 'CmdOrCtrl+Shift+S',
  },
  {
    id: 'export.slides',
    labelKey: 'export.slides',
    menu: 'file',
    group: 'export',
    submenu: 'export',
    submenuLabelKey: 'exportMenu.slides',
    shortcuts: ['$mod+Shift+x'],
    accelerator: 'CmdOrCtrl+Shift+X',
  },
  {
    id: 'export.lessonPlayer',
    labelKey: 'export.lessonPlayer',
    menu: 'file',
    group: 'export',
    submenu: 'export',
    submenuLabelKey: 'exportMenu.lessonPlayer',
  },
  {
    id: 'simulation.exportPcap',
    labelKey: 'simulation.exportPcap',
    menu: 'file',
    group: 'export',
    submenu: 'export',
    submenuLabelKey: 'exportMenu.capture',
    shortcuts: ['$mod+Shift+e'],
    accelerator: 'CmdOrCtrl+Shift+E',
  },
  {
    id: 'export.traceJson',
    labelKey: 'export.traceJson',
    menu: 'file',
    group: 'export',
    submenu: 'export',
    submenuLabelKey: 'exportMenu.traceJson',
  },
  {
    id: 'export.diagramPng',
    labelKey: 'export.diagramPng',
    menu: 'file',
    group: 'export',
    submenu: 'export',
    submenuLabelKey: 'exportMenu.diagramPng',
  },
  {
    id: 'export.diagramSvg',
    labelKey: 'export.diagramSvg',
    menu: 'file',
    group: 'export',
    submenu: 'export',
    submenuLabelKey: 'exportMenu.diagramSvg',
  },
  { id: 'export.copyImage', labelKey: 'export.copyImage', menu: 'file', group: 'export' },
  { id: 'file.startScreen', labelKey: 'file.startScreen', menu: 'file', group: 'samples' },
  { id: 'file.sample.home-to-web', labelKey: 'file.sampleHomeToWeb', menu: 'file', group: 'samples' },
  {
    id: 'file.sample.home-to-web-with-cache',
    labelKey: 'file.sampleHomeToWebWithCache',
    menu: 'file',
    group: 'samples',
  },
  { id: 'file.sample.small-lan', labelKey: 'file.sampleSmallLan', menu: 'file', group: 'samples' },
  { id: 'file.sample.home-to-web-https', labelKey: 'file.sampleHomeToWebHttps', menu: 'file', group: 'samples' },
  { id: 'file.sample.home-to-web-page', labelKey: 'file.sampleHomeToWebPage', menu: 'file', group: 'samples' },
  {
    id: 'edit.undo',
    labelKey: 'edit.undo',
    menu: 'edit',
    group: 'history',
    shortcuts: ['$mod+z'],
    accelerator: 'CmdOrCtrl+Z',
  },
  {
    id: 'edit.redo',
    labelKey: 'edit.redo',
    menu: 'edit',
    group: 'history',
    shortcuts: ['$mod+y', '$mod+Shift+z'],
    accelerator: 'CmdOrCtrl+Shift+Z',
  },
  {
    id: 'edit.cut',
    labelKey: 'edit.cut',
    menu: 'edit',
    group: 'clipboard',
    shortcuts: ['$mod+x'],
    accelerator: 'CmdOrCtrl+X',
  },
  {
    id: 'edit.copy',
    labelKey: 'edit.copy',
    menu: 'edit',
    group: 'clipboard',
    shortcuts: ['$mod+c'],
    accelerator: 'CmdOrCtrl+C',
  },
  {
    id: 'edit.paste',
    labelKey: 'edit.paste',
    menu: 'edit',
    group: 'clipboard',
    shortcuts: ['$mod+v'],
    accelerator: 'CmdOrCtrl+V',
  },
  {
    id: 'edit.duplicate',
    labelKey: 'edit.duplicate',
    menu: 'edit',
    group: 'clipboard',
    shortcuts: ['$mod+d'],
    accelerator: 'CmdOrCtrl+D',
  },
  {
    id: 'edit.delete',
    labelKey: 'edit.delete',
    menu: 'edit',
    group: 'clipboard',
    shortcuts: ['Delete', 'Backspace'],
    accelerator: 'Delete',
  },
  {
    id: 'edit.selectAll',
    labelKey: 'edit.selectAll',
    menu: 'edit',
    group: 'select',
    shortcuts: ['$mod+a'],
    accelerator: 'CmdOrCtrl+A',
  },
  {
    id: 'view.zoomIn',
    labelKey: 'view.zoomIn',
    menu: 'view',
    group: 'zoom',
    shortcuts: ['$mod+='],
    accelerator: 'CmdOrCtrl+=',
  },
  {
    id: 'view.zoomOut',
    labelKey: 'view.zoomOut',
    menu: 'view',
    group: 'zoom',
    shortcuts: ['$mod+-'],
    accelerator: 'CmdOrCtrl+-',
  },
  { id: 'view.fit', labelKey: 'view.fit', menu: 'view', group: 'zoom', shortcuts: ['Shift+1'], accelerator: 'Shift+1' },
  {
    id: 'view.toggleGrid',
    labelKey: 'view.toggleGrid',
    menu: 'view',
    group: 'canvas',
    shortcuts: ['$mod+g'],
    accelerator: 'CmdOrCtrl+G',
  },
  {
    id: 'view.toggleSnap',
    labelKey: 'view.toggleSnap',
    menu: 'view',
    group: 'canvas',
    shortcuts: ['$mod+Shift+g'],
    accelerator: 'CmdOrCtrl+Shift+G',
  },
  {
    id: 'view.toggleProblems',
    labelKey: 'view.toggleProblems',
    menu: 'view',
    group: 'canvas',
    shortcuts: ['$mod+j'],
    accelerator: 'CmdOrCtrl+J',
  },
  {
    id: 'view.toggleMinimap',
    labelKey: 'view.toggleMinimap',
    menu: 'view',
    group: 'canvas',
    shortcuts: ['$mod+m'],
    accelerator: 'CmdOrCtrl+M',
  },
  {
    id: 'view.present',
    labelKey: 'view.present',
    userGesture: true,
    menu: 'view',
    group: 'present',
    shortcuts: ['$mod+Shift+F5', 'p'],
    accelerator: 'CmdOrCtrl+Shift+F5',
  },
  {
    id: 'view.presenterView',
    labelKey: 'view.presenterView',
    userGesture: true,
    menu: 'view',
    group: 'present',
    shortcuts: ['Alt+F5'],
    accelerator: 'Alt+F5',
  },
  {
    id: 'view.commandPalette',
    labelKey: 'view.commandPalette',
    menu: 'view',
    group: 'ui',
    shortcuts: ['$mod+Shift+p', '$mod+k'],
    accelerator: 'CmdOrCtrl+Shift+P',
  },
  { id: 'view.toggleLanguage', labelKey: 'view.toggleLanguage', menu: 'view', group: 'ui' },
  { id: 'view.toggleTheme', labelKey: 'view.toggleTheme', menu: 'view', group: 'ui' },
  {
    id: 'simulation.run',
    labelKey: 'simulation.run',
    menu: 'simulation',
    group: 'run',
    shortcuts: ['F5', '$mod+Enter'],
    accelerator: 'F5',
  },
  {
    id: 'simulation.cancel',
    labelKey: 'simulation.cancel',
    menu: 'simulation',
    group: 'run',
    shortcuts: ['Shift+F5'],
    accelerator: 'Shift+F5',
  },
  {
    id: 'simulation.playPause',
    labelKey: 'simulation.playPause',
    menu: 'simulation',
    group: 'play',
    shortcuts: ['Space'],
    accelerator: 'Space',
  },
  {
    id: 'simulation.stepBack',
    labelKey: 'simulation.stepBack',
    menu: 'simulation',
    group: 'play',
    shortcuts: ['ArrowLeft'],
    accelerator: 'Left',
  },
  {
    id: 'simulation.stepForward',
    labelKey: 'simulation.stepForward',
    menu: 'simulation',
    group: 'play',
    shortcuts: ['ArrowRight'],
    accelerator: 'Right',
  },
  {
    id: 'simulation.first',
    labelKey: 'simulation.first',
    menu: 'simulation',
    group: 'play',
    shortcuts: ['Home'],
    accelerator: 'Home',
  },
  {
    id: 'simulation.last',
    labelKey: 'simulation.last',
    menu: 'simulation',
    group: 'play',
    shortcuts: ['End'],
    accelerator: 'End',
  },
  {
    id: 'simulation.levelDown',
    labelKey: 'simulation.levelDown',
    menu: 'simulation',
    group: 'level',
    shortcuts: ['$mod+['],
    accelerator: 'CmdOrCtrl+[',
  },
  {
    id: 'simulation.levelUp',
    labelKey: 'simulation.levelUp',
    menu: 'simulation',
    group: 'level',
    shortcuts: ['$mod+]'],
    accelerator: 'CmdOrCtrl+]',
  },
  {
    id: 'simulation.togglePanel',
    labelKey: 'simulation.togglePanel',
    menu: 'simulation',
    group: 'view',
    shortcuts: ['$mod+Shift+r'],
    accelerator: 'CmdOrCtrl+Shift+R',
  },
  { id: 'simulation.copyLink', labelKey: 'simulation.copyLink', menu: 'simulation', group: 'export' },
  { id: 'simulation.copySlide', labelKey: 'simulation.copySlide', menu: 'simulation', group: 'export' },
  { id: 'help.about', labelKey: 'help.about', menu: 'help', group: 'about' },
];

export type MenuEntry<C extends CommandDescriptor = CommandDescriptor> =
  | { kind: 'command'; command: C }
  | { kind: 'separator' }
  | { kind: 'submenu'; name: SubmenuName; labelKey: string; commands: C[] };

/**
 * What one menu shows, in order: its commands, a separator between groups, and each submenu as one entry where
 * its first command comes. The native menu and web mode's menu bar both draw this.
 */
export function menuLayout<C extends CommandDescriptor>(menu: MenuName, commands: readonly C[]): MenuEntry<C>[] {
  const entries: MenuEntry<C>[] = [];
  const submenus = new Map<SubmenuName, C[]>();
  let group: string | undefined;
  for (const command of commands.filter((c) => c.menu === menu)) {
    const inside = command.submenu && submenus.get(command.submenu);
    if (inside) {
      inside.push(command);
      continue;
    }
    if (entries.length > 0 && command.group !== group) entries.push({ kind: 'separator' });
    group = command.group;
    if (command.submenu) {
      const list = [command];
      submenus.set(command.submenu, list);
      entries.push({
        kind: 'submenu',
        name: command.submenu,
        labelKey: SUBMENU_LABEL_KEYS[command.submenu],
        commands: list,
      });
    } else entries.push({ kind: 'command', command });
  }
  return entries;
}
