/**
 * Materials: what the group buys or is given to make its products, with the
 * cost per unit that recipes use, and purchases that add stock and record
 * who paid (the co-op or a member, for the payout later).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDay, formatAmount, formatMoney, formatQuantity, formatRate } from '../../../shared/format';
import { VAT_RATES } from '../../../shared/money';
import { materialUnits, type Material } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { nowIso } from '../../db/db';
import { recordPurchase, saveMaterial, setMaterialArchived, StockError } from '../../db/stock';
import { messages } from '../../ui/checked';
import { Banner, Button, Dialog, Field } from '../../ui/components';
import { DialogActions } from '../../ui/DialogActions';
import { MemberPicker } from '../../ui/MemberPicker';
import { SuffixInput } from '../../ui/SuffixInput';
import { unitLabel } from '../../ui/units';
import { Choices, GroupField, useRevealFirstError } from '../catalog/pickers';
import { checkMaterial, checkPurchase, emptyMaterialDraft, materialDraftFrom, type MaterialDraft, type PurchaseDraft } from './drafts';

const UNIT_ICONS = { metre: '📏', kg: '⚖️', piece: '🧩', litre: '🫗' } as const;

export function MaterialsPanel() {
  const { t } = useTranslation();
  const { db } = useApp();
  const materials = useLiveQuery(() => db.materials.toArray(), [db]);
  const levels = useLiveQuery(() => db.materialLevels.toArray(), [db]);
  const [editing, setEditing] = useState<{ material: Material | null } | null>(null);
  const [buying, setBuying] = useState<Material | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const stock = useMemo(() => new Map((levels ?? []).map((l) => [l.materialId, l.quantity])), [levels]);
  const shown = (materials ?? [])
    .filter((m) => showArchived || !m.archived)
    .sort((a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name, 'fr'));
  const archivedCount = (materials ?? []).filter((m) => m.archived).length;

  if (materials === undefined) return <p className="empty">{t('common.loading')}</p>;

  return (
    <div className="stock-panel">
      <div className="toolbar">
        <h2>{t('stock.materials')}</h2>
        {archivedCount > 0 ? (
          <Button onClick={() => setShowArchived((v) => !v)} testId="materials-show-archived">
            {showArchived ? t('common.hideArchived') : t('common.showArchived')}
          </Button>
        ) : null}
        <Button variant="primary" size="large" onClick={() => setEditing({ material: null })} testId="material-new">
          <span aria-hidden="true">➕</span> {t('stock.newMaterial')}
        </Button>
      </div>
      {shown.length === 0 ? (
        <p className="empty" data-testid="materials-empty">
          {t('stock.noMaterials')}
        </p>
      ) : (
        <ul className="cat-list" data-testid="materials-list">
          {shown.map((m) => {
            const level = stock.get(m.id) ?? 0;
            const low = level <= m.lowStock;
            return (
              <li key={m.id} className={m.archived ? 'cat-row cat-row-archived' : 'cat-row'}>
                <button type="button" className="cat-row-main" onClick={() => setEditing({ material: m })} data-testid={`material-row-${m.name}`}>
                  <span className="stock-icon" aria-hidden="true">
                    {UNIT_ICONS[m.unit]}
                  </span>
                  <span className="cat-row-text">
                    <span className="cat-row-title">
                      {m.name}
                      {m.archived ? <span className="cat-tag">{t('catalog.archivedTag')}</span> : null}
                    </span>
                    <span className="cat-row-sub">{m.supplierNote}</span>
                  </span>
                  <span className="cat-row-figures">
                    <span className="cat-price">
                      {m.unitCost === 0 ? t('stock.free') : t('catalog.pricePer', { price: formatMoney(m.unitCost), unit: unitLabel(t, m.unit) })}
                    </span>
                    <span className={low ? 'cat-stock cat-stock-out' : 'cat-stock'} data-testid={`material-stock-${m.name}`}>
                      {t('catalog.stock', { qty: formatQuantity(level), unit: unitLabel(t, m.unit, level) })}
                    </span>
                  </span>
                </button>
                {m.archived ? (
                  <Button onClick={() => void setMaterialArchived(db, m.id, false)} testId={`material-unarchive-${m.name}`}>
                    ↩ {t('common.unarchive')}
                  </Button>
                ) : (
                  <>
                    <Button onClick={() => setBuying(m)} testId={`material-buy-${m.name}`}>
                      <span aria-hidden="true">🛒</span> {t('stock.buy')}
                    </Button>
                    <Button variant="ghost" onClick={() => void setMaterialArchived(db, m.id, true)} testId={`material-archive-${m.name}`}>
                      <span aria-hidden="true">📦</span> {t('common.archive')}
                    </Button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {editing ? (
        <MaterialDialog material={editing.material} level={editing.material ? stock.get(editing.material.id) : undefined} onClose={() => setEditing(null)} />
      ) : null}
      {buying ? <PurchaseDialog material={buying} onClose={() => setBuying(null)} /> : null}
    </div>
  );
}

function MaterialDialog({ material, level, onClose }: { material: Material | null; level: number | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const [draft, setDraft] = useState<MaterialDraft>(() => (material ? materialDraftFrom(material, level) : emptyMaterialDraft()));
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useRevealFirstError(formRef, attempt);
  const update = (patch: Partial<MaterialDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const errors = messages(attempt > 0 ? checkMaterial(draft) : null, t);
  const unitWord = unitLabel(t, draft.unit);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = checkMaterial(draft);
    setAttempt((n) => n + 1);
    if (!result.ok) return;
    try {
      await saveMaterial(db, result.value, material?.id);
      onClose();
    } catch (error) {
      console.error(error);
      setFailed(true);
    }
  };

  return (
    <Dialog title={material ? t('stock.editMaterial') : t('stock.newMaterial')} onClose={onClose} testId="material-dialog">
      <form ref={formRef} className="cat-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('stock.materialName')} error={errors.name} hint={t('stock.materialNameHint')}>
          {(id) => <input id={id} value={draft.name} onChange={(e) => update({ name: e.target.value })} autoComplete="off" data-testid="material-name" />}
        </Field>
        <GroupField label={t('stock.unit')} error={errors.unit}>
          <Choices
            options={materialUnits.map((u) => ({
              value: u,
              label: (
                <>
                  <span aria-hidden="true">{UNIT_ICONS[u]}</span> {unitLabel(t, u)}
                </>
              ),
            }))}
            value={draft.unit}
            onChange={(unit) => update({ unit })}
            testIdPrefix="material-unit"
            compact
          />
        </GroupField>
        <Field label={t('stock.unitCost')} error={errors.unitCost} hint={t('stock.unitCostHint')}>
          {(id) => (
            <SuffixInput id={id} kind="money" value={draft.unitCost} onChange={(unitCost) => update({ unitCost })} suffix={`€ / ${unitWord}`} testId="material-cost" />
          )}
        </Field>
        <GroupField label={t('catalog.vatRate')} error={errors.vatRate} hint={t('stock.vatHint')}>
          <Choices
            options={VAT_RATES.map((rate) => ({ value: rate, label: <bdi dir="ltr">{formatRate(rate)}</bdi> }))}
            value={draft.vatRate}
            onChange={(vatRate) => update({ vatRate })}
            testIdPrefix="material-vat"
            compact
          />
        </GroupField>
        <div className="recipe-labour">
          <Field label={t('stock.inStock')} error={errors.stock} hint={material ? t('catalog.stockHintEdit') : t('catalog.stockHintNew')}>
            {(id) => (
              <SuffixInput id={id} kind="quantity" value={draft.stock} onChange={(stock) => update({ stock })} suffix={unitLabel(t, draft.unit, 2000)} testId="material-stock" />
            )}
          </Field>
          <Field label={t('catalog.optional', { label: t('catalog.lowStock') })} error={errors.lowStock}>
            {(id) => (
              <SuffixInput id={id} kind="quantity" value={draft.lowStock} onChange={(lowStock) => update({ lowStock })} suffix={unitLabel(t, draft.unit, 2000)} testId="material-low-stock" />
            )}
          </Field>
        </div>
        <Field label={t('catalog.optional', { label: t('stock.supplierNote') })} error={errors.supplierNote}>
          {(id) => <input id={id} value={draft.supplierNote} onChange={(e) => update({ supplierNote: e.target.value })} autoComplete="off" data-testid="material-supplier" />}
        </Field>
        {failed ? <Banner kind="error">{t('catalog.saveError')}</Banner> : null}
        <DialogActions onCancel={onClose} testIdPrefix="material" />
      </form>
    </Dialog>
  );
}

function PurchaseDialog({ material, onClose }: { material: Material; onClose: () => void }) {
  const { t } = useTranslation();
  const { db, coop, members } = useApp();
  const [draft, setDraft] = useState<PurchaseDraft>(() => ({
    quantity: '',
    amount: '',
    vatRate: material.vatRate,
    day: businessDay(nowIso(), coop.timeZone),
    paidBy: '',
  }));
  const [attempt, setAttempt] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const update = (patch: Partial<PurchaseDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const errors = messages(attempt > 0 ? checkPurchase(material.id, draft) : null, t);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = checkPurchase(material.id, draft);
    setAttempt((n) => n + 1);
    if (!result.ok) return;
    try {
      await recordPurchase(db, result.value);
      onClose();
    } catch (error) {
      if (error instanceof StockError) setRefusal(t(error.key, error.params));
      else {
        console.error(error);
        setRefusal(t('catalog.saveError'));
      }
    }
  };

  return (
    <Dialog title={t('stock.purchaseOf', { name: material.name })} onClose={onClose} testId="purchase-dialog">
      <form className="cat-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="recipe-labour">
          <Field label={t('stock.purchaseQuantity')} error={errors.quantity}>
            {(id) => (
              <SuffixInput id={id} kind="quantity" value={draft.quantity} onChange={(quantity) => update({ quantity })} suffix={unitLabel(t, material.unit, 2000)} testId="purchase-quantity" />
            )}
          </Field>
          <Field label={t('stock.purchaseAmount')} error={errors.amount} hint={t('stock.purchaseAmountHint')}>
            {(id) => (
              <SuffixInput id={id} kind="money" value={draft.amount} onChange={(amount) => update({ amount })} suffix="€" testId="purchase-amount" />
            )}
          </Field>
        </div>
        <GroupField label={t('catalog.vatRate')} error={errors.vatRate}>
          <Choices
            options={VAT_RATES.map((rate) => ({ value: rate, label: <bdi dir="ltr">{formatRate(rate)}</bdi> }))}
            value={draft.vatRate}
            onChange={(vatRate) => update({ vatRate })}
            testIdPrefix="purchase-vat"
            compact
          />
        </GroupField>
        <Field label={t('stock.day')} error={errors.day}>
          {(id) => <input id={id} type="date" value={draft.day} onChange={(e) => update({ day: e.target.value })} data-testid="purchase-day" />}
        </Field>
        <GroupField label={t('stock.paidBy')} error={errors.paidBy}>
          <MemberPicker
            members={members.filter((m) => !m.archived)}
            value={draft.paidBy}
            onPick={(paidBy) => update({ paidBy })}
            testIdPrefix="paid-by"
            before={
              <button
                type="button"
                className={draft.paidBy === '' ? 'chip chip-active' : 'chip'}
                aria-pressed={draft.paidBy === ''}
                onClick={() => update({ paidBy: '' })}
                data-testid="paid-by-coop"
              >
                🏦 {t('stock.paidByCoop')}
              </button>
            }
          />
        </GroupField>
        {refusal ? <Banner kind="error">{refusal}</Banner> : null}
        <div className="actions sticky-actions">
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" size="large" type="submit" testId="purchase-save">
            <span aria-hidden="true">🛒</span> {t('stock.recordPurchase')}
          </Button>
        </div>
        <p className="field-hint">{t('stock.unitCostNow', { price: formatAmount(material.unitCost), unit: unitLabel(t, material.unit) })}</p>
      </form>
    </Dialog>
  );
}
