import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, labelFor } from './menu';
import { COMMANDS } from '../../shared/commands/catalog';

const ignoreActions = { runCommand: () => undefined, openRecent: () => undefined, clearRecent: () => undefined };

const submenu = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];

describe('labelFor', () => {
  it('reads flat and nested label files and falls back to the key', () => {
    expect(labelFor('file.new', { 'file.new': 'New' })).toBe('New');
    expect(labelFor('file.new', { file: { new: 'New file' } })).toBe('New file');
    expect(labelFor('file.new', {})).toBe('file.new');
  });
});

describe('buildMenuTemplate', () => {
  const ran: string[] = [];
  const opened: string[] = [];
  const actions = {
    runCommand: (id: string) => ran.push(id),
    openRecent: (p: string) => opened.push(p),
    clearRecent: () => undefined,
  };
  const template = buildMenuTemplate(actions, {
    recent: [{ name: 'home.packetjourney', path: '/nets/home.packetjourney' }],
    isMac: false,
    devTools: false,
    labels: {},
  });

  it('has the menus in order, each catalog command exactly once, separated by group', () => {
    const titles = { file: '&File', edit: '&Edit', view: '&View', simulation: '&Simulation', help: '&Help' } as const;
    const menusInUse = (Object.keys(titles) as (keyof typeof titles)[]).filter((menu) =>
      COMMANDS.some((c) => c.menu === menu),
    );
    expect(template.map((m) => m.label)).toEqual(menusInUse.map((menu) => titles[menu]));
    const ids = template
      .flatMap((m) => submenu(m).map((i) => i.id))
      .filter((id): id is string => !!id && id !== 'file.recent');
    expect(ids.sort()).toEqual(
      COMMANDS.filter((c) => c.menu)
        .map((c) => c.id)
        .sort(),
    );
    const edit = submenu(template.find((m) => m.label === '&Edit')!);
    expect(edit.findIndex((i) => i.type === 'separator')).toBe(edit.findIndex((i) => i.id === 'edit.redo') + 1);
  });

  it('sends the command id when an item is clicked, showing but not registering its accelerator', () => {
    const undo = submenu(template.find((m) => m.label === '&Edit')!).find((i) => i.id === 'edit.undo')!;
    expect(undo).toMatchObject({ label: 'edit.undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    (undo.click as () => void)();
    expect(ran).toEqual(['edit.undo']);
  });

  it('lists recent files under File and opens them by path', () => {
    const recent = submenu(submenu(template[0]).find((i) => i.id === 'file.recent')!);
    expect(recent[0]).toMatchObject({ label: 'home.packetjourney', sublabel: '/nets/home.packetjourney' });
    (recent[0].click as () => void)();
    expect(opened).toEqual(['/nets/home.packetjourney']);
  });

  it('adds the macOS application menu and leaves Quit to it', () => {
    const mac = buildMenuTemplate(ignoreActions, { recent: [], isMac: true, devTools: false });
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(submenu(mac[1]).some((i) => i.role === 'quit')).toBe(false);
    expect(submenu(template[0]).some((i) => i.role === 'quit')).toBe(true);
  });
});
