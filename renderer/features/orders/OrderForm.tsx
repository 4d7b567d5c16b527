/**
 * A new order, or changes to one not yet delivered: who, what (from the
 * catalogue with its picture, or a free-text service line), how much, for
 * when and where. While typing, the totals and the cost panel follow: cost
 * price, margin, "Vous perdez X €" in red, and the materials missing.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { businessDay, formatDay, formatMoney, formatQuantity, formatRate } from '../../../shared/format';
import { VAT_RATES } from '../../../shared/money';
import { materialsNeeded, orderCost, orderTotals } from '../../../shared/orders';
import { costingSettings, lineNatures, units, type LineNature, type Order, type Product, type Unit } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { newId, nowIso } from '../../db/db';
import { createOrder, OrderError, updateOrder } from '../../db/orders';
import { messages, subErrors } from '../../ui/checked';
import { Banner, Button, Dialog, Field, PictureView } from '../../ui/components';
import { ProductTile } from '../../ui/ProductTile';
import { unitLabel } from '../../ui/units';
import { Choices, GroupField, useRevealFirstError } from '../catalog/pickers';
import { searchKey } from '../checkout/ProductGrid';
import { CustomerPicker } from './CustomerPicker';
import { checkOrder, emptyOrderDraft, freeLine, isPastDue, lineFromProduct, orderDraftFrom, readableLines, type LineDraft, type OrderDraft } from './drafts';

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function OrderFormScreen({ orderId, onDone }: { orderId?: string; onDone: (orderId?: string) => void }) {
  const { db } = useApp();
  const existing = useLiveQuery(async () => (orderId ? ((await db.orders.get(orderId)) ?? null) : null), [db, orderId]);
  if (orderId && !existing) return null;
  return <OrderFormBody key={existing?.id ?? 'new'} existing={existing ?? undefined} onDone={onDone} />;
}

function OrderFormBody({ existing, onDone }: { existing: Order | undefined; onDone: (orderId?: string) => void }) {
  const { t } = useTranslation();
  const { db, coop, cashierId } = useApp();
  const today = businessDay(nowIso(), coop.timeZone);
  const [draft, setDraft] = useState<OrderDraft>(() => (existing ? orderDraftFrom(existing) : emptyOrderDraft(addDays(today, 7))));
  const [attempt, setAttempt] = useState(0);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusKey = useRef<string | null>(null);
  useRevealFirstError(formRef, attempt);
  const errors = messages(attempt > 0 ? checkOrder(draft) : null, t);
  const update = (patch: Partial<OrderDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const updateLine = (key: string, patch: Partial<LineDraft>) => setDraft((d) => ({ ...d, lines: d.lines.map((l) => (l.key === key ? { ...l, ...patch } : l)) }));
  const addLine = (line: LineDraft) => {
    focusKey.current = line.key;
    setDraft((d) => ({ ...d, lines: [...d.lines, line] }));
  };
  useEffect(() => {
    const key = focusKey.current;
    if (!key) return;
    focusKey.current = null;
    formRef.current?.querySelector<HTMLInputElement>(`[data-line="${key}"] input[data-first]`)?.focus();
  }, [draft.lines.length]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // A submit bubbling up from a dialog's own form (through the React tree) is not this form's.
    if (busy || e.target !== e.currentTarget) return;
    const result = checkOrder(draft);
    setAttempt((n) => n + 1);
    if (!result.ok) return;
    setBusy(true);
    setFailed(null);
    try {
      const saved = existing ? await updateOrder(db, existing.id, result.value) : await createOrder(db, coop, result.value, cashierId);
      onDone(saved.id);
    } catch (error) {
      console.error(error);
      setFailed(error instanceof OrderError ? t(error.key, error.params) : t('orders.saveError'));
    } finally {
      setBusy(false);
    }
  };

  const lines = readableLines(draft);
  const totals = orderTotals(lines);

  return (
    <form ref={formRef} className="order-form" onSubmit={(e) => void submit(e)} noValidate data-testid="order-form">
      <div className="toolbar">
        <Button variant="ghost" onClick={() => onDone(existing?.id)} testId="order-form-back">
          <span className="flip-rtl" aria-hidden="true">←</span> {t('common.back')}
        </Button>
        <h1>{existing ? t('orders.editTitle', { number: existing.number }) : t('orders.newTitle')}</h1>
      </div>
      <div className="order-form-columns">
        <div className="order-form-main">
          <CustomerPicker value={draft.customerId} onChange={(customerId) => update({ customerId })} error={errors.customerId} />

          <fieldset className={errors.lines ? 'field group-field field-error order-lines' : 'field group-field order-lines'}>
            <legend>
              <span aria-hidden="true">🧺</span> {t('orders.lines')}
            </legend>
            {draft.lines.length === 0 ? <p className="muted">{t('orders.noLinesYet')}</p> : null}
            <ol className="order-line-list">
              {draft.lines.map((line, i) => (
                <LineEditor
                  key={line.key}
                  line={line}
                  index={i}
                  errors={subErrors(errors, `lines.${i}.`)}
                  onChange={(patch) => updateLine(line.key, patch)}
                  onRemove={() => setDraft((d) => ({ ...d, lines: d.lines.filter((l) => l.key !== line.key) }))}
                />
              ))}
            </ol>
            <div className="order-line-add">
              <Button variant="primary" size="large" onClick={() => setPicking(true)} testId="order-add-product">
                <span aria-hidden="true">🏷️</span> {t('orders.addProduct')}
              </Button>
              <Button size="large" onClick={() => addLine(freeLine(newId()))} testId="order-add-free">
                <span aria-hidden="true">✍️</span> {t('orders.addFree')}
              </Button>
            </div>
            {errors.lines ? (
              <p className="field-message" role="alert">
                ⚠ {errors.lines}
              </p>
            ) : null}
            {lines.length > 0 ? (
              <p className="order-form-total" data-testid="order-form-total">
                {t('orders.total')} <strong>{formatMoney(totals.ttc)}</strong>
                <span className="muted"> · {t('orders.totalHt', { ht: formatMoney(totals.ht), vat: formatMoney(totals.vat) })}</span>
              </p>
            ) : null}
          </fieldset>

          <div className="form-grid">
            <Field label={`📅 ${t('orders.dueDay')}`} error={errors.dueDay}>
              {(id) => <input id={id} type="date" value={draft.dueDay} onChange={(e) => update({ dueDay: e.target.value })} data-testid="order-due-day" />}
            </Field>
            <Field label={`🕑 ${t('catalog.optional', { label: t('orders.dueTime') })}`} error={errors.dueTime}>
              {(id) => <input id={id} type="time" value={draft.dueTime} onChange={(e) => update({ dueTime: e.target.value })} data-testid="order-due-time" />}
            </Field>
          </div>
          {isPastDue(draft.dueDay, today) ? (
            <Banner kind="warning" testId="order-past-due">
              ⚠️ {t('orders.pastDue', { day: formatDay(draft.dueDay) })}
            </Banner>
          ) : null}

          <GroupField label={`🚚 ${t('orders.delivery')}`} error={errors['delivery.place']}>
            <Choices
              options={[
                { value: 'stall', label: <>🧺 {t('orders.deliveryStall')}</> },
                { value: 'address', label: <>📍 {t('orders.deliveryAddress')}</> },
              ]}
              value={draft.deliveryKind}
              onChange={(deliveryKind) => update({ deliveryKind })}
              testIdPrefix="order-delivery"
            />
            {draft.deliveryKind === 'address' ? (
              <textarea rows={2} value={draft.place} onChange={(e) => update({ place: e.target.value })} placeholder={t('orders.placePlaceholder')} aria-label={t('orders.deliveryAddress')} data-testid="order-place" />
            ) : null}
          </GroupField>

          <div className="form-grid">
            <Field label={`🧾 ${t('catalog.optional', { label: t('orders.customerRef') })}`} error={errors.customerRef} hint={t('orders.customerRefHint')}>
              {(id) => <input id={id} value={draft.customerRef} onChange={(e) => update({ customerRef: e.target.value })} autoComplete="off" data-testid="order-customer-ref" />}
            </Field>
          </div>
          <Field label={`🗒️ ${t('catalog.optional', { label: t('orders.notes') })}`} error={errors.notes}>
            {(id) => <textarea id={id} rows={3} value={draft.notes} onChange={(e) => update({ notes: e.target.value })} data-testid="order-notes" />}
          </Field>
        </div>
        <aside className="order-form-side">
          <OrderCostPanel draft={draft} />
        </aside>
      </div>
      {failed ? (
        <Banner kind="error" testId="order-save-error">
          {failed}
        </Banner>
      ) : null}
      <div className="actions sticky-actions">
        <Button onClick={() => onDone(existing?.id)}>{t('common.cancel')}</Button>
        <Button variant="primary" size="large" type="submit" disabled={busy} testId="order-save">
          ✓ {existing ? t('common.save') : t('orders.createQuote')}
        </Button>
      </div>
      {picking ? (
        <ProductPicker
          onClose={() => setPicking(false)}
          onPick={(p) => {
            setPicking(false);
            addLine(lineFromProduct(newId(), p));
          }}
        />
      ) : null}
    </form>
  );
}

const VAT_HINTS: Record<number, string> = { 2000: 'orders.vat20', 1000: 'orders.vat10', 550: 'orders.vat55', 210: 'orders.vat21', 0: 'orders.vat0' };

function LineEditor({ line, index, errors, onChange, onRemove }: { line: LineDraft; index: number; errors: Record<string, string>; onChange: (patch: Partial<LineDraft>) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const product = useLiveQuery(async () => (line.productId ? await db.products.get(line.productId) : undefined), [db, line.productId]);
  const free = !line.productId;
  const readable = readableLines({ ...emptyOrderDraft(''), lines: [line] })[0];
  const total = readable ? orderTotals([readable]).ttc : null;
  const testName = free ? `free-${index}` : line.name;
  return (
    <li className="order-line" data-line={line.key} data-testid={`order-line-${testName}`}>
      <div className="order-line-head">
        {product ? <PictureView picture={product.picture} color={product.color} size="small" /> : <span className="order-line-free-icon" aria-hidden="true">✍️</span>}
        {free ? (
          <Field label={t('orders.lineName')} error={errors.name}>
            {(id) => <input id={id} data-first value={line.name} onChange={(e) => onChange({ name: e.target.value })} placeholder={t('orders.lineNamePlaceholder')} autoComplete="off" data-testid="line-name" />}
          </Field>
        ) : (
          <strong className="order-line-name">{line.name}</strong>
        )}
        <Button variant="ghost" onClick={onRemove} ariaLabel={t('orders.removeLine', { name: line.name })} testId="line-remove">
          🗑
        </Button>
      </div>
      {free ? (
        <div className="order-line-free">
          <GroupField label={t('orders.unit')} error={errors.unit}>
            <Choices options={units.map((u) => ({ value: u, label: t(`units.${u}Long`) }))} value={line.unit} onChange={(unit: Unit) => onChange({ unit })} testIdPrefix="line-unit" compact />
          </GroupField>
          <GroupField label={t('orders.lineNature')} error={errors.nature}>
            <Choices
              options={lineNatures.map((n) => ({ value: n, label: <>{t(`orders.nature.${n}`)}</> }))}
              value={line.nature ?? 'service'}
              onChange={(nature: LineNature) => onChange({ nature })}
              testIdPrefix="line-nature"
              compact
            />
          </GroupField>
          <GroupField label={t('orders.vatRate')} error={errors.vatRate}>
            <Choices
              options={VAT_RATES.filter((r) => r !== 210).map((r) => ({ value: r, label: formatRate(r) }))}
              value={line.vatRate}
              onChange={(vatRate) => onChange({ vatRate })}
              testIdPrefix="line-vat"
              compact
            />
            <p className="field-hint">{t(VAT_HINTS[line.vatRate] ?? 'orders.vat20')}</p>
          </GroupField>
        </div>
      ) : null}
      <div className="order-line-figures">
        <Field label={t('orders.quantity')} error={errors.quantity}>
          {(id) => (
            <div className="input-with-suffix">
              <input id={id} {...(free ? {} : { 'data-first': true })} className="input-quantity" dir="ltr" inputMode="decimal" value={line.quantity} onChange={(e) => onChange({ quantity: e.target.value })} data-testid="line-quantity" />
              <span className="input-suffix">{unitLabel(t, line.unit, 2000)}</span>
            </div>
          )}
        </Field>
        <span className="order-line-times" aria-hidden="true">
          ×
        </span>
        <Field label={t('orders.unitPrice', { unit: unitLabel(t, line.unit, 1000) })} error={errors.unitPrice}>
          {(id) => (
            <div className="input-with-suffix">
              <input id={id} className="input-quantity" dir="ltr" inputMode="decimal" value={line.unitPrice} onChange={(e) => onChange({ unitPrice: e.target.value })} data-testid="line-price" />
              <span className="input-suffix">€</span>
            </div>
          )}
        </Field>
        <span className="order-line-total" data-testid="line-total">
          = {total !== null ? formatMoney(total) : '…'}
          {!free ? <small className="muted"> {t('orders.vatShort', { rate: formatRate(line.vatRate) })}</small> : null}
        </span>
      </div>
    </li>
  );
}

/** The catalogue as pictures: tap one to add it as a line. */
function ProductPicker({ onClose, onPick }: { onClose: () => void; onPick: (product: Product) => void }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const products = useLiveQuery(() => db.products.filter((p) => !p.archived).toArray(), [db]) ?? [];
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = searchKey(query.trim());
    return products.filter((p) => !q || searchKey(`${p.name} ${p.category}`).includes(q)).sort((a, b) => a.category.localeCompare(b.category, 'fr') || a.name.localeCompare(b.name, 'fr'));
  }, [products, query]);
  // Portalled: a search field inside the order form would submit it on Enter.
  return createPortal(
    <Dialog title={t('orders.pickProduct')} onClose={onClose} testId="order-product-picker" wide>
      <input type="search" className="product-search" placeholder={`🔎 ${t('common.search')}`} value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t('common.search')} data-testid="order-product-search" autoFocus />
      <div className="order-picker-grid">
        {shown.map((p) => (
          <ProductTile key={p.id} product={p} onPick={onPick} testId={`order-pick-${p.name}`} t={t} />
        ))}
      </div>
      {shown.length === 0 ? <p className="muted">{t('checkout.noMatch')}</p> : null}
    </Dialog>,
    document.body,
  );
}

