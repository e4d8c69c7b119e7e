// The Problems panel: what the semantic checks found, each pointing at its device or link. Clicking selects it,
// brings it into view and opens the inspector at the offending field. Problems never block editing or saving.
import { useTranslation } from 'react-i18next';
import { CircleAlert, CircleCheck, Info, TriangleAlert, X } from 'lucide-react';
import type { Problem } from '../../../shared/model/checks';
import { useApp } from '../store';
import { revealDevices } from '../canvas/flowApi';

const ICONS = { error: CircleAlert, warning: TriangleAlert, info: Info } as const;

function reveal(problem: Problem) {
  const s = useApp.getState();
  const doc = s.doc;
  if (!doc) return;
  if (problem.deviceId) {
    s.setSelection({ deviceIds: [problem.deviceId], linkIds: [] });
    s.setUi({ inspectorFocus: problem.path ? { deviceId: problem.deviceId, path: problem.path } : undefined });
    revealDevices(doc.devices.filter((d) => d.id === problem.deviceId));
  } else if (problem.linkId) {
    const link = doc.links.find((l) => l.id === problem.linkId);
    s.setSelection({ deviceIds: [], linkIds: [problem.linkId] });
    s.setUi({ inspectorFocus: undefined });
    if (link) revealDevices(doc.devices.filter((d) => d.id === link.a.device || d.id === link.b.device));
  } else if (problem.path) {
    // A setting of the network itself (its certificate authorities): the inspector shows it with nothing selected.
    s.setSelection({ deviceIds: [], linkIds: [] });
    s.setUi({ inspectorFocus: { deviceId: '', path: problem.path } });
  }
}

export function ProblemsPanel({ problems }: { problems: Problem[] }) {
  const { t } = useTranslation(['app', 'problems']);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <section className="pj-problems" aria-labelledby="pj-problems-title" data-testid="problems-panel">
      <header className="pj-panel-header">
        <h2 id="pj-problems-title">
          {t('app:problems.title')}
          <span className="pj-count" aria-label={t('app:problems.count', { errors, warnings })}>
            {problems.length}
          </span>
        </h2>
        <button
          type="button"
          className="pj-icon-button"
          aria-label={t('app:problems.close')}
          onClick={() => useApp.getState().setPref('showProblems', false)}
        >
          <X size={16} aria-hidden />
        </button>
      </header>
      {problems.length === 0 ? (
        <p className="pj-problems-empty">
          <CircleCheck size={16} aria-hidden /> {t('app:problems.none')}
        </p>
      ) : (
        <ul className="pj-problems-list">
          {problems.map((problem, i) => {
            const Icon = ICONS[problem.severity as keyof typeof ICONS] ?? Info;
            const text = t(`problems:${problem.code}`, { ...(problem.params ?? {}), defaultValue: problem.message });
            return (
              <li key={`${problem.code}-${problem.deviceId ?? ''}-${problem.linkId ?? ''}-${i}`}>
                <button
                  type="button"
                  className={`pj-problem is-${problem.severity}`}
                  onClick={() => reveal(problem)}
                  data-testid="problem"
                >
                  <Icon size={16} aria-label={t(`app:problems.severity.${problem.severity}`)} />
                  <span>{text}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
