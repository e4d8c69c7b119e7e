// One quiet line at the bottom: file state, counts, zoom hints.
import { useTranslation } from 'react-i18next';
import { isDirty, useApp } from '../store';

export function StatusBar({ problems }: { problems: { total: number; errors: number } }) {
  const { t } = useTranslation('app');
  const devices = useApp((s) => s.doc?.devices.length ?? 0);
  const links = useApp((s) => s.doc?.links.length ?? 0);
  const selected = useApp((s) => s.selection.deviceIds.length + s.selection.linkIds.length);
  const dirty = useApp((s) => isDirty(s));
  const snap = useApp((s) => s.snapToGrid);
  return (
    <footer className="pj-status" aria-label={t('status.label')}>
      <span data-testid="dirty-state">{dirty ? t('status.unsaved') : t('status.saved')}</span>
      <span>{t('status.counts', { devices, links })}</span>
      {selected > 0 && <span>{t('status.selected', { count: selected })}</span>}
      <button
        type="button"
        className="pj-status-button"
        onClick={() => useApp.getState().setPref('showProblems', !useApp.getState().showProblems)}
      >
        {t('status.problems', { count: problems.total, errors: problems.errors })}
      </button>
      <span className="pj-status-spacer" />
      <span>{snap ? t('status.snapOn') : t('status.snapOff')}</span>
      <span className="pj-muted">{t('status.hint')}</span>
    </footer>
  );
}
