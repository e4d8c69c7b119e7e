// The inspector's inputs. A text field keeps what the person types, validates it on every keystroke and writes the
// model only with a valid, changed value on Enter or blur (one undo step); invalid text stays with its message.
import { useId, useState, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { FieldMessage, Parser } from './validation';

function useMessage(): (message: FieldMessage) => string {
  const { t } = useTranslation('inspector');
  return (message) => t(`error.${message.key}`, message.values ?? {});
}

interface TextFieldProps<T> {
  /** The accessible name, with its context ("eth0 address", "route 1 destination"). */
  label: string;
  value: T;
  parse: Parser<T>;
  onCommit(value: T): void;
  format?: (value: T) => string;
  placeholder?: string;
  disabled?: boolean;
  /** A textarea: Enter makes a new line (Ctrl/Cmd+Enter commits). "wrap": a long one-line value shown wrapped, Enter commits. */
  multiline?: boolean | 'wrap';
  rows?: number;
  className?: string;
  /** Narrow inputs for numbers and short codes. */
  size?: 'small' | 'normal';
  monospace?: boolean;
  /** The key of this value in its config entry (e.g. "nextHop"), so a focus request can land on the exact field. */
  field?: string;
}

const formatDefault = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

export function TextField<T>(props: TextFieldProps<T>) {
  const { label, value, parse, onCommit, placeholder, disabled, multiline, rows, className, size, monospace, field } =
    props;
  const format = props.format ?? formatDefault;
  const message = useMessage();
  const errorId = useId();
  const shown = format(value);
  const [draft, setDraft] = useState(shown);
  const [synced, setSynced] = useState(shown);
  const [error, setError] = useState<FieldMessage | null>(null);
  // The model changed under us (undo, another field's edit, another row moved here): show the new value.
  if (synced !== shown) {
    setSynced(shown);
    setDraft(shown);
    setError(null);
  }

  const validate = (text: string) => {
    const result = parse(text);
    setError(result.ok ? null : result.error);
    return result;
  };

  const commit = () => {
    if (draft === shown) return;
    const result = validate(draft);
    if (!result.ok) return;
    if (format(result.value) === shown) {
      setDraft(shown); // e.g. " 10.0.0.1 " → "10.0.0.1": nothing to write, just tidy the text
      return;
    }
    onCommit(result.value);
  };

  const onChange = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    setDraft(e.target.value);
    validate(e.target.value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (multiline !== true || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape' && draft !== shown) {
      e.preventDefault();
      e.stopPropagation();
      setDraft(shown);
      setError(null);
    }
  };

  const common = {
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    value: draft,
    placeholder,
    disabled,
    onChange,
    onKeyDown,
    onBlur: commit,
    spellCheck: false,
    className: [
      'pj-insp-input',
      size === 'small' ? 'pj-insp-input-small' : '',
      monospace ? 'pj-insp-mono' : '',
      error ? 'pj-insp-invalid' : '',
    ].join(' '),
  };

  return (
    <div className={`pj-insp-field ${className ?? ''}`} data-pj-field={field}>
      {multiline ? (
        <div className="pj-insp-textarea-frame">
          <textarea rows={rows ?? 4} {...common} />
        </div>
      ) : (
        <input type="text" autoComplete="off" {...common} />
      )}
      {error && (
        <div id={errorId} className="pj-insp-error" role="status">
          {message(error)}
        </div>
      )}
    </div>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  disabled?: boolean;
  className?: string;
  field?: string;
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  disabled,
  className,
  field,
}: SelectFieldProps<T>) {
  return (
    <div className={`pj-insp-field ${className ?? ''}`} data-pj-field={field}>
      <select
        className="pj-insp-input pj-insp-select"
        aria-label={label}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckField({
  label,
  checked,
  onChange,
  text,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  /** Visible text next to the box (the accessible name is `label`). */
  text?: ReactNode;
  disabled?: boolean;
}) {
  return (
    <label className="pj-insp-check">
      <input
        type="checkbox"
        aria-label={label}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      {text !== undefined && <span>{text}</span>}
    </label>
  );
}

export function IconButton({
  label,
  icon: Icon,
  onClick,
  disabled,
  tone,
}: {
  label: string;
  icon: LucideIcon;
  onClick(): void;
  disabled?: boolean;
  tone?: 'danger';
}) {
  return (
    <button
      type="button"
      className={`pj-insp-icon ${tone === 'danger' ? 'pj-insp-icon-danger' : ''}`}
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon size={14} aria-hidden="true" />
    </button>
  );
}

export function AddButton({ label, onClick, icon: Icon }: { label: string; onClick(): void; icon: LucideIcon }) {
  return (
    <button type="button" className="pj-insp-add" onClick={onClick}>
      <Icon size={14} aria-hidden="true" />
      <span>{label}</span>
    </button>
  );
}

/** A label/field line of the property grid. */
export function Row({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="pj-insp-row">
      <span className="pj-insp-label">{label}</span>
      <div className="pj-insp-value">
        {children}
        {hint && <div className="pj-insp-hint">{hint}</div>}
      </div>
    </div>
  );
}
