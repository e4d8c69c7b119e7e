// Toolbar: icon buttons for the most used commands, each from the registry (label, shortcut, enabled state).
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import {
  ClipboardPaste,
  Command as CommandIcon,
  Copy,
  CopyPlus,
  FilePlus,
  FolderOpen,
  Grid3x3,
  Languages,
  Magnet,
  Map as MapIcon,
  Maximize,
  Moon,
  Redo2,
  Save,
  Sun,
  Trash2,
  TriangleAlert,
  Undo2,
  ZoomIn,
  ZoomOut,
  type LucideIcon,
} from 'lucide-react';
import { COMMANDS_BY_ID, runCommand } from './registry';
import { formatShortcut } from './shortcuts';
import { useApp } from '../store';

type Entry = { id: string; icon: LucideIcon } | 'sep';

const ENTRIES: Entry[] = [
  { id: 'file.new', icon: FilePlus },
  { id: 'file.open', icon: FolderOpen },
  { id: 'file.save', icon: Save },
  'sep',
  { id: 'edit.undo', icon: Undo2 },
  { id: 'edit.redo', icon: Redo2 },
  'sep',
  { id: 'edit.copy', icon: Copy },
  { id: 'edit.paste', icon: ClipboardPaste },
  { id: 'edit.duplicate', icon: CopyPlus },
  { id: 'edit.delete', icon: Trash2 },
  'sep',
  { id: 'view.zoomOut', icon: ZoomOut },
  { id: 'view.zoomIn', icon: ZoomIn },
  { id: 'view.fit', icon: Maximize },
  'sep',
  { id: 'view.toggleSnap', icon: Magnet },
  { id: 'view.toggleGrid', icon: Grid3x3 },
  { id: 'view.toggleMinimap', icon: MapIcon },
  { id: 'view.toggleProblems', icon: TriangleAlert },
];

const commandEntries = ENTRIES.filter((e): e is Exclude<Entry, 'sep'> => e !== 'sep');

export function Toolbar() {
  const { t } = useTranslation(['app', 'commands']);
  const flags = useApp(
    useShallow((s) =>
      commandEntries.flatMap(({ id }) => {
        const c = COMMANDS_BY_ID.get(id);
        return [c?.enabled(s) ?? false, c?.checked?.(s)];
      }),
    ),
  );
  const language = useApp((s) => s.language);
  const theme = useApp((s) => s.theme);

  const label = (id: string) => {
    const c = COMMANDS_BY_ID.get(id);
    if (!c) return id;
    const text = t(`commands:${c.labelKey}`);
    return c.shortcuts?.[0] ? `${text} (${formatShortcut(c.shortcuts[0])})` : text;
  };

  let index = 0;
  return (
    <div className="pj-toolbar" role="toolbar" aria-label={t('app:toolbar.label')}>
      {ENTRIES.map((entry, i) => {
        if (entry === 'sep') return <span key={`sep${i}`} className="pj-toolbar-sep" aria-hidden />;
        const enabled = flags[index * 2] as boolean;
        const checked = flags[index * 2 + 1] as boolean | undefined;
        index++;
        const Icon = entry.icon;
        const text = label(entry.id);
        return (
          <button
            key={entry.id}
            type="button"
            className={`pj-icon-button${checked ? ' is-on' : ''}`}
            aria-label={text}
            aria-pressed={checked}
            title={text}
            disabled={!enabled}
            data-command={entry.id}
            onClick={() => runCommand(entry.id)}
          >
            <Icon size={18} strokeWidth={1.8} aria-hidden />
          </button>
        );
      })}
      <span className="pj-toolbar-spacer" />
      <button
        type="button"
        className="pj-text-button"
        onClick={() => runCommand('view.commandPalette')}
        aria-label={label('view.commandPalette')}
        title={label('view.commandPalette')}
      >
        <CommandIcon size={16} aria-hidden />
        <span>{t('app:toolbar.commands')}</span>
      </button>
      <button
        type="button"
        className="pj-text-button"
        onClick={() => runCommand('view.toggleLanguage')}
        aria-label={t('commands:view.toggleLanguage')}
        title={t('commands:view.toggleLanguage')}
        data-testid="toggle-language"
      >
        <Languages size={16} aria-hidden />
        <span>{language === 'en' ? '한국어' : 'English'}</span>
      </button>
      <button
        type="button"
        className="pj-icon-button"
        onClick={() => runCommand('view.toggleTheme')}
        aria-label={t('commands:view.toggleTheme')}
        title={t('commands:view.toggleTheme')}
      >
        {theme === 'dark' ? <Sun size={18} aria-hidden /> : <Moon size={18} aria-hidden />}
      </button>
    </div>
  );
}
