// Why this step happened, in plain words, with a button that opens the configuration entry behind it.
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ExternalLink } from 'lucide-react';
import type { ConfigRef } from '../../../shared/engine/trace';
import { proseLangOf, proseText } from '../../../shared/engine/prose';
import { stepCaption } from '../../../shared/replay/levels';
import { useCaption, type ReplayModel } from './model';

export interface DecisionPanelProps {
  model: ReplayModel;
  step: number;
  onOpenConfig(ref: ConfigRef): void;
}

export function DecisionPanel({ model, step, onOpenConfig }: DecisionPanelProps): JSX.Element | null {
  const { t, i18n } = useTranslation('replay');
  const caption = useCaption();
  const s = model.trace.steps[step];
  if (!s) return null;
  const name = model.ctx.deviceName;
  const heading =
    s.type === 'decision' ? t(`decision.kind.${s.kind}`) : s.type === 'drop' ? t('decision.drop') : t('decision.frame');
  const ref = s.type === 'frame' ? undefined : s.configRef;
  const explanation = proseText(s.explanation, proseLangOf(i18n.language));
  return (
    <section
      className={`pj-replay pj-decision pj-decision-${s.type}`}
      aria-label={t('decision.label')}
      data-testid="decision-panel"
    >
      <h4>
        {s.type === 'drop' && <span aria-hidden>✕ </span>}
        {heading}
        {s.type !== 'frame' && <span className="pj-muted"> · {name(s.deviceId)}</span>}
      </h4>
      <p className="pj-decision-caption">{caption(stepCaption(model.trace, s, model.classes[step], model.ctx))}</p>
      {s.type === 'drop' && (
        <p>{t('decision.reason', { reason: t(`decision.reasons.${s.reason}`, { defaultValue: s.reason }) })}</p>
      )}
      {explanation && explanation !== s.summary && (
        <details open>
          <summary>{t('decision.engineNote')}</summary>
          <p>{explanation}</p>
        </details>
      )}
      {ref && (
        <button type="button" className="pj-btn" onClick={() => onOpenConfig(ref)} data-testid="open-config">
          <ExternalLink size={14} aria-hidden />{' '}
          {t('decision.openConfig', { device: name(ref.deviceId), path: ref.path.join(' › ') })}
        </button>
      )}
    </section>
  );
}
