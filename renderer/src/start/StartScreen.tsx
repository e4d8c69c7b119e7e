// Shown on launch and from File ▸ Start screen: begin a new network, open a file, a sample or a recent file.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArrowLeft, FilePlus, FileText, FolderOpen, Network } from 'lucide-react';
import { useApp } from '../store';
import { platform } from '../platform';
import { newDocument, openFile, openRecent, openSample } from '../files/actions';
import { SAMPLES } from '../files/samples';
import type { RecentFile } from '../../../shared/platform';

export function StartScreen() {
  const { t } = useTranslation('app');
  const hasDoc = useApp((s) => s.doc !== null);
  const docName = useApp((s) => s.file?.name ?? s.doc?.name);
  const [recent, setRecent] = useState<RecentFile[]>([]);

  useEffect(() => {
    void platform.recentFiles().then(setRecent);
  }, []);

  return (
    <section className="pj-start" aria-labelledby="pj-start-title" data-testid="start-screen">
      <div className="pj-start-inner">
        <header className="pj-start-header">
          <Network size={40} strokeWidth={1.5} aria-hidden />
          <div>
            <h1 id="pj-start-title">Packet Journey</h1>
            <p>{t('start.tagline')}</p>
          </div>
        </header>

        {hasDoc && (
          <button
            type="button"
            className="pj-link-button"
            onClick={() => useApp.getState().setUi({ showStart: false })}
          >
            <ArrowLeft size={16} aria-hidden /> {t('start.back', { name: docName })}
          </button>
        )}

        <div className="pj-start-columns">
          <div>
            <h2>{t('start.begin')}</h2>
            <div className="pj-start-actions">
              <button
                type="button"
                className="pj-start-card"
                onClick={() => void newDocument()}
                data-testid="start-new"
              >
                <FilePlus size={24} aria-hidden />
                <span>
                  <strong>{t('start.new')}</strong>
                  <small>{t('start.newHint')}</small>
                </span>
              </button>
              <button type="button" className="pj-start-card" onClick={() => void openFile()} data-testid="start-open">
                <FolderOpen size={24} aria-hidden />
                <span>
                  <strong>{t('start.open')}</strong>
                  <small>{t('start.openHint')}</small>
                </span>
              </button>
            </div>

            <h2>{t('start.recent')}</h2>
            {recent.length === 0 ? (
              <p className="pj-muted">{t('start.noRecent')}</p>
            ) : (
              <ul className="pj-start-recent">
                {recent.map((file) => (
                  <li key={file.path}>
                    <button type="button" className="pj-link-button" onClick={() => void openRecent(file.path)}>
                      <FileText size={16} aria-hidden /> {file.name}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>

          <div>
            <h2>{t('start.samples')}</h2>
            <div className="pj-start-actions">
              {SAMPLES.map((id) => (
                <button
                  key={id}
                  type="button"
                  className="pj-start-card is-sample"
                  onClick={() => void openSample(id)}
                  data-testid={`sample-${id}`}
                >
                  <Network size={24} aria-hidden />
                  <span>
                    <strong>{t(`samples.${id}.title`)}</strong>
                    <small>{t(`samples.${id}.description`)}</small>
                  </span>
                </button>
              ))}
            </div>
          </div>
        </div>
        <p className="pj-start-hint">{t('start.dropHint')}</p>
      </div>
    </section>
  );
}
