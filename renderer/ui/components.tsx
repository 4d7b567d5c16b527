/**
 * Shared building blocks. Touch targets are at least 56 px high, text is
 * large, and every amount goes through shared/format.ts.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../shared/format';
import type { Picture } from '../../shared/schemas';

export function Money({ cents, className }: { cents: number; className?: string }) {
  return <span className={['money', className].filter(Boolean).join(' ')}>{formatMoney(cents)}</span>;
}

type ButtonProps = {
  children: ReactNode;
  onClick?: () => void;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost' | 'success';
  size?: 'normal' | 'large' | 'huge';
  disabled?: boolean;
  type?: 'button' | 'submit';
  testId?: string;
  ariaLabel?: string;
  /** For a toggle in a group of choices: announced as pressed or not. */
  pressed?: boolean;
  className?: string;
};

export function Button({ children, onClick, variant = 'secondary', size = 'normal', disabled, type = 'button', testId, ariaLabel, className, pressed }: ButtonProps) {
  return (
    <button
      type={type}
      className={['btn', `btn-${variant}`, `btn-${size}`, className].filter(Boolean).join(' ')}
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
      aria-label={ariaLabel}
      aria-pressed={pressed}
    >
      {children}
    </button>
  );
}

export function Dialog({ title, onClose, children, testId, wide }: { title: string; onClose: () => void; children: ReactNode; testId?: string; wide?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // Latest onClose in a ref: callers pass inline callbacks, and re-running the
  // effect on each render would pull focus away from the field being typed in.
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    if (!ref.current?.contains(document.activeElement)) ref.current?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="dialog-backdrop" role="presentation">
      <div className={wide ? 'dialog dialog-wide' : 'dialog'} role="dialog" aria-modal="true" aria-label={title} data-testid={testId} ref={ref} tabIndex={-1}>
        <header className="dialog-header">
          <h2>{title}</h2>
          <button type="button" className="btn btn-ghost btn-icon" onClick={onClose} aria-label={t('common.close')} data-testid="dialog-close">
            ✕
          </button>
        </header>
        <div className="dialog-body">{children}</div>
      </div>
    </div>
  );
}

/** Under a field: its error when there is one, else its hint. */
export function FieldNote({ hint, error }: { hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && !error ? <p className="field-hint">{hint}</p> : null}
      {error ? (
        <p className="field-message" role="alert">
          ⚠ {error}
        </p>
      ) : null}
    </>
  );
}

/** A labelled input with its error right under it. */
export function Field({ label, error, children, hint }: { label: string; error?: string | undefined; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      <FieldNote hint={hint} error={error} />
    </div>
  );
}

export function PictureView({ picture, color, size = 'large' }: { picture: Picture; color: string; size?: 'small' | 'large' }) {
  return (
    <span className={`picture picture-${size}`} style={{ backgroundColor: color }} aria-hidden="true">
      {picture.kind === 'emoji' ? picture.value : picture.kind === 'image' ? <img src={picture.value} alt="" /> : null}
    </span>
  );
}

export function MemberBadge({ name, color }: { name: string; color: string }) {
  return (
    <span className="member-badge" style={{ backgroundColor: color }}>
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** A numeric keypad for amounts and quantities; `value` is the typed text. */
export function Keypad({ value, onChange, decimals, testId }: { value: string; onChange: (next: string) => void; decimals: number; testId?: string }) {
  const { t } = useTranslation();
  const press = (key: string) => {
    if (key === 'back') return onChange(value.slice(0, -1));
    if (key === 'clear') return onChange('');
    if (key === ',') {
      if (decimals === 0 || value.includes(',')) return;
      return onChange(value === '' ? '0,' : `${value},`);
    }
    const [, frac] = value.split(',');
    if (frac !== undefined && frac.length >= decimals) return;
    if (value.replace(',', '').length >= 9) return;
    onChange(value === '0' ? key : value + key);
  };
  const keys = ['7', '8', '9', '4', '5', '6', '1', '2', '3', ',', '0', 'back'];
  return (
    <div className="keypad" data-testid={testId}>
      {keys.map((k) => (
        <button
          key={k}
          type="button"
          className="btn btn-secondary keypad-key"
          onClick={() => press(k)}
          disabled={k === ',' && decimals === 0}
          aria-label={k === 'back' ? t('common.backspace') : k}
          data-testid={`key-${k === ',' ? 'comma' : k}`}
        >
          {k === 'back' ? '⌫' : k}
        </button>
      ))}
    </div>
  );
}

export function Banner({ kind, children, testId }: { kind: 'ok' | 'error' | 'info' | 'warning'; children: ReactNode; testId?: string }) {
  return (
    <div className={`banner banner-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
