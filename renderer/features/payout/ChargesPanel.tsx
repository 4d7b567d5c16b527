/**
 * "Dépenses": what the group paid (stall fees, materials, transport,
 * packaging…), who paid it (the co-op, or a member to reimburse) and a
 * photo of the receipt. Material purchases recorded in Stock show here too,
 * read-only, once (they are charges already).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { chargesFrom, type ChargeLine } from '../../../shared/payout';
import { businessDay, formatDay, formatMoney, formatRate } from '../../../shared/format';
import { VAT_RATES } from '../../../shared/money';
import { chargeCategories, type Charge } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { useDraft } from '../../ui/draft';
import { ChargeError, deleteCharge, listCharges, saveCharge } from '../../db/charges';
import { nowIso } from '../../db/db';
import { messages } from '../../ui/checked';
import { Banner, Button, Dialog, Field } from '../../ui/components';
import { DialogActions } from '../../ui/DialogActions';
import { MemberAvatar } from '../../ui/MemberAvatar';
import { MemberPicker } from '../../ui/MemberPicker';
import { EventSelect } from '../../ui/EventSelect';
import { SuffixInput } from '../../ui/SuffixInput';
import { Choices, GroupField, PhotoPicker, useRevealFirstError } from '../catalog/pickers';
import { CATEGORY_ICONS, chargeDraftFrom, checkCharge, emptyChargeDraft, type ChargeDraft } from './drafts';

export function ChargesPanel() {
  const { t } = useTranslation();
  const { db, members } = useApp();
  const charges = useLiveQuery(() => listCharges(db), [db]);
  const purchases = useLiveQuery(() => db.purchases.toArray(), [db]);
  const materials = useLiveQuery(() => db.materials.toArray(), [db]);
  const events = useLiveQuery(() => db.events.toArray(), [db]);
  const [editing, setEditing] = useState<{ charge: Charge | null } | null>(null);
  const byId = useMemo(() => new Map((charges ?? []).map((c) => [c.id, c])), [charges]);
  const lines = useMemo(
    () => (charges && purchases && materials ? chargesFrom(charges, purchases, materials).sort((a, b) => b.day.localeCompare(a.day) || a.label.localeCompare(b.label, 'fr')) : undefined),
    [charges, purchases, materials],
  );
  const memberById = new Map(members.map((m) => [m.id, m]));
  const eventById = new Map((events ?? []).map((e) => [e.id, e]));

  if (!lines) return <p className="empty">{t('common.loading')}</p>;

  const total = lines.reduce((s, l) => s + l.amount, 0);
  const toReimburse = lines.reduce((s, l) => s + (l.paidBy ? l.amount : 0), 0);

  const row = (line: ChargeLine) => {
    const payer = line.paidBy ? memberById.get(line.paidBy) : undefined;
    const event = line.eventId ? eventById.get(line.eventId) : undefined;
    const content = (
      <>
        <span className="charge-icon" aria-hidden="true">
          {CATEGORY_ICONS[line.category]}
        </span>
        <span className="cat-row-text">
          <span className="cat-row-title">
            {line.label}
            {line.source === 'purchase' ? <span className="cat-tag">{t('payout.charges.purchaseTag')}</span> : null}
            {byId.get(line.id)?.photo ? (
              <span className="cat-tag" title={t('payout.charges.receipt')}>
                📷
              </span>
            ) : null}
          </span>
          <span className="cat-row-sub">
            {formatDay(line.day)} · {t(`payout.categories.${line.category}`)}
            {event ? ` · 🎪 ${event.name}` : ''}
          </span>
        </span>
        <span className="cat-row-figures">
          <span className="cat-price" data-testid={`charge-amount-${line.label}`}>
            {formatMoney(line.amount)}
          </span>
          {payer ? (
            <span className="charge-payer" data-testid={`charge-payer-${line.label}`}>
              <MemberAvatar name={payer.firstName} color={payer.color} photo={payer.photo} size="small" />
              {t('payout.charges.toReimburse', { name: payer.firstName })}
            </span>
          ) : (
            <span className="charge-payer charge-payer-coop">{t('payout.charges.paidByCoop')}</span>
          )}
        </span>
      </>
    );
    const charge = line.source === 'charge' ? byId.get(line.id) : undefined;
    return (
      <li key={`${line.source}:${line.id}`} className="cat-row" data-testid={`charge-row-${line.label}`}>
        {charge ? (
          <button type="button" className="cat-row-main charge-row" onClick={() => setEditing({ charge })}>
            {content}
          </button>
        ) : (
          <div className="cat-row-main charge-row" title={t('payout.charges.purchaseHint')}>
            {content}
          </div>
        )}
      </li>
    );
  };

  return (
    <div className="payout-panel">
      <div className="toolbar">
        <h2>{t('payout.charges.title')}</h2>
        <span className="charges-total" data-testid="charges-total">
          {t('payout.charges.total', { amount: formatMoney(total) })}
          {toReimburse > 0 ? ` · ${t('payout.charges.totalToReimburse', { amount: formatMoney(toReimburse) })}` : ''}
        </span>
        <Button variant="primary" size="large" onClick={() => setEditing({ charge: null })} testId="charge-new">
          <span aria-hidden="true">➕</span> {t('payout.charges.new')}
        </Button>
      </div>
      {lines.length === 0 ? (
        <p className="empty" data-testid="charges-empty">
          {t('payout.charges.none')}
        </p>
      ) : (
        <ul className="cat-list" data-testid="charges-list">
          {lines.map(row)}
        </ul>
      )}
      {editing ? <ChargeDialog charge={editing.charge} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

function ChargeDialog({ charge, onClose }: { charge: Charge | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { db, coop, members } = useApp();
  const events = useLiveQuery(() => db.events.orderBy('startDay').reverse().toArray(), [db]);
  const { draft, update, attempt, tried, markTried } = useDraft<ChargeDraft>(() =>
    charge ? chargeDraftFrom(charge) : emptyChargeDraft(businessDay(nowIso(), coop.timeZone), coop.currentEventId ?? ''),
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useRevealFirstError(formRef, attempt);
  const errors = messages(tried ? checkCharge(draft) : null, t);
  const payers = members.filter((m) => !m.archived || m.id === draft.paidBy);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = checkCharge(draft);
    markTried();
    setFailure(null);
    if (!result.ok) return;
    setBusy(true);
    try {
      await saveCharge(db, result.value, charge?.id);
      onClose();
    } catch (error) {
      console.error(error);
      setFailure(error instanceof ChargeError ? t(error.key, error.params) : t('catalog.saveError'));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!charge) return;
    setBusy(true);
    try {
      await deleteCharge(db, charge.id);
      onClose();
    } catch (error) {
      console.error(error);
      setFailure(error instanceof ChargeError ? t(error.key, error.params) : t('catalog.saveError'));
      setBusy(false);
    }
  };

  return (
    <Dialog title={charge ? t('payout.charges.edit') : t('payout.charges.new')} onClose={onClose} testId="charge-dialog" wide>
      <form ref={formRef} className="cat-form" onSubmit={(e) => void submit(e)} noValidate>
        <GroupField label={t('payout.charges.category')} error={errors.category}>
          <div className="category-choices">
            <Choices
              options={chargeCategories.map((c) => ({
                value: c,
                label: (
                  <>
                    <span aria-hidden="true" className="choice-icon">
                      {CATEGORY_ICONS[c]}
                    </span>
                    <span>{t(`payout.categories.${c}`)}</span>
                  </>
                ),
              }))}
              value={draft.category}
              onChange={(category) => update({ category })}
              testIdPrefix="charge-category"
              compact
            />
          </div>
        </GroupField>
        <Field label={t('payout.charges.label')} error={errors.label} hint={t('payout.charges.labelHint')}>
          {(id) => <input id={id} value={draft.label} maxLength={120} onChange={(e) => update({ label: e.target.value })} autoComplete="off" data-testid="charge-label" />}
        </Field>
        <div className="recipe-labour">
          <Field label={t('payout.charges.amount')} error={errors.amount}>
            {(id) => (
              <SuffixInput id={id} kind="money" value={draft.amount} onChange={(amount) => update({ amount })} suffix="€" testId="charge-amount" />
            )}
          </Field>
          <Field label={t('payout.charges.day')} error={errors.day}>
            {(id) => <input id={id} type="date" value={draft.day} onChange={(e) => update({ day: e.target.value })} data-testid="charge-day" />}
          </Field>
        </div>
        <GroupField label={t('catalog.vatRate')} error={errors.vatRate} hint={t('payout.charges.vatHint')}>
          <Choices
            options={VAT_RATES.map((rate) => ({ value: rate, label: <bdi dir="ltr">{formatRate(rate)}</bdi> }))}
            value={draft.vatRate}
            onChange={(vatRate) => update({ vatRate })}
            testIdPrefix="charge-vat"
            compact
          />
        </GroupField>
        <GroupField label={t('payout.charges.whoPaid')} error={errors.paidBy} hint={t('payout.charges.whoPaidHint')}>
          <MemberPicker
            members={payers}
            value={draft.paidBy}
            onPick={(paidBy) => update({ paidBy })}
            testIdPrefix="charge-paid"
            before={
              <button
                type="button"
                className={draft.paidBy === '' ? 'chip maker-chip chip-active' : 'chip maker-chip'}
                aria-pressed={draft.paidBy === ''}
                onClick={() => update({ paidBy: '' })}
                data-testid="charge-paid-coop"
              >
                <span aria-hidden="true">🏦</span> {t('payout.charges.theCoop')}
              </button>
            }
          />
        </GroupField>
        {draft.paidBy ? (
          <Banner kind="info" testId="charge-reimburse-note">
            {t('payout.charges.willReimburse', { name: members.find((m) => m.id === draft.paidBy)?.firstName ?? '' })}
          </Banner>
        ) : null}
        <Field label={t('catalog.optional', { label: t('payout.event') })} error={errors.eventId}>
          {(id) => (
            <EventSelect id={id} value={draft.eventId} onChange={(eventId) => update({ eventId })} events={events} noneLabel={t('payout.noEvent')} testId="charge-event" />
          )}
        </Field>
        <GroupField label={t('catalog.optional', { label: t('payout.charges.receipt') })} error={errors.photo}>
          <PhotoPicker value={draft.photo} onChange={(photo) => update({ photo })} testId="charge-photo" />
        </GroupField>
        {failure ? <Banner kind="error">{failure}</Banner> : null}
        <DialogActions onCancel={onClose} onDelete={charge ? () => void remove() : undefined} busy={busy} testIdPrefix="charge" />
      </form>
    </Dialog>
  );
}
