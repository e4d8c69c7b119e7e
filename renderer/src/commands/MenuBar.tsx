// The in-window menu bar (web mode has no native menu), built from the command catalog. Keyboard: Enter/Space or
// ArrowDown opens a menu, arrows move, Escape closes, Left/Right switch menus.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Check } from 'lucide-react';
import type { MenuName } from '../../../shared/commands/catalog';
import { COMMAND_LIST, runCommand, type Command } from './registry';
import { formatShortcut } from './shortcuts';
import { useApp } from '../store';
import { platform } from '../platform';
import { openRecent } from '../files/actions';
import type { RecentFile } from '../../../shared/platform';

const MENUS: MenuName[] = ['file', 'edit', 'view', 'simulation', 'help'];

type Item = { kind: 'command'; command: Command } | { kind: 'separator' } | { kind: 'recent'; file: RecentFile };

function menuItems(menu: MenuName, recent: RecentFile[]): Item[] {
  const items: Item[] = [];
  let group: string | undefined;
  for (const command of COMMAND_LIST.filter((c) => c.menu === menu)) {
    if (items.length > 0 && command.group !== group) items.push({ kind: 'separator' });
    group = command.group;
    items.push({ kind: 'command', command });
    if (command.id === 'file.open' && recent.length > 0) {
      for (const file of recent.slice(0, 5)) items.push({ kind: 'recent', file });
    }
  }
  return items;
}

export function MenuBar() {
  const { t } = useTranslation(['app', 'commands']);
  const [open, setOpen] = useState<MenuName | null>(null);
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const barRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    if (open === 'file') void platform.recentFiles().then(setRecent);
    const onDown = (e: MouseEvent) => {
      if (!barRef.current?.contains(e.target as Node)) setOpen(null);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);

  const focusItem = (index: number) => {
    const items = barRef.current?.querySelectorAll<HTMLButtonElement>(
      '.pj-menu-popup [role=menuitem]:not([disabled]), .pj-menu-popup [role=menuitemcheckbox]:not([disabled])',
    );
    if (!items || items.length === 0) return;
    items[(index + items.length) % items.length].focus();
  };

  const openMenu = (menu: MenuName, focusFirst: boolean) => {
    setOpen(menu);
    if (focusFirst) requestAnimationFrame(() => focusItem(0));
  };

  const onMenuKey = (e: KeyboardEvent, menu: MenuName) => {
    const index = MENUS.indexOf(menu);
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openMenu(menu, true);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = MENUS[(index + (e.key === 'ArrowRight' ? 1 : MENUS.length - 1)) % MENUS.length];
      barRef.current?.querySelector<HTMLButtonElement>(`[data-menu=${next}]`)?.focus();
      if (open) openMenu(next, true);
    } else if (e.key === 'Escape') setOpen(null);
  };

  const onPopupKey = (e: KeyboardEvent, menu: MenuName) => {
    const items = [
      ...(barRef.current?.querySelectorAll<HTMLButtonElement>('.pj-menu-popup [role^=menuitem]:not([disabled])') ?? []),
    ];
    const current = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusItem(current + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusItem(current - 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(null);
      barRef.current?.querySelector<HTMLButtonElement>(`[data-menu=${menu}]`)?.focus();
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      onMenuKey(e, menu);
    }
  };

  const choose = (action: () => void) => {
    setOpen(null);
    action();
  };

  return (
    <nav className="pj-menubar" ref={barRef} aria-label={t('app:menu.label')} role="menubar">
      {MENUS.map((menu) => {
        const items = menuItems(menu, recent);
        return (
          <div className="pj-menu" key={menu}>
            <button
              type="button"
              role="menuitem"
              aria-haspopup="menu"
              aria-expanded={open === menu}
              data-menu={menu}
              className={open === menu ? 'is-open' : undefined}
              onClick={() => (open === menu ? setOpen(null) : openMenu(menu, false))}
              onMouseEnter={() => open && open !== menu && setOpen(menu)}
              onKeyDown={(e) => onMenuKey(e, menu)}
            >
              {t(`app:menu.${menu}`)}
            </button>
            {open === menu && (
              <MenuPopup menu={menu} items={items} onKeyDown={(e) => onPopupKey(e, menu)} choose={choose} />
            )}
          </div>
        );
      })}
    </nav>
  );
}

/** Subscribes to the store only while open, so the menu bar does not re-render on every edit. */
function MenuPopup({
  menu,
  items,
  onKeyDown,
  choose,
}: {
  menu: MenuName;
  items: Item[];
  onKeyDown(e: KeyboardEvent): void;
  choose(action: () => void): void;
}) {
  const { t } = useTranslation(['app', 'commands']);
  const state = useApp();
  return (
    <div className="pj-menu-popup" role="menu" aria-label={t(`app:menu.${menu}`)} onKeyDown={onKeyDown}>
      {items.length === 0 && <div className="pj-menu-empty">{t('app:menu.comingSoon')}</div>}
      {items.map((item, i) => {
        if (item.kind === 'separator') return <div key={`sep${i}`} className="pj-menu-separator" role="separator" />;
        if (item.kind === 'recent')
          return (
            <button
              key={`recent-${item.file.path}`}
              type="button"
              role="menuitem"
              className="pj-menu-item is-recent"
              onClick={() => choose(() => void openRecent(item.file.path))}
            >
              <span className="pj-menu-check" />
              <span className="pj-menu-label">{item.file.name}</span>
            </button>
          );
        const { command } = item;
        const checked = command.checked?.(state);
        return (
          <button
            key={command.id}
            type="button"
            role={checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
            aria-checked={checked}
            className="pj-menu-item"
            disabled={!command.enabled(state)}
            data-command={command.id}
            onClick={() => choose(() => runCommand(command.id))}
          >
            <span className="pj-menu-check">{checked && <Check size={14} aria-hidden />}</span>
            <span className="pj-menu-label">{t(`commands:${command.labelKey}`)}</span>
            {command.shortcuts?.[0] && <kbd>{formatShortcut(command.shortcuts[0])}</kbd>}
          </button>
        );
      })}
    </div>
  );
}
