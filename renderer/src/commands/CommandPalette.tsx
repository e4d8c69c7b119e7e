// Ctrl/Cmd+Shift+P or Ctrl/Cmd+K: type to filter every command, arrows to move, Enter to run, Escape to close.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMAND_LIST, runCommand } from './registry';
import { formatShortcut } from './shortcuts';
import { useApp } from '../store';

function matches(text: string, query: string): boolean {
  // Every query word must appear somewhere (in either the translated label or the id).
  const haystack = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export function CommandPalette() {
  const { t } = useTranslation(['app', 'commands']);
  const open = useApp((s) => s.commandPaletteOpen);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const restoreFocus = useRef<HTMLElement | null>(null);

  const close = () => {
    useApp.getState().setUi({ commandPaletteOpen: false });
    restoreFocus.current?.focus?.();
  };

  useEffect(() => {
    if (!open) return;
    restoreFocus.current = document.activeElement as HTMLElement | null;
    setQuery('');
    setActive(0);
    requestAnimationFrame(() => inputRef.current?.focus());
  }, [open]);

  const state = useApp.getState();
  const results = useMemo(
    () =>
      COMMAND_LIST.filter((c) => c.id !== 'view.commandPalette')
        .map((c) => ({ command: c, label: t(`commands:${c.labelKey}`), category: t(`app:menu.${c.menu ?? 'view'}`) }))
        .filter((r) => matches(`${r.category} ${r.label} ${r.command.id}`, query)),
    // state is read fresh on each open; the language changes labels.
    [query, t, open],
  );

  if (!open) return null;

  const run = (index: number) => {
    const r = results[index];
    if (!r || !r.command.enabled(useApp.getState())) return;
    close();
    runCommand(r.command.id);
  };

  return (
    <div className="pj-overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="pj-cmdk" role="dialog" aria-modal="true" aria-label={t('commands:view.commandPalette')}>
        <input
          ref={inputRef}
          className="pj-cmdk-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="pj-cmdk-list"
          aria-activedescendant={results[active] ? `pj-cmd-${active}` : undefined}
          placeholder={t('app:palette.placeholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(results.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(active);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
        />
        <ul id="pj-cmdk-list" role="listbox" className="pj-cmdk-list">
          {results.length === 0 && <li className="pj-cmdk-empty">{t('app:palette.noResults')}</li>}
          {results.map((r, i) => {
            const enabled = r.command.enabled(state);
            return (
              <li
                key={r.command.id}
                id={`pj-cmd-${i}`}
                role="option"
                aria-selected={i === active}
                aria-disabled={!enabled}
                className={`pj-cmdk-item${i === active ? ' is-active' : ''}${enabled ? '' : ' is-disabled'}`}
                onMouseMove={() => setActive(i)}
                onClick={() => run(i)}
              >
                <span className="pj-cmdk-category">{r.category}</span>
                <span className="pj-cmdk-label">{r.label}</span>
                {r.command.shortcuts?.[0] && <kbd>{formatShortcut(r.command.shortcuts[0])}</kbd>}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
