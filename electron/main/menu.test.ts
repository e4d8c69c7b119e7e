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
    // Submenus (File ▸ Export) hold their commands; Open Recent holds files.
    const all = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((i) => (i.id !== 'file.recent' && Array.isArray(i.submenu) ? all(i.submenu) : [i]));
    const ids = template
      .flatMap((m) => all(submenu(m)).map((i) => i.id))
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

  it('gathers the exports under File ▸ Export, with short labels, where the first of them comes', () => {
    const english = buildMenuTemplate(ignoreActions, { recent: [], isMac: false, devTools: false });
    const file = submenu(english[0]);
    const exportMenu = file.find((i) => i.id === 'file.export')!;
    expect(exportMenu.label).toBe('Export');
    expect(submenu(exportMenu).map((i) => [i.id, i.label])).toEqual([
      ['export.slides', 'Slides…'],
      ['export.lessonPlayer', 'Lesson Player…'],
      ['simulation.exportPcap', 'Capture (pcapng)…'],
      ['export.traceJson', 'JSON Trace…'],
      ['export.diagramPng', 'Diagram as PNG…'],
      ['export.diagramSvg', 'Diagram as SVG…'],
    ]);
    // After Save As and a separator; Copy Diagram as Image stays beside it; the Simulation menu no longer has it.
    const at = file.indexOf(exportMenu);
    expect(file[at - 2].id).toBe('file.saveAs');
    expect(file[at - 1].type).toBe('separator');
    expect(file[at + 1].id).toBe('export.copyImage');
    const simulation = submenu(english.find((m) => m.label === '&Simulation')!);
    expect(simulation.some((i) => i.id === 'simulation.exportPcap')).toBe(false);
    // An item in the submenu runs its command and shows its accelerator, like any other.
    const capture = submenu(exportMenu).find((i) => i.id === 'simulation.exportPcap')!;
    expect(capture).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+E', registerAccelerator: false });
    const ran: string[] = [];
    const wired = buildMenuTemplate(
      { ...ignoreActions, runCommand: (id) => ran.push(id) },
      { recent: [], isMac: false, devTools: false },
    );
    const lesson = submenu(submenu(wired[0]).find((i) => i.id === 'file.export')!).find(
      (i) => i.id === 'export.lessonPlayer',
    )!;
    (lesson.click as () => void)();
    expect(ran).toEqual(['export.lessonPlayer']);
  });
});
