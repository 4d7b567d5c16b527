import type { ReactNode } from 'react';

/**
 * A figure typed by hand (an amount, a quantity, hours, a rate) with what it
 * counts written after it ("€", "h", "par pièce"). The figure stays
 * left-to-right and big inside a right-to-left interface too.
 */
export function SuffixInput({
  id,
  value,
  onChange,
  suffix,
  kind,
  inputMode = 'decimal',
  autoComplete,
  placeholder,
  wrapperClass,
  invalid,
  testId,
}: {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  suffix: ReactNode;
  /** 'money' or 'quantity': the input's look (input-money / input-quantity). */
  kind: 'money' | 'quantity';
  inputMode?: 'decimal' | 'numeric';
  autoComplete?: string;
  placeholder?: string;
  /** A class added to the row (e.g. its width in a settings form). */
  wrapperClass?: string;
  /** Marks the input aria-invalid (when its message is shown outside a Field). */
  invalid?: boolean;
  testId: string;
}) {
  return (
    <div className={wrapperClass ? `input-with-suffix ${wrapperClass}` : 'input-with-suffix'}>
      <input
        id={id}
        className={kind === 'money' ? 'input-money' : 'input-quantity'}
        dir="ltr"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        inputMode={inputMode}
        autoComplete={autoComplete}
        aria-invalid={invalid ? true : undefined}
        data-testid={testId}
      />
      <span className="input-suffix">{suffix}</span>
    </div>
  );
}
