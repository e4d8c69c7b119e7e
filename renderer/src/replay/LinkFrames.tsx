// Every frame that crossed one link, and a button to export exactly those as a pcap.
import { useMemo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { Download } from 'lucide-react';
import { framesOnLink } from '../../../shared/replay/filters';
import { ProtocolTag } from './ProtocolTag';
import { formatTimeMs, type ReplayModel } from './model';

export interface LinkFramesProps {
  model: ReplayModel;
  linkId: string;
  currentStep: number;
  onSelectStep(step: number): void;
  onExportPcap(linkId: string): void;
}

export function LinkFrames({ model, linkId, currentStep, onSelectStep, onExportPcap }: LinkFramesProps): JSX.Element {
  const { t } = useTranslation('replay');
  const steps = useMemo(() => framesOnLink(model.trace, linkId), [model.trace, linkId]);
  const name = model.ctx.deviceName;
  return (
    <section
      className="pj-replay pj-link-frames"
      aria-label={t('link.label', { link: linkId })}
      data-testid="link-frames"
    >
      <div className="pj-section-head">
        <h4>
          {t('link.label', { link: linkId })}{' '}
          <span className="pj-muted">({t('link.count', { count: steps.length })})</span>
        </h4>
        <button
          type="button"
          className="pj-btn"
          onClick={() => onExportPcap(linkId)}
          disabled={steps.length === 0}
          data-testid="export-link-pcap"
        >
          <Download size={14} aria-hidden /> {t('link.export')}
        </button>
      </div>
      {steps.length === 0 ? (
        <p className="pj-muted">{t('link.none')}</p>
      ) : (
        <div className="pj-table-scroll pj-link-table">
          <table className="pj-table">
            <thead>
              <tr>
                <th scope="col">{t('list.time')}</th>
                <th scope="col">{t('list.where')}</th>
                <th scope="col">{t('list.protocol')}</th>
                <th scope="col">{t('list.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((i) => {
                const s = model.trace.steps[i];
                if (s.type !== 'frame') return null;
                return (
                  <tr
                    key={i}
                    className={i === currentStep ? 'pj-current' : undefined}
                    aria-selected={i === currentStep}
                  >
                    <td className="pj-num">{formatTimeMs(s.timeUs)}</td>
                    <td>
                      {name(s.from.deviceId)} → {name(s.to.deviceId)}
                    </td>
                    <td>
                      <ProtocolTag protocol={model.classes[i].protocol} />
                    </td>
                    <td>
                      <button type="button" className="pj-link-btn" onClick={() => onSelectStep(i)}>
                        {s.summary}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
