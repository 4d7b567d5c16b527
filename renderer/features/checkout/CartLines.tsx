/**
 * The basket's lines. On a small screen only a few fit: a line under the
 * list says how many more are below ("▼ 3 lignes de plus") and scrolls to
 * them when touched, so no line is out of sight without a sign.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CartLine, PricedCart } from '../../../shared/cart';
import { formatMoney, formatQuantity } from '../../../shared/format';
import { unitLabel } from '../../ui/units';

/** Lines whose bottom is below the list's visible bottom. */
function linesBelow(list: HTMLElement): number {
  const bottom = list.getBoundingClientRect().bottom;
  return [...list.children].filter((li) => li.getBoundingClientRect().bottom > bottom + 1).length;
}

export function CartLines({ lines, priced, onOpen }: { lines: CartLine[]; priced: PricedCart; onOpen: (line: CartLine) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLUListElement>(null);
  const [hidden, setHidden] = useState(0);
  const measure = useCallback(() => {
    if (ref.current) setHidden(linesBelow(ref.current));
  }, []);

  useEffect(() => {
    const list = ref.current;
    if (!list) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(list);
    list.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      list.removeEventListener('scroll', measure);
    };
  }, [measure]);
  // A line added or removed changes what is below without resizing the list.
  useEffect(measure, [measure, lines]);

  return (
    <>
      <ul className="cart-lines" data-testid="cart-lines" ref={ref}>
        {lines.map((line, i) => {
          const pricedLine = priced.lines[i];
          return (
            <li key={line.key}>
              <button type="button" className="cart-line" onClick={() => onOpen(line)} data-testid={`cart-line-${line.name}`}>
                <span className="cart-line-name">{line.name}</span>
                <span className="cart-line-qty">
                  {formatQuantity(line.quantity)} {unitLabel(t, line.unit, line.quantity)} × <bdi dir="ltr">{formatMoney(line.unitPrice)}</bdi>
                </span>
                <span className="cart-line-total">{formatMoney(pricedLine?.total ?? 0)}</span>
                {pricedLine && pricedLine.discount !== 0 ? (
                  <span className="cart-line-discount">{t('checkout.discountApplied', { amount: formatMoney(pricedLine.discount) })}</span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
      {hidden > 0 ? (
        <button
          type="button"
          className="cart-more"
          onClick={() => ref.current?.scrollBy({ top: ref.current.clientHeight, behavior: 'smooth' })}
          data-testid="cart-more"
        >
          {t('checkout.moreLines', { count: hidden })}
        </button>
      ) : null}
    </>
  );
}
