// The one command registry: the catalog's descriptors plus what each command does and when it is available.
// Toolbar, menu bar, keyboard shortcuts, the command palette and Electron's native menus all run commands from here.
import { COMMANDS, type CommandDescriptor } from '../../../shared/commands/catalog';
import { type AppState, useApp } from '../store';
import { fitDevices, flow } from '../canvas/flowApi';
import { newDocument, openFile, openSample, save } from '../files/actions';
import { canPaste, copySelection, cutSelection, deleteSelection, duplicateSelection, paste } from '../document/actions';
import { i18next } from '../i18n';
import type { SampleId } from '../files/samples';
import {
  cancelReplay,
  changeLevel,
  copyDeepLink,
  exportPcap,
  exportTraceJson,
  playback,
  runReplay,
} from '../replay-session/actions';
import type { PlaybackAction } from '../../../shared/replay/playback';
import {
  canExportSlides,
  copyDiagramImage,
  copyStepSlide,
  exportDiagramImage,
  exportLessonPlayer,
  openExportDialog,
} from '../export';
import { openPresenterView, togglePresent } from '../present/actions';

export interface Command extends CommandDescriptor {
  run(): void | Promise<unknown>;
  enabled(state: AppState): boolean;
  /** For toggles: whether the option is on (menus show a check). */
  checked?(state: AppState): boolean;
}

type Behaviour = Pick<Command, 'run'> & Partial<Pick<Command, 'enabled' | 'checked'>>;

const hasDoc = (s: AppState) => s.doc !== null;
const hasSelection = (s: AppState) =>
  s.doc !== null && (s.selection.deviceIds.length > 0 || s.selection.linkIds.length > 0);
const hasDeviceSelection = (s: AppState) => s.doc !== null && s.selection.deviceIds.length > 0;
const state = () => useApp.getState();
const toggle = (key: 'snapToGrid' | 'showGrid' | 'showMinimap' | 'showProblems'): Behaviour => ({
  run: () => state().setPref(key, !state()[key]),
  enabled: hasDoc,
  checked: (s) => s[key],
});
const sample = (id: SampleId): Behaviour => ({ run: () => openSample(id) });
const hasTrace = (s: AppState) => s.replay.trace !== undefined && !s.replay.running;
const step = (action: PlaybackAction): Behaviour => ({ run: () => playback(action), enabled: hasTrace });

const behaviours: Record<string, Behaviour> = {
  'file.new': { run: newDocument },
  'file.open': { run: openFile },
  'file.save': { run: () => save(false), enabled: hasDoc },
  'file.saveAs': { run: () => save(true), enabled: hasDoc },
  'export.slides': { run: () => openExportDialog(), enabled: canExportSlides },
  'export.diagramPng': { run: () => exportDiagramImage('png'), enabled: hasDoc },
  'export.diagramSvg': { run: () => exportDiagramImage('svg'), enabled: hasDoc },
  'export.copyImage': { run: copyDiagramImage, enabled: hasDoc },
  'export.lessonPlayer': { run: exportLessonPlayer, enabled: hasTrace },
  'export.traceJson': { run: exportTraceJson, enabled: hasTrace },
  'file.startScreen': { run: () => state().setUi({ showStart: true }) },
  'file.sample.home-to-web': sample('home-to-web'),
  'file.sample.home-to-web-with-cache': sample('home-to-web-with-cache'),
  'file.sample.small-lan': sample('small-lan'),
  'file.sample.home-to-web-https': sample('home-to-web-https'),
  'file.sample.home-to-web-page': sample('home-to-web-page'),
  'edit.undo': { run: () => state().undo(), enabled: (s) => s.past.length > 0 },
  'edit.redo': { run: () => state().redo(), enabled: (s) => s.future.length > 0 },
  'edit.cut': { run: cutSelection, enabled: hasDeviceSelection },
  'edit.copy': { run: copySelection, enabled: hasDeviceSelection },
  'edit.paste': { run: paste, enabled: (s) => s.doc !== null && canPaste() },
  'edit.duplicate': { run: duplicateSelection, enabled: hasDeviceSelection },
  'edit.delete': { run: deleteSelection, enabled: hasSelection },
  'edit.selectAll': { run: () => state().selectAll(), enabled: hasDoc },
  'view.zoomIn': { run: () => flow()?.zoomIn({ duration: 150 }), enabled: hasDoc },
  'view.zoomOut': { run: () => flow()?.zoomOut({ duration: 150 }), enabled: hasDoc },
  'view.fit': { run: () => fitDevices(state().doc?.devices ?? [], 250), enabled: hasDoc },
  'view.toggleGrid': toggle('showGrid'),
  'view.toggleSnap': toggle('snapToGrid'),
  'view.toggleProblems': toggle('showProblems'),
  'view.toggleMinimap': toggle('showMinimap'),
  // Always enabled: without a replay they say, in a notice, what to do first.
  'view.present': { run: togglePresent },
  'view.presenterView': { run: openPresenterView },
  'view.commandPalette': { run: () => state().setUi({ commandPaletteOpen: true }) },
  'view.toggleLanguage': {
    run: () => {
      const next = state().language === 'en' ? 'ko' : 'en';
      state().setPref('language', next);
      void i18next.changeLanguage(next);
    },
  },
  'view.toggleTheme': {
    run: () => state().setPref('theme', state().theme === 'dark' ? 'light' : 'dark'),
    checked: (s) => s.theme === 'dark',
  },
  'simulation.run': {
    run: () => runReplay(),
    enabled: (s) => s.doc !== null && !s.replay.running && s.replay.request.url.trim() !== '',
  },
  'simulation.cancel': { run: cancelReplay, enabled: (s) => s.replay.running },
  'simulation.playPause': step({ type: 'toggle' }),
  'simulation.stepBack': step({ type: 'back' }),
  'simulation.stepForward': step({ type: 'forward' }),
  'simulation.first': step({ type: 'first' }),
  'simulation.last': step({ type: 'last' }),
  'simulation.levelDown': { run: () => changeLevel(-1), enabled: (s) => s.doc !== null && s.replay.level > 1 },
  'simulation.levelUp': { run: () => changeLevel(1), enabled: (s) => s.doc !== null && s.replay.level < 7 },
  'simulation.togglePanel': {
    run: () => state().setReplay({ panelOpen: !state().replay.panelOpen, playing: false }),
    enabled: hasTrace,
    checked: (s) => s.replay.panelOpen && s.replay.trace !== undefined,
  },
  'simulation.exportPcap': { run: () => exportPcap(), enabled: hasTrace },
  'simulation.copyLink': { run: copyDeepLink, enabled: hasTrace },
  'simulation.copySlide': { run: copyStepSlide, enabled: hasTrace },
  'help.about': { run: () => state().setUi({ aboutOpen: true }) },
};

const always = () => true;

export const COMMAND_LIST: readonly Command[] = COMMANDS.filter((d) => behaviours[d.id]).map((d) => ({
  ...d,
  enabled: behaviours[d.id].enabled ?? always,
  checked: behaviours[d.id].checked,
  run: behaviours[d.id].run,
}));

export const COMMANDS_BY_ID: ReadonlyMap<string, Command> = new Map(COMMAND_LIST.map((c) => [c.id, c]));

/** Run a command by id if it exists and is enabled now; returns whether it ran. */
export function runCommand(id: string): boolean {
  const command = COMMANDS_BY_ID.get(id);
  if (!command || !command.enabled(useApp.getState())) return false;
  void command.run();
  return true;
}
