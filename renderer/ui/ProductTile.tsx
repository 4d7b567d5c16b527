import { memo } from 'react';
import type { TFunction } from 'i18next';
import { formatMoney, formatQuantity } from '../../shared/format';
import type { Product } from '../../shared/schemas';
import { PictureView } from './components';
import { unitLabel } from './units';

/**
 * One product as a big tile (picture, name, price per unit, stock when it is
 * tracked), the same on the till and in an order's product picker. Memoised
 * on stable props (the product, its level, a stable pick callback, `t`), so a
 * grid of 2 000 redraws only the tiles whose figures changed.
 */
export const ProductTile = memo(function ProductTile({
  product: p,
  level,
  onPick,
  testId,
  t,
}: {
  product: Product;
  level?: number | undefined;
  onPick: (product: Product) => void;
  testId: string;
  t: TFunction;
}) {
  return (
    <button type="button" className="tile" style={{ borderColor: p.color }} onClick={() => onPick(p)} data-testid={testId}>
      <PictureView picture={p.picture} color={p.color} />
      <span className="tile-name">{p.name}</span>
      <span className="tile-price">
        {formatMoney(p.price)}
        {p.unit !== 'piece' ? <span className="tile-unit"> / {unitLabel(t, p.unit)}</span> : null}
      </span>
      {level !== undefined ? <span className={level <= 0 ? 'tile-stock tile-stock-out' : 'tile-stock'}>{t('checkout.stock', { qty: formatQuantity(level) })}</span> : null}
    </button>
  );
});
