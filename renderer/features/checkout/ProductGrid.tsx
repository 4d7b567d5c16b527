import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatQuantity } from '../../../shared/format';
import type { Product } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { PictureView } from '../../ui/components';
import { unitLabel } from '../../ui/units';

/** Lower-case, accents removed: "guirlande" finds "Guirlande", "etoile" finds "Étoile". */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

export function ProductGrid({ onPick }: { onPick: (product: Product) => void }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const products = useLiveQuery(() => db.products.filter((p) => !p.archived).toArray(), [db]) ?? [];
  const levels = useLiveQuery(() => db.stockLevels.toArray(), [db]) ?? [];
  const [category, setCategory] = useState<string | null>(null);
  const [query, setQuery] = useState('');

  const stock = useMemo(() => new Map(levels.map((l) => [l.productId, l.quantity])), [levels]);
  const categories = useMemo(() => [...new Set(products.map((p) => p.category).filter(Boolean))].sort(), [products]);
  const shown = useMemo(() => {
    const q = searchKey(query.trim());
    return products
      .filter((p) => category === null || p.category === category)
      .filter((p) => !q || searchKey(`${p.name} ${p.category}`).includes(q))
      .sort((a, b) => a.category.localeCompare(b.category, 'fr') || a.name.localeCompare(b.name, 'fr'));
  }, [products, category, query]);

  return (
    <section className="product-panel" aria-label={t('checkout.products')}>
      <div className="product-filters">
        <input
          type="search"
          className="product-search"
          placeholder={`🔎 ${t('common.search')}`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label={t('common.search')}
          data-testid="product-search"
        />
        <div className="chips" role="group" aria-label={t('checkout.categories')}>
          <button type="button" className={category === null ? 'chip chip-active' : 'chip'} onClick={() => setCategory(null)}>
            {t('common.all')}
          </button>
          {categories.map((c) => (
            <button key={c} type="button" className={category === c ? 'chip chip-active' : 'chip'} onClick={() => setCategory(c)} data-testid={`category-${c}`}>
              {c}
            </button>
          ))}
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="empty">{products.length === 0 ? t('checkout.noProducts') : t('checkout.noMatch')}</p>
      ) : (
        <div className="product-grid">
          {shown.map((p) => {
            const level = p.trackStock ? stock.get(p.id) ?? 0 : undefined;
            return (
              <button key={p.id} type="button" className="tile" style={{ borderColor: p.color }} onClick={() => onPick(p)} data-testid={`tile-${p.name}`}>
                <PictureView picture={p.picture} color={p.color} />
                <span className="tile-name">{p.name}</span>
                <span className="tile-price">
                  {formatMoney(p.price)}
                  {p.unit !== 'piece' ? <span className="tile-unit"> / {unitLabel(t, p.unit)}</span> : null}
                </span>
                {level !== undefined ? (
                  <span className={level <= 0 ? 'tile-stock tile-stock-out' : 'tile-stock'}>
                    {t('checkout.stock', { qty: formatQuantity(level) })}
                  </span>
                ) : null}
              </button>
            );
          })}
        </div>
      )}
    </section>
  );
}
