// Modal confirm (unsaved changes), the About box and error/info toasts.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleAlert, Info, X } from 'lucide-react';
import { useApp } from '../store';
import type { Toast, ToastText } from '../store/ui';

/** How long a notice stays (not an error: that stays until closed), while the pointer or focus is not on it. */
export const TOAST_MS = 6000;

export function ConfirmDialog() {
  const request = useApp((s) => s.confirmRequest);
  const answer = useApp((s) => s.answerConfirm);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (request) cancelRef.current?.focus();
  }, [request]);
  if (!request) return null;
  return (
    <div className="pj-overlay" onKeyDown={(e) => e.key === 'Escape' && answer(false)}>
      <div
        className="pj-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="pj-confirm-title"
        aria-describedby="pj-confirm-message"
      >
        <h2 id="pj-confirm-title">{request.title}</h2>
        <p id="pj-confirm-message">{request.message}</p>
        <div className="pj-dialog-actions">
          <button type="button" ref={cancelRef} className="pj-button" onClick={() => answer(false)}>
            {request.cancelLabel}
          </button>
          <button
            type="button"
            className="pj-button is-danger"
            onClick={() => answer(true)}
            data-testid="confirm-discard"
          >
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

export function AboutDialog() {
  const { t } = useTranslation('app');
  const open = useApp((s) => s.aboutOpen);
  const close = () => useApp.getState().setUi({ aboutOpen: false });
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div
      className="pj-overlay"
      onMouseDown={(e) => e.target === e.currentTarget && close()}
      onKeyDown={(e) => e.key === 'Escape' && close()}
    >
      <div className="pj-dialog" role="dialog" aria-modal="true" aria-labelledby="pj-about-title">
        <h2 id="pj-about-title">Packet Journey</h2>
        <p>{t('about.text')}</p>
        <div className="pj-dialog-actions">
          <button type="button" ref={closeRef} className="pj-button is-primary" onClick={close}>
            {t('about.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  return (
    <div className="pj-toasts" aria-live="assertive">
      {toasts.map((toast) => (
        <ToastView key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

/** One notice, translated as it is drawn (it follows a change of language); a notice that is not an error closes itself. */
function ToastView({ toast }: { toast: Toast }) {
  const { t } = useTranslation('app');
  const dismiss = useApp((s) => s.dismissToast);
  const [held, setHeld] = useState(false);
  const text = (x: string | ToastText) =>
    typeof x === 'string' ? x : (t(x.key, { ns: x.ns ?? 'app', ...x.params }) as string);
  useEffect(() => {
    if (toast.kind === 'error' || held) return;
    const timer = window.setTimeout(() => dismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, held, dismiss]);
  return (
    <div
      className={`pj-toast is-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      data-kind={toast.kind}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      {toast.kind === 'error' ? <CircleAlert size={20} aria-hidden /> : <Info size={20} aria-hidden />}
      <div className="pj-toast-body">
        <strong>{text(toast.title)}</strong>
        {toast.message && <p>{text(toast.message)}</p>}
      </div>
      <button
        type="button"
        className="pj-icon-button"
        aria-label={t('toast.dismiss')}
        onClick={() => dismiss(toast.id)}
      >
        <X size={16} aria-hidden />
      </button>
    </div>
  );
}
