/**
 * The products: what the stall sells, with its picture, price per unit, VAT
 * rate, makers and stock. Archiving hides a product from the till without
 * touching past sales (they keep their own copy of name and price).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger, formatMoney, formatQuantity, formatRate } from '../../../shared/format';
import { costBreakdown, marginStatus, recipeCostInput } from '../../../shared/costing';
import { costingSettings, type Product } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { setProductArchived } from '../../db/catalog';
import { PictureView } from '../../ui/components';
import { ArchiveButton, ArchivedBanner, ListToolbar } from '../../ui/ListToolbar';
import { MemberAvatar } from '../../ui/MemberAvatar';
import { unitLabel } from '../../ui/units';
import { searchKey } from '../checkout/ProductGrid';
import { nextColor } from './palette';
import { MarginMarker } from './CostPanel';
import { ProductDialog } from './ProductDialog';

const MAX_BADGES = 4;

export function ProductsScreen() {
  const { t } = useTranslation();
  const { db, members, coop } = useApp();
  const products = useLiveQuery(() => db.products.toArray(), [db]);
  const materials = useLiveQuery(() => db.materials.toArray(), [db]);
  const materialById = useMemo(() => new Map((materials ?? []).map((m) => [m.id, m])), [materials]);
  const settings = costingSettings(coop);
  const levels = useLiveQuery(() => db.stockLevels.toArray(), [db]);
  const [query, setQuery] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<{ product: Product | null } | null>(null);
  const [archived, setArchived] = useState<Product | null>(null);
  const close = useCallback(() => setEditing(null), []);

  const stock = useMemo(() => new Map((levels ?? []).map((l) => [l.productId, l.quantity])), [levels]);
  const memberById = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);
  const all = useMemo(() => products ?? [], [products]);
  const categories = useMemo(() => [...new Set(all.map((p) => p.category).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr')), [all]);
  const archivedCount = all.filter((p) => p.archived).length;
  const shown = useMemo(() => {
    const q = searchKey(query.trim());
    return all
      .filter((p) => showArchived || !p.archived)
      .filter((p) => !q || searchKey(`${p.name} ${p.category}`).includes(q))
      .sort((a, b) => Number(a.archived) - Number(b.archived) || a.category.localeCompare(b.category, 'fr') || a.name.localeCompare(b.name, 'fr'));
  }, [all, query, showArchived]);

  const toggleArchived = async (p: Product) => {
    await setProductArchived(db, p.id, !p.archived);
    setArchived(p.archived ? null : p);
  };

  if (products === undefined) return <p className="empty">{t('common.loading')}</p>;

  return (
    <div className="cat-screen">
      <ListToolbar
        title={t('nav.products')}
        archivedCount={archivedCount}
        showArchived={showArchived}
        onToggleArchived={() => setShowArchived((v) => !v)}
        newLabel={t('catalog.newProduct')}
        onNew={() => setEditing({ product: null })}
        testIdPrefix="products"
        newTestId="product-new"
      >
        <input
          type="search"
          className="cat-search"
          placeholder={`🔎 ${t('catalog.searchProducts')}`}
          aria-label={t('catalog.searchProducts')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="products-search"
        />
      </ListToolbar>

      {archived ? (
        <ArchivedBanner
          text={t('catalog.archivedDone', { name: archived.name })}
          onUndo={() => {
            void setProductArchived(db, archived.id, false);
            setArchived(null);
          }}
          testIdPrefix="product"
        />
      ) : null}

      {shown.length === 0 ? (
        <p className="empty" data-testid="products-empty">
          {all.length === 0 ? t('catalog.noProducts') : t('catalog.noMatch')}
        </p>
      ) : (
        <ul className="cat-list" data-testid="products-list">
          {shown.map((p) => {
            const level = p.trackStock ? (stock.get(p.id) ?? 0) : undefined;
            const makers = p.makerIds.map((id) => memberById.get(id)).filter((m) => m !== undefined);
            // Only a product with a recipe has a cost to compare its price with.
            const status = p.recipe ? marginStatus(costBreakdown(recipeCostInput(p, p.recipe, materialById, settings)), settings.thinMarginBp) : 'ok';
            return (
              <li key={p.id} className={p.archived ? 'cat-row cat-row-archived' : 'cat-row'}>
                <button type="button" className="cat-row-main product-row" onClick={() => setEditing({ product: p })} data-testid={`product-row-${p.name}`}>
                  <PictureView picture={p.picture} color={p.color} />
                  <span className="cat-row-text">
                    <span className="cat-row-title">
                      {p.name}
                      {p.archived ? <span className="cat-tag">{t('catalog.archivedTag')}</span> : null}
                    </span>
                    <span className="cat-row-sub">
                      {p.category ? <span className="cat-tag cat-tag-category">{p.category}</span> : null}
                      <span>{t('catalog.vat', { rate: formatRate(p.vatRate) })}</span>
                    </span>
                  </span>
                  <span className="cat-row-makers" title={makers.map((m) => m.firstName).join(', ')}>
                    {makers.slice(0, MAX_BADGES).map((m) => (
                      <MemberAvatar key={m.id} name={m.firstName} color={m.color} photo={m.photo} size="small" />
                    ))}
                    {makers.length > MAX_BADGES ? <span className="cat-more">+{formatInteger(makers.length - MAX_BADGES)}</span> : null}
                  </span>
                  <span className="cat-row-figures">
                    <span className="cat-price" data-testid={`product-price-${p.name}`}>
                      {t('catalog.pricePer', { price: formatMoney(p.price), unit: unitLabel(t, p.unit) })}
                    </span>
                    <MarginMarker status={status} testId={`product-margin-${p.name}`} />
                    {level !== undefined ? (
                      <span className={level < 0 ? 'cat-stock cat-stock-negative' : level === 0 ? 'cat-stock cat-stock-out' : 'cat-stock'} data-testid={`product-stock-${p.name}`}>
                        {t('catalog.stock', { qty: formatQuantity(level), unit: unitLabel(t, p.unit, level) })}
                      </span>
                    ) : null}
                  </span>
                </button>
                <ArchiveButton archived={p.archived} onClick={() => void toggleArchived(p)} testIdPrefix="product" name={p.name} />
              </li>
            );
          })}
        </ul>
      )}

      {editing ? (
        <ProductDialog
          product={editing.product}
          stockLevel={editing.product ? stock.get(editing.product.id) : undefined}
          categories={categories}
          newColor={nextColor(all.map((p) => p.color))}
          onClose={close}
        />
      ) : null}
    </div>
  );
}
