// The in-window menu bar (web mode has no native menu), built from the command catalog's menu layout (the native
// menu draws the same). Keyboard: Enter/Space or ArrowDown opens a menu, arrows move, Escape closes, Left/Right
// switch menus; on a submenu (File ▸ Export) Right, Enter or Space opens it and Left or Escape goes back.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Check, ChevronRight } from 'lucide-react';
import { menuLayout, type MenuName, type SubmenuName } from '../../../shared/commands/catalog';
import { COMMAND_LIST, runCommand, type Command } from './registry';
import { formatShortcut } from './shortcuts';
import { useApp } from '../store';
import { platform } from '../platform';
import { openRecent } from '../files/actions';
import type { RecentFile } from '../../../shared/platform';

const MENUS: MenuName[] = ['file', 'edit', 'view', 'simulation', 'help'];

type Item =
  | { kind: 'command'; command: Command }
  | { kind: 'separator' }
  | { kind: 'recent'; file: RecentFile }
  | { kind: 'submenu'; name: SubmenuName; labelKey: string; commands: Command[] };

function menuItems(menu: MenuName, recent: RecentFile[]): Item[] {
  const items: Item[] = [];
  for (const entry of menuLayout(menu, COMMAND_LIST)) {
    items.push(entry);
    if (entry.kind === 'command' && entry.command.id === 'file.open')
      for (const file of recent.slice(0, 5)) items.push({ kind: 'recent', file });
  }
  return items;
}

// The items a menu's arrow keys move between: its own, not those of a submenu open inside it.
const OWN_ITEMS = ':scope > [role^=menuitem]:not([disabled]), :scope > .pj-menu-sub > [role=menuitem]:not([disabled])';

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
    const items = barRef.current?.querySelector('.pj-menu-popup')?.querySelectorAll<HTMLButtonElement>(OWN_ITEMS);
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
      ...(barRef.current?.querySelector('.pj-menu-popup')?.querySelectorAll<HTMLButtonElement>(OWN_ITEMS) ?? []),
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
        if (item.kind === 'submenu')
          return (
            <Submenu
              key={`submenu-${item.name}`}
              name={item.name}
              label={t(`commands:${item.labelKey}`)}
              commands={item.commands}
              choose={choose}
            />
          );
        return <CommandItem key={item.command.id} command={item.command} choose={choose} />;
      })}
    </div>
  );
}

function CommandItem({
  command,
  choose,
  labelKey = command.labelKey,
}: {
  command: Command;
  choose(action: () => void): void;
  labelKey?: string;
}) {
  const { t } = useTranslation(['commands']);
  const state = useApp();
  const checked = command.checked?.(state);
  return (
    <button
      type="button"
      role={checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
      aria-checked={checked}
      className="pj-menu-item"
      disabled={!command.enabled(state)}
      data-command={command.id}
      onClick={() => choose(() => runCommand(command.id))}
    >
      <span className="pj-menu-check">{checked && <Check size={14} aria-hidden />}</span>
      <span className="pj-menu-label">{t(`commands:${labelKey}`)}</span>
      {command.shortcuts?.[0] && <kbd>{formatShortcut(command.shortcuts[0])}</kbd>}
    </button>
  );
}

/** A menu inside the menu: opens beside its item on hover, click, Right, Enter or Space; Left or Escape closes it. */
function Submenu({
  name,
  label,
  commands,
  choose,
}: {
  name: SubmenuName;
  label: string;
  commands: Command[];
  choose(action: () => void): void;
}) {
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const popupRef = useRef<HTMLDivElement>(null);
  const items = () => [...(popupRef.current?.querySelectorAll<HTMLButtonElement>(OWN_ITEMS) ?? [])];
  const focusAt = (index: number) => {
    const list = items();
    if (list.length) list[(index + list.length) % list.length].focus();
  };
  const openAndFocus = () => {
    setOpen(true);
    requestAnimationFrame(() => focusAt(0));
  };
  const onTriggerKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      openAndFocus();
    }
  };
  const onPopupKey = (e: KeyboardEvent) => {
    const list = items();
    const current = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') focusAt(current + (e.key === 'ArrowDown' ? 1 : -1));
    else if (e.key === 'ArrowLeft' || e.key === 'Escape') {
      setOpen(false);
      triggerRef.current?.focus();
    } else if (e.key !== 'ArrowRight') return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="pj-menu-sub" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        ref={triggerRef}
        type="button"
        role="menuitem"
        aria-haspopup="menu"
        aria-expanded={open}
        className={`pj-menu-item${open ? ' is-open' : ''}`}
        data-submenu={name}
        // Hovering opened it already: a click keeps it open (a toggle would close what the pointer just opened).
        onClick={openAndFocus}
        onKeyDown={onTriggerKey}
      >
        <span className="pj-menu-check" />
        <span className="pj-menu-label">{label}</span>
        <ChevronRight size={14} aria-hidden />
      </button>
      {open && (
        <div
          ref={popupRef}
          className="pj-menu-popup pj-submenu-popup"
          role="menu"
          aria-label={label}
          onKeyDown={onPopupKey}
        >
          {commands.map((command) => (
            <CommandItem
              key={command.id}
              command={command}
              choose={choose}
              labelKey={command.submenuLabelKey ?? command.labelKey}
            />
          ))}
        </div>
      )}
    </div>
  );
}
