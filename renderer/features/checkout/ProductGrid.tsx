import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { ProductTile } from '../../ui/ProductTile';

/** Lower-case, accents removed: "guirlande" finds "Guirlande", "etoile" finds "Étoile". */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** A key that types a character into the search (a letter, a digit, a space…), with no shortcut modifier. */
function typesCharacter(e: KeyboardEvent): boolean {
  return e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey;
}

/**
 * The product tiles with their search and categories. From the keyboard:
 * typing anywhere on the till (nothing focused, no dialog open) goes into
 * the search; Enter adds the product when exactly one matches; Enter with
 * an empty search is `onEnterWithoutSearch` (the till: pay in cash).
 */
export const ProductGrid = memo(function ProductGrid({ onPick, onEnterWithoutSearch }: { onPick: (product: Product) => void; onEnterWithoutSearch?: () => void }) {
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

  const search = useRef<HTMLInputElement>(null);
  const enter = () => {
    if (query.trim() === '') return onEnterWithoutSearch?.();
    const only = shown.length === 1 ? shown[0] : undefined;
    if (!only) return;
    onPick(only);
    setQuery('');
  };
  const latest = useRef(enter);
  latest.current = enter;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const input = search.current;
      // Only on the till as it shows: not on another tab (the till stays mounted, hidden), not under a dialog, not in a field.
      if (e.defaultPrevented || !input || input.offsetParent === null || document.querySelector('[role="dialog"]')) return;
      const target = e.target;
      if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (typesCharacter(e) && e.key !== ' ') {
        e.preventDefault();
        input.focus();
        setQuery((q) => q + e.key);
      } else if (e.key === 'Enter' && !(target instanceof HTMLButtonElement)) {
        e.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="product-panel" aria-label={t('checkout.products')}>
      <div className="product-filters">
        <input
          type="search"
          className="product-search"
          placeholder={`🔎 ${t('common.search')}`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            enter();
          }}
          ref={search}
          title={t('checkout.keyboardHint')}
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
          {shown.map((p) => (
            <ProductTile key={p.id} product={p} level={p.trackStock ? (stock.get(p.id) ?? 0) : undefined} onPick={onPick} testId={`tile-${p.name}`} t={t} />
          ))}
        </div>
      )}
    </section>
  );
});

