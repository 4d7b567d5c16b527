import { useTranslation } from 'react-i18next';
import { DENOMINATIONS, parseCountQuantity } from '../../../shared/closing';
import { formatMoney } from '../../../shared/format';
import type { Closing } from '../../../shared/schemas';
import { Field } from '../../ui/components';
import { WhoSelect } from './WhoSelect';

/** What is typed per denomination, kept as text so a wrong entry stays on screen to be corrected. */
export type CountText = Record<number, string>;

/** The state lives in OpenDay: the closing itself is made from this count. */
export function CashCount({
  countText,
  setCountText,
  counted,
  preview,
  countedBy,
  setCountedBy,
}: {
  countText: CountText;
  setCountText: (text: CountText) => void;
  counted: number;
  preview: Closing | undefined;
  countedBy: string;
  setCountedBy: (firstName: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="closing-card" aria-labelledby="count-title">
      <h2 id="count-title">🧮 {t('closing.countTitle')}</h2>
      <p className="field-hint">{t('closing.countHint')}</p>
      <div className="count-grid">
        {DENOMINATIONS.map((value) => {
          const quantity = parseCountQuantity(countText[value] ?? '');
          return (
            <div key={value} className={quantity === null ? 'count-line count-line-error' : 'count-line'}>
              <label htmlFor={`count-${value}`}>
                {value >= 500 ? '💶' : '🪙'} <bdi dir="ltr">{formatMoney(value)}</bdi> ×
              </label>
              <input
                id={`count-${value}`}
                inputMode="numeric"
                value={countText[value] ?? ''}
                onChange={(e) => setCountText({ ...countText, [value]: e.target.value })}
                data-testid={`count-${value}`}
                aria-invalid={quantity === null}
              />
              <span className="count-sub">{quantity === null ? `⚠ ${t('closing.countDigits')}` : formatMoney(value * quantity)}</span>
            </div>
          );
        })}
      </div>
      <div className="count-totals">
        <span>
          {t('closing.counted')} <strong data-testid="count-total">{formatMoney(counted)}</strong>
        </span>
        {preview ? (
          <>
            <span>
              {t('closing.expected')} <strong data-testid="cash-expected">{formatMoney(preview.cash.expected)}</strong>
            </span>
            <span className={preview.cash.difference === 0 ? 'diff-ok' : 'diff-off'}>
              {t('closing.difference')} <strong data-testid="cash-difference">{formatMoney(preview.cash.difference)}</strong>
            </span>
          </>
        ) : null}
      </div>
      <Field label={t('closing.countedBy')}>
        {(id) => (
          <WhoSelect id={id} value={countedBy} onChange={setCountedBy} testId="counted-by" />
        )}
      </Field>
    </section>
  );
}
