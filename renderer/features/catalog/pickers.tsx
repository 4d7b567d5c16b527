/**
 * Form pieces shared by the first-run, catalogue and settings screens: big
 * radio choices, colour swatches and a photo picker that shrinks pictures
 * (a member's face is ui/MemberAvatar).
 */
import { useEffect, useId, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FieldNote } from '../../ui/components';
import { ImageFileError, resizeImageFile } from './image';
import { PALETTE } from './palette';
import './catalog.css';

/** A group of controls under one label (a fieldset: a <label> can only name one input). */
export function GroupField({ label, hint, error, children }: { label: string; hint?: string | undefined; error?: string | undefined; children: ReactNode }) {
  return (
    <fieldset className={error ? 'field group-field field-error' : 'field group-field'}>
      <legend>{label}</legend>
      {children}
      <FieldNote hint={hint} error={error} />
    </fieldset>
  );
}

export type Choice<T extends string | number> = { value: T; label: ReactNode };

/** Big radio buttons (native radios underneath: arrow keys and screen readers work). */
export function Choices<T extends string | number>({
  options,
  value,
  onChange,
  testIdPrefix,
  compact,
}: {
  options: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
  testIdPrefix: string;
  /** Short labels sharing one line (VAT rates). */
  compact?: boolean;
}) {
  const name = useId();
  return (
    <div className={compact ? 'choices choices-compact' : 'choices'}>
      {options.map((o) => (
        <label key={String(o.value)} className={o.value === value ? 'choice choice-active' : 'choice'} data-testid={`${testIdPrefix}-${o.value}`}>
          <input type="radio" className="vh" name={name} checked={o.value === value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}

/** Twelve big swatches, plus "another colour" for a colour not in the palette. */
export function ColorPalette({ value, onChange, testIdPrefix }: { value: string; onChange: (hex: string) => void; testIdPrefix: string }) {
  const { t } = useTranslation();
  const name = useId();
  const current = value.toLowerCase();
  const inPalette = PALETTE.some((c) => c.hex === current);
  return (
    <div className="swatches">
      {PALETTE.map((c) => {
        const selected = c.hex === current;
        const label = t(`catalog.colors.${c.name}`);
        return (
          <label key={c.hex} className={selected ? 'swatch swatch-active' : 'swatch'} style={{ backgroundColor: c.hex }} title={label} data-testid={`${testIdPrefix}-${c.hex.slice(1)}`}>
            <input type="radio" className="vh" name={name} checked={selected} onChange={() => onChange(c.hex)} aria-label={label} />
            {selected ? <span aria-hidden="true">✓</span> : null}
          </label>
        );
      })}
      <label
        className={inPalette ? 'swatch swatch-other' : 'swatch swatch-other swatch-active'}
        style={inPalette ? undefined : { backgroundColor: value }}
        title={t('catalog.otherColor')}
        data-testid={`${testIdPrefix}-other`}
      >
        <input type="color" className="vh" value={/^#[0-9a-f]{6}$/.test(current) ? current : '#888888'} onChange={(e) => onChange(e.target.value)} aria-label={t('catalog.otherColor')} />
        <span aria-hidden="true">{inPalette ? '🎨' : '✓'}</span>
      </label>
      {/* The chosen colour in words, not only in a tooltip (the radios carry it for screen readers). */}
      <span className="swatch-name" aria-hidden="true" data-testid={`${testIdPrefix}-name`}>
        {inPalette ? t(`catalog.colors.${PALETTE.find((c) => c.hex === current)?.name ?? ''}`) : t('catalog.otherColor')}
      </span>
    </div>
  );
}

/**
 * Choose a picture from a file: it is shrunk to 256 px (JPEG) before it
 * reaches the form. `value` is a data URL or ''.
 */
export function PhotoPicker({
  value,
  onChange,
  testId,
  preview = true,
}: {
  value: string;
  onChange: (dataUrl: string) => void;
  testId: string;
  /** Off when the picture is already shown nearby (a member's avatar). */
  preview?: boolean;
}) {
  const { t } = useTranslation();
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<ImageFileError['key'] | null>(null);

  const pick = async (file: File) => {
    setWorking(true);
    setProblem(null);
    try {
      onChange(await resizeImageFile(file));
    } catch (error) {
      setProblem(error instanceof ImageFileError ? error.key : 'err.image');
    } finally {
      setWorking(false);
    }
  };

  return (
    <div className="photo-picker">
      {value && preview ? <img className="photo-preview" src={value} alt="" data-testid={`${testId}-preview`} /> : null}
      <label className="btn btn-secondary photo-button">
        <input
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif,image/*"
          className="vh"
          data-testid={testId}
          disabled={working}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so that choosing the same file again still fires.
            e.target.value = '';
            if (file) void pick(file);
          }}
        />
        <span aria-hidden="true">📷</span> {working ? t('catalog.photoWorking') : value ? t('catalog.changePhoto') : t('catalog.choosePhoto')}
      </label>
      {value ? (
        <Button variant="ghost" onClick={() => onChange('')} testId={`${testId}-remove`}>
          <span aria-hidden="true">🗑</span> {t('catalog.removePhoto')}
        </Button>
      ) : null}
      {problem ? (
        <p className="field-message photo-problem" role="alert">
          ⚠ {t(problem)}
        </p>
      ) : null}
    </div>
  );
}

/**
 * After a refused submit, brings the first wrong field into view and puts
 * the cursor in it (a long form on a small screen hides its top).
 */
export function useRevealFirstError(container: RefObject<HTMLElement | null>, attempt: number): void {
  useEffect(() => {
    if (attempt === 0) return;
    const field = container.current?.querySelector('.field-error');
    if (!field) return;
    field.scrollIntoView({ block: 'center', behavior: 'smooth' });
    const input = field.querySelector<HTMLElement>('input:not([type=radio]):not([type=file]):not([type=color]), textarea, select');
    input?.focus({ preventScroll: true });
  }, [container, attempt]);
}
