/**
 * "J'ai fabriqué": a member logs what she made. It adds the product's stock
 * and takes the recipe's materials out. A mistake is undone with a
 * counter-entry (the original stays, as on a ledger), never by editing.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDay, formatDay, formatInteger, formatQuantity } from '../../../shared/format';
import type { Production } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { messages } from '../../ui/checked';
import { useDraft } from '../../ui/draft';
import { nowIso } from '../../db/db';
import { correctProduction, recordProduction, StockError } from '../../db/stock';
import { Banner, Button, Field } from '../../ui/components';
import { MemberAvatar } from '../../ui/MemberAvatar';
import { MemberPicker } from '../../ui/MemberPicker';
import { SuffixInput } from '../../ui/SuffixInput';
import { unitLabel } from '../../ui/units';
import { GroupField } from '../catalog/pickers';
import { checkProduction, type ProductionDraft } from './drafts';

const RECENT = 30;

export function ProductionPanel() {
  const { t } = useTranslation();
  const { db, coop, members, cashierId } = useApp();
  const products = useLiveQuery(() => db.products.toArray(), [db]);
  const recent = useLiveQuery(() => db.productions.toArray(), [db]);
  const today = businessDay(nowIso(), coop.timeZone);
  const { draft, update, tried, markTried, saved } = useDraft<ProductionDraft>({ memberId: cashierId ?? '', productId: '', quantity: '', minutes: '', day: today });
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const errors = messages(tried ? checkProduction(draft) : null, t);

  const active = useMemo(() => (products ?? []).filter((p) => !p.archived).sort((a, b) => a.name.localeCompare(b.name, 'fr')), [products]);
  const productById = useMemo(() => new Map((products ?? []).map((p) => [p.id, p])), [products]);
  const memberById = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);
  const chosen = productById.get(draft.productId);
  const entries = useMemo(() => [...(recent ?? [])].sort((a, b) => b.at.localeCompare(a.at)).slice(0, RECENT), [recent]);
  const corrected = useMemo(() => new Set((recent ?? []).map((p) => p.correctsId).filter(Boolean)), [recent]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = checkProduction(draft);
    markTried();
    if (!result.ok) return;
    try {
      const made = await recordProduction(db, { ...result.value, ...(coop.currentEventId ? { eventId: coop.currentEventId } : {}) });
      const product = productById.get(made.productId);
      setNotice({ kind: 'ok', text: t('stock.madeDone', { qty: formatQuantity(made.quantity), unit: product ? unitLabel(t, product.unit, made.quantity) : '', name: product?.name ?? '' }) });
      saved({ quantity: '', minutes: '' });
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof StockError ? t(error.key, error.params) : t('catalog.saveError') });
    }
  };

  const correct = async (entry: Production) => {
    try {
      await correctProduction(db, entry.id);
      setNotice({ kind: 'ok', text: t('stock.correctedDone') });
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof StockError ? t(error.key, error.params) : t('catalog.saveError') });
    }
  };

  return (
    <div className="stock-panel">
      <form className="cat-form production-form" onSubmit={(e) => void submit(e)} noValidate data-testid="production-form">
        <h2>
          <span aria-hidden="true">🧵</span> {t('stock.iMade')}
        </h2>
        <GroupField label={t('stock.who')} error={errors.memberId}>
          <MemberPicker members={members.filter((m) => !m.archived)} value={draft.memberId} onPick={(memberId) => update({ memberId })} testIdPrefix="made-by" />
        </GroupField>
        <Field label={t('stock.what')} error={errors.productId}>
          {(id) => (
            <select id={id} value={draft.productId} onChange={(e) => update({ productId: e.target.value })} data-testid="made-product">
              <option value="">{t('stock.chooseProduct')}</option>
              {active.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.picture.kind === 'emoji' ? `${p.picture.value} ` : ''}
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="recipe-labour">
          <Field label={t('stock.howMany')} error={errors.quantity}>
            {(id) => (
              <SuffixInput id={id} kind="quantity" value={draft.quantity} onChange={(quantity) => update({ quantity })} suffix={chosen ? unitLabel(t, chosen.unit, 2000) : ''} testId="made-quantity" />
            )}
          </Field>
          <Field label={t('stock.minutesSpent')} error={errors.minutes}>
            {(id) => (
              <SuffixInput id={id} kind="quantity" value={draft.minutes} onChange={(minutes) => update({ minutes })} inputMode="numeric" suffix="min" testId="made-minutes" />
            )}
          </Field>
        </div>
        <Field label={t('stock.day')} error={errors.day}>
          {(id) => <input id={id} type="date" value={draft.day} onChange={(e) => update({ day: e.target.value })} data-testid="made-day" />}
        </Field>
        {chosen && !chosen.recipe?.lines.length ? <p className="field-hint">{t('stock.noRecipe')}</p> : null}
        {notice ? (
          <Banner kind={notice.kind} testId="production-notice">
            {notice.text}
          </Banner>
        ) : null}
        <Button variant="primary" size="large" type="submit" testId="made-save">
          <span aria-hidden="true">✓</span> {t('stock.iMadeButton')}
        </Button>
      </form>

      <section className="production-log">
        <h2>{t('stock.recentProduction')}</h2>
        {entries.length === 0 ? <p className="empty">{t('stock.noProduction')}</p> : null}
        <ul className="cat-list" data-testid="production-list">
          {entries.map((entry) => {
            const product = productById.get(entry.productId);
            const member = memberById.get(entry.memberId);
            const canCorrect = !entry.correctsId && !corrected.has(entry.id);
            return (
              <li key={entry.id} className={entry.correctsId || corrected.has(entry.id) ? 'cat-row cat-row-archived' : 'cat-row'} data-testid={`production-${product?.name ?? ''}-${entry.quantity}`}>
                <span className="cat-row-main">
                  {member ? <MemberAvatar name={member.firstName} color={member.color} photo={member.photo} size="small" /> : null}
                  <span className="cat-row-text">
                    <span className="cat-row-title">
                      {entry.correctsId ? '↩ ' : ''}
                      {formatQuantity(entry.quantity)} {product ? unitLabel(t, product.unit, entry.quantity) : ''} · {product?.name}
                    </span>
                    <span className="cat-row-sub">
                      {member?.firstName} · {formatDay(entry.day)} · {formatInteger(entry.minutes)} min
                      {entry.correctsId ? ` · ${t('stock.correction')}` : ''}
                    </span>
                  </span>
                </span>
                {canCorrect ? (
                  <Button variant="ghost" onClick={() => void correct(entry)} testId={`production-correct-${product?.name ?? ''}`}>
                    ↩ {t('stock.correct')}
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