const COST_ICONS = { loss: '⛔', thin: '⚠️', ok: '✅' } as const;

/** Cost price, margin and what to buy, for the order as typed. */
function OrderCostPanel({ draft }: { draft: OrderDraft }) {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const products = useLiveQuery(() => db.products.toArray(), [db]);
  const materials = useLiveQuery(() => db.materials.toArray(), [db]);
  const levels = useLiveQuery(() => db.materialLevels.toArray(), [db]);
  const lines = readableLines(draft);
  if (!products || !materials || !levels) return null;
  if (lines.length === 0) {
    return (
      <section className="cost-panel order-cost" data-testid="order-cost">
        <h3>🧮 {t('orders.cost.title')}</h3>
        <p className="field-hint">{t('orders.cost.empty')}</p>
      </section>
    );
  }
  const settings = costingSettings(coop);
  const order = { lines };
  const cost = orderCost(order, products, materials, settings);
  const needed = materialsNeeded(order, products, materials, new Map(levels.map((l) => [l.materialId, l.quantity])));
  const missing = needed.filter((n) => n.missing > 0);
  const unknown = cost.unknownCost;
  const noneKnown = cost.perLine.every((l) => l.unknownCost);
  return (
    <section className={noneKnown ? 'cost-panel order-cost' : `cost-panel order-cost cost-${cost.status}`} data-testid="order-cost" aria-live="polite">
      <h3>🧮 {t('orders.cost.title')}</h3>
      <dl className="cost-lines">
        <div className="cost-line">
          <dt>🏷️ {t('orders.cost.ht')}</dt>
          <dd data-testid="order-cost-ht">{formatMoney(cost.ht)}</dd>
        </div>
        <div className="cost-line">
          <dt>🧵 {t('orders.cost.cost')}</dt>
          <dd data-testid="order-cost-cost">− {formatMoney(cost.cost)}</dd>
        </div>
        <div className="cost-line">
          <dt>🤝 {t('orders.cost.contribution', { rate: formatRate(settings.contributionBp) })}</dt>
          <dd>− {formatMoney(cost.contribution)}</dd>
        </div>
        <div className="cost-line cost-total cost-margin">
          <dt>💰 {t('orders.cost.margin')}</dt>
          <dd data-testid="order-cost-margin">
            {formatMoney(cost.margin)} <small>({formatRate(cost.marginBp)})</small>
          </dd>
        </div>
      </dl>
      {noneKnown ? (
        // No line has a recipe: a green "covers the cost" would be a guess.
        <p className="cost-verdict order-cost-unknown" data-testid="order-cost-verdict">
          <span aria-hidden="true">❔</span> {t('orders.cost.noneKnown')}
        </p>
      ) : (
        <p className={`cost-verdict cost-verdict-${cost.status}`} data-testid="order-cost-verdict" role={cost.status === 'loss' ? 'alert' : undefined}>
          <span aria-hidden="true">{COST_ICONS[cost.status]}</span>{' '}
          {cost.status === 'loss'
            ? t('orders.cost.loss', { amount: formatMoney(-cost.margin) })
            : cost.status === 'thin'
              ? t('orders.cost.thin', { rate: formatRate(settings.thinMarginBp) })
              : t('orders.cost.ok')}
        </p>
      )}
      {unknown && !noneKnown ? <p className="field-hint">{t('orders.cost.unknown')}</p> : null}
      {missing.length > 0 ? (
        <ul className="order-missing" data-testid="order-missing">
          {missing.map((m) => (
            <li key={m.materialId}>
              🛒 {t('orders.cost.missing', { qty: formatQuantity(m.missing), unit: unitLabel(t, m.unit, m.missing), name: m.name })}
            </li>
          ))}
        </ul>
      ) : needed.length > 0 ? (
        <p className="order-enough" data-testid="order-enough">
          ✅ {t('orders.cost.enough')}
        </p>
      ) : null}
    </section>
  );
}
