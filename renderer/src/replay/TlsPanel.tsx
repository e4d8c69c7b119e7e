// For a TLS frame: what an observer of this link reads in clear and what it sees only as sizes, and — for the
// teacher — the records decrypted with the trace's session keys (the handshake messages, the HTTP inside).
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { FrameStep, Trace } from '../../../shared/engine/trace';
import { decryptedRecords, linkView, type LinkSight } from '../../../shared/replay/tls';
import type { Field } from '../../../shared/wire/field';
import { TLS_CONTENT_TYPE_NAMES } from '../../../shared/wire/tls-record';

function Sight({ sight }: { sight: LinkSight }): JSX.Element {
  const { t } = useTranslation('tls');
  return <>{t(sight.key, sight.params)}</>;
}

function Fields({ fields }: { fields: Field[] }): JSX.Element {
  return (
    <ul>
      {fields.map((f, i) => (
        <li key={`${f.key}-${i}`} data-field={f.key}>
          <span className="pj-field-label">{f.label}:</span> <span className="pj-field-value">{f.value}</span>
          {f.children && f.children.length > 0 && <Fields fields={f.children} />}
        </li>
      ))}
    </ul>
  );
}

export function TlsPanel({ trace, frame }: { trace: Trace; frame: FrameStep }): JSX.Element | null {
  const { t } = useTranslation('tls');
  const [decrypt, setDecrypt] = useState(false);
  const records = decryptedRecords(trace, frame);
  const view = linkView(frame, decrypt ? records : []);
  if (!view) return null;
  const hasKeys = Boolean(trace.tlsKeyLog);
  return (
    <section className="pj-tls" aria-label={t('title')} data-testid="tls-panel">
      <h4>{t('title')}</h4>
      <div className="pj-tls-columns">
        <div className="pj-tls-clear">
          <h5>{t('clearTitle')}</h5>
          <ul data-testid="tls-clear">
            {view.clear.map((s, i) => (
              <li key={i}>
                <Sight sight={s} />
              </li>
            ))}
          </ul>
        </div>
        <div className="pj-tls-hidden">
          <h5>{t('hiddenTitle')}</h5>
          {view.encrypted.length === 0 ? (
            <p className="pj-muted">{t('noEncrypted')}</p>
          ) : (
            <ul data-testid="tls-hidden">
              {view.encrypted.map((e, i) => (
                <li key={i}>
                  {t('record', { bytes: e.bytes })}
                  {e.inner && (
                    <>
                      {' '}
                      —{' '}
                      <em className="pj-tls-inner">
                        <Sight sight={e.inner} />
                      </em>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {view.certificateHidden && <p className="pj-tls-note">{t('certificateHidden')}</p>}
        </div>
      </div>
      <p className="pj-muted">{t('sameOnEveryHop')}</p>
      <label className="pj-tls-toggle">
        <input
          type="checkbox"
          checked={decrypt}
          disabled={!hasKeys}
          onChange={(e) => setDecrypt(e.target.checked)}
          data-testid="tls-decrypt"
        />{' '}
        {t('showDecrypted')}
      </label>
      {!hasKeys && <p className="pj-muted">{t('noKeys')}</p>}
      {decrypt && hasKeys && (
        <div className="pj-tls-decrypted" data-testid="tls-decrypted">
          <h5>{t('decryptedTitle')}</h5>
          {records.length === 0 && <p className="pj-muted">{t('nothingDecrypted')}</p>}
          {records.map((r, i) => (
            <div key={i} className="pj-tls-record">
              <p className="pj-tls-record-head">
                <strong>{r.layer.summary}</strong>{' '}
                <span className="pj-muted">
                  (
                  {t('decryptedRecord', {
                    type: TLS_CONTENT_TYPE_NAMES[r.contentType] ?? r.contentType,
                    keys: t(`keys.${r.keys}`),
                  })}
                  )
                </span>
              </p>
              {r.layer.protocol === 'http' ? (
                <pre className="pj-tls-plaintext">{new TextDecoder().decode(r.plaintext)}</pre>
              ) : (
                <Fields fields={r.layer.fields} />
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
