import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount, formatMoney, formatPercentNumber, formatQuantity } from '../../../shared/format';
import { lineTotal, parseMoney, parsePercent, parseQuantity, type Discount } from '../../../shared/money';
import { fractionalUnits, type Unit } from '../../../shared/schemas';
import { Button, Dialog, Keypad } from '../../ui/components';
import { unitLabel } from '../../ui/units';

/** Typed quantity → thousandths, or null if it is not a positive quantity for this unit. */
export function quantityFromInput(text: string, unit: Unit): number | null {
  const q = parseQuantity(text);
  if (q === null || q <= 0) return null;
  if (!fractionalUnits.includes(unit) && q % 1000 !== 0) return null;
  return q;
}

export function QuantityDialog({
  title,
  unit,
  unitPrice,
  initial,
  discount,
  onConfirm,
  onRemove,
  onClose,
}: {
  title: string;
  unit: Unit;
  unitPrice: number;
  initial: number;
  discount?: Discount | undefined;
  onConfirm: (quantity: number, discount: Discount | undefined) => void;
  onRemove?: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fractional = fractionalUnits.includes(unit);
  const [text, setText] = useState(formatQuantity(initial));
  const [fresh, setFresh] = useState(true);
  const [discountKind, setDiscountKind] = useState<Discount['kind']>(discount?.kind ?? 'percent');
  const [discountText, setDiscountText] = useState(
    discount ? (discount.kind === 'amount' ? formatAmount(discount.value) : formatPercentNumber(discount.value)) : '',
  );
  const quantity = quantityFromInput(text, unit);
  const parsedDiscount = discountText.trim() === '' ? 0 : discountKind === 'amount' ? parseMoney(discountText) : parsePercent(discountText);
  const discountValid = parsedDiscount !== null && (discountKind === 'amount' || parsedDiscount <= 10000);
  const lineDiscount: Discount | undefined = discountValid && parsedDiscount ? { kind: discountKind, value: parsedDiscount } : undefined;

  return (
    <Dialog title={title} onClose={onClose} testId="quantity-dialog">
      <div className="qty-display" data-testid="qty-display">
        <span className="qty-value">{text || '0'}</span>
        <span className="qty-unit">{unitLabel(t, unit, quantity ?? 1000)}</span>
      </div>
      <p className="qty-total">
        {quantity !== null ? formatMoney(lineTotal(unitPrice, quantity)) : fractional ? t('checkout.qtyInvalidDecimal') : t('checkout.qtyInvalidWhole')}
      </p>
      <Keypad
        value={text}
        decimals={fractional ? 3 : 0}
        onChange={(next) => {
          // The first key replaces the pre-filled quantity, as on a calculator.
          const typed = next.length > text.length ? next.slice(text.length) : null;
          setText(fresh && typed !== null ? (typed === ',' ? '0,' : typed) : next);
          setFresh(false);
        }}
        testId="qty-keypad"
        onEnter={() => quantity !== null && discountValid && onConfirm(quantity, lineDiscount)}
      />
      <details className="line-discount" open={discount !== undefined}>
        <summary>{t('checkout.lineDiscount')}</summary>
        <div className="discount-row">
          <div className="chips">
            <button type="button" className={discountKind === 'percent' ? 'chip chip-active' : 'chip'} onClick={() => setDiscountKind('percent')}>
              %
            </button>
            <button type="button" className={discountKind === 'amount' ? 'chip chip-active' : 'chip'} onClick={() => setDiscountKind('amount')}>
              €
            </button>
          </div>
          <input inputMode="decimal" value={discountText} onChange={(e) => setDiscountText(e.target.value)} aria-label={t('checkout.lineDiscount')} data-testid="line-discount" />
        </div>
        {!discountValid ? <p className="field-message">⚠ {discountKind === 'amount' ? t('err.amount') : t('err.percentMax')}</p> : null}
      </details>
      <div className="actions">
        {onRemove ? (
          <Button variant="danger" onClick={onRemove} testId="line-remove">
            🗑 {t('checkout.removeLine')}
          </Button>
        ) : null}
        <Button variant="primary" size="large" disabled={quantity === null || !discountValid} onClick={() => quantity !== null && onConfirm(quantity, lineDiscount)} testId="qty-ok">
          ✓ {t('common.ok')}
        </Button>
      </div>
    </Dialog>
  );
}
