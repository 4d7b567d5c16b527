/**
 * "Transférer": goods carried from this stall to another one (another market,
 * another till) or brought from one. Each is one 'transfer' movement (minus
 * when sent, plus when received) naming the other side and who carried the
 * goods; a wrong figure is refused on its field and nothing is saved. Below
 * the form, the latest stock movements with their reasons in words.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatQuantity } from '../../../shared/format';
import type { MaterialUnit, Unit } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { useDraft } from '../../ui/draft';
import { recentMovements, recordTransfer, StockError, type CountTarget } from '../../db/stock';
import { Banner, Button, Field, PictureView } from '../../ui/components';
import { unitLabel } from '../../ui/units';
import { MemberPicker } from '../../ui/MemberPicker';
import { SuffixInput } from '../../ui/SuffixInput';
import { Choices, GroupField } from '../catalog/pickers';
import { checkTransfer, movementReason, type TransferDraft } from './drafts';

const HISTORY = 20;

type Item = { key: string; target: CountTarget; name: string; unit: Unit | MaterialUnit; level: number; picture: ReactNode };

/** What can be transferred: products whose stock is followed, and materials, with their levels. */
function useItems(): Item[] | undefined {
  const { db } = useApp();
  const products = useLiveQuery(() => db.products.toArray(), [db]);
  const materials = useLiveQuery(() => db.materials.toArray(), [db]);
  const productLevels = useLiveQuery(() => db.stockLevels.toArray(), [db]);
  const materialLevels = useLiveQuery(() => db.materialLevels.toArray(), [db]);
  return useMemo(() => {
    if (!products || !materials) return undefined;
    const pl = new Map((productLevels ?? []).map((l) => [l.productId, l.quantity]));
    const ml = new Map((materialLevels ?? []).map((l) => [l.materialId, l.quantity]));
    const byName = (a: Item, b: Item) => a.name.localeCompare(b.name, 'fr');
    const productItems: Item[] = products
      .filter((p) => p.trackStock && !p.archived)
      .map((p) => ({
        key: `p:${p.id}`,
        target: { kind: 'product', id: p.id },
        name: p.name,
        unit: p.unit,
        level: pl.get(p.id) ?? 0,
        picture: <PictureView picture={p.picture} color={p.color} size="small" />,
      }));
    const materialItems: Item[] = materials
      .filter((m) => !m.archived)
      .map((m) => ({
        key: `m:${m.id}`,
        target: { kind: 'material', id: m.id },
        name: m.name,
        unit: m.unit,
        level: ml.get(m.id) ?? 0,
        picture: (
          <span className="stock-icon" aria-hidden="true">
            🧺
          </span>
        ),
      }));
    return [...productItems.sort(byName), ...materialItems.sort(byName)];
  }, [products, materials, productLevels, materialLevels]);
}

export function TransferPanel() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const items = useItems();
  const events = useLiveQuery(() => db.events.toArray(), [db]);
  const eventName = useMemo(() => {
    const names = new Map((events ?? []).map((e) => [e.id, e.name]));
    return (id: string) => names.get(id);
  }, [events]);
  const here = coop.currentEventId ? eventName(coop.currentEventId) : undefined;

  if (!items || !events) return <p className="empty">{t('common.loading')}</p>;
  return (
    <div className="stock-panel">
      <TransferForm items={items} here={here ? t('stock.transferHereEvent', { till: coop.tillName, event: here }) : t('stock.transferHere', { till: coop.tillName })} />
      <StockHistory items={items} eventName={eventName} />
    </div>
  );
}

function TransferForm({ items, here }: { items: readonly Item[]; here: string }) {
  const { t } = useTranslation();
  const { db, coop, members, cashierId } = useApp();
  const events = useLiveQuery(() => db.events.toArray(), [db]);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { draft, update, tried, markTried, saved } = useDraft<TransferDraft>(
    { direction: 'out', itemKey: '', quantity: '', eventId: '', till: '', memberId: cashierId ?? '', note: '' },
    () => setNotice(null),
  );
  const checked = checkTransfer(draft);
  const errors = tried && !checked.ok ? checked.problems : {};
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  const chosen = items.find((i) => i.key === draft.itemKey);
  const out = draft.direction === 'out';
  // Sending more than this till holds is allowed (its stock may be uncounted) but said, in case of a slip.
  const typed = checked.ok ? checked.value.quantity : undefined;
  const overStock = out && chosen && typed !== undefined && typed > chosen.level ? chosen : undefined;
  // The other market: any but the one this till works in (two tills at the same fair name the till).
  const otherEvents = (events ?? []).filter((e) => !e.archived && e.id !== coop.currentEventId).sort((a, b) => b.startDay.localeCompare(a.startDay));
  const knownTills = coop.otherTills ?? [];

  const save = async () => {
    setNotice(null);
    markTried();
    if (!checked.ok || !chosen) return setNotice({ kind: 'error', text: t('stock.fixTransfer') });
    const { direction, quantity, eventId, till, memberId, note } = checked.value;
    const known = knownTills.find((k) => k.name.trim() === till);
    setBusy(true);
    try {
      await recordTransfer(db, {
        target: chosen.target,
        direction,
        quantity,
        otherEventId: eventId || undefined,
        otherTill: till ? { id: known?.id, name: till } : undefined,
        memberId,
        note,
        eventId: coop.currentEventId,
      });
      const other = [otherEvents.find((e) => e.id === eventId)?.name, till].filter(Boolean).join(' · ');
      const values = { qty: formatQuantity(quantity), unit: unitLabel(t, chosen.unit, quantity), name: chosen.name, other };
      setNotice({ kind: 'ok', text: t(direction === 'out' ? 'stock.sentDone' : 'stock.receivedDone', values) });
      // The market and till stay: several items often go to the same place.
      saved({ itemKey: '', quantity: '', note: '' });
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof StockError ? t(error.key, error.params) : t('catalog.saveError') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="transfer cat-form" data-testid="transfer">
      <h2>
        <span aria-hidden="true">🚚</span> {t('stock.transfer')}
      </h2>
      <p className="field-hint">{t('stock.transferHint')}</p>
      <p className="transfer-here" data-testid="transfer-here">
        <span aria-hidden="true">📍</span> {here}
      </p>
      <Choices
        options={[
          { value: 'out', label: <span>📤 {t('stock.directionOut')}</span> },
          { value: 'in', label: <span>📥 {t('stock.directionIn')}</span> },
        ]}
        value={draft.direction}
        onChange={(direction) => update({ direction })}
        testIdPrefix="transfer-direction"
      />
      <Field label={t('stock.transferWhat')} error={message(errors.itemKey)}>
        {(id) => (
          <select id={id} value={draft.itemKey} onChange={(e) => update({ itemKey: e.target.value })} aria-invalid={errors.itemKey ? true : undefined} data-testid="transfer-item">
            <option value="">{t('stock.chooseItem')}</option>
            {items.map((i) => (
              <option key={i.key} value={i.key}>
                {i.name} ({formatQuantity(i.level)} {unitLabel(t, i.unit, i.level)})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('stock.howMany')}
        error={message(errors.quantity)}
        {...(overStock ? { hint: t('stock.moreThanStock', { qty: formatQuantity(overStock.level), unit: unitLabel(t, overStock.unit, overStock.level) }) } : {})}
      >
        {(id) => (
          <SuffixInput id={id} value={draft.quantity} onChange={(quantity) => update({ quantity })} suffix={chosen ? unitLabel(t, chosen.unit, 2000) : ''} kind="quantity" autoComplete="off" invalid={Boolean(errors.quantity)} testId="transfer-quantity" />
        )}
      </Field>
      <div className="transfer-other" data-testid="transfer-other">
        <GroupField label={t(out ? 'stock.transferWhereOut' : 'stock.transferWhereIn')} hint={t('stock.transferWhereHint')} error={message(errors.eventId)}>
          <Field label={t(out ? 'stock.transferEventOut' : 'stock.transferEventIn')}>
            {(id) => (
              <select id={id} value={draft.eventId} onChange={(e) => update({ eventId: e.target.value })} data-testid="transfer-event">
                <option value="">{t('stock.noEvent')}</option>
                {otherEvents.map((e) => (
                  <option key={e.id} value={e.id}>
                    🎪 {e.name}
                    {e.place ? ` · ${e.place}` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t(out ? 'stock.transferTillOut' : 'stock.transferTillIn')} error={message(errors.till)}>
            {(id) => (
              <>
                <input
                  id={id}
                  value={draft.till}
                  maxLength={80}
                  onChange={(e) => update({ till: e.target.value })}
                  autoComplete="off"
                  aria-invalid={errors.till ? true : undefined}
                  data-testid="transfer-till"
                />
                {knownTills.length > 0 ? (
                  <div className="chips transfer-tills">
                    {knownTills.map((k) => (
                      <button
                        key={k.id}
                        type="button"
                        className={draft.till.trim() === k.name.trim() ? 'chip chip-active' : 'chip'}
                        aria-pressed={draft.till.trim() === k.name.trim()}
                        onClick={() => update({ till: k.name })}
                        data-testid={`transfer-till-pick-${k.name}`}
                      >
                        🧾 {k.name}
                      </button>
                    ))}
                  </div>
                ) : null}
              </>
            )}
          </Field>
        </GroupField>
      </div>
      <GroupField label={t('stock.transferWho')} error={message(errors.memberId)}>
        <MemberPicker members={members.filter((m) => !m.archived)} value={draft.memberId} onPick={(memberId) => update({ memberId })} testIdPrefix="transfer-by" />
      </GroupField>
      <Field label={t('stock.transferNote')} error={message(errors.note)} hint={t('stock.transferNoteHint')}>
        {(id) => <input id={id} value={draft.note} maxLength={220} onChange={(e) => update({ note: e.target.value })} aria-invalid={errors.note ? true : undefined} data-testid="transfer-note" />}
      </Field>
      {notice ? (
        <Banner kind={notice.kind} testId="transfer-notice">
          {notice.text}
        </Banner>
      ) : null}
      <Button variant="primary" size="large" onClick={() => void save()} disabled={busy} testId="transfer-save">
        <span aria-hidden="true">{out ? '📤' : '📥'}</span> {t(out ? 'stock.saveOut' : 'stock.saveIn')}
      </Button>
    </section>
  );
}

/** The latest movements of products and materials, newest first, each with its reason in words and who. */
function StockHistory({ items, eventName }: { items: readonly Item[]; eventName: (id: string) => string | undefined }) {
  const { t } = useTranslation();
  const { db, coop, members } = useApp();
  const movements = useLiveQuery(() => recentMovements(db, HISTORY), [db]);
  const allProducts = useLiveQuery(() => db.products.toArray(), [db]);
  const allMaterials = useLiveQuery(() => db.materials.toArray(), [db]);
  const itemByKey = useMemo(() => new Map(items.map((i) => [i.key, i])), [items]);
  const memberName = useMemo(() => new Map(members.map((m) => [m.id, m.firstName])), [members]);
  // Archived or untracked items are gone from the form's list but keep their history.
  const describe = (key: string): { name: string; unit: Unit | MaterialUnit } | undefined => {
    const item = itemByKey.get(key);
    if (item) return item;
    const [kind, id] = [key.slice(0, 1), key.slice(2)];
    return kind === 'p' ? allProducts?.find((p) => p.id === id) : allMaterials?.find((m) => m.id === id);
  };

  return (
    <section className="stock-history" data-testid="stock-history">
      <h2>
        <span aria-hidden="true">🗂️</span> {t('stock.history')}
      </h2>
      {!movements || movements.length === 0 ? (
        <p className="empty">{t('stock.historyEmpty')}</p>
      ) : (
        <ul className="history-moves">
          {movements.map((m) => {
            const key = m.kind === 'product' ? `p:${m.productId}` : `m:${m.materialId}`;
            const item = describe(key);
            const reason = movementReason(m, eventName);
            const who = m.memberId ? memberName.get(m.memberId) : undefined;
            const sign = m.delta < 0 ? '−' : '+';
            return (
              <li key={`${m.kind}-${m.id}`} className={m.reason === 'transfer' ? 'history-move history-move-transfer' : 'history-move'} data-testid="movement">
                <span className={m.delta < 0 ? 'move-delta move-out' : 'move-delta move-in'} dir="ltr" data-testid="movement-delta">
                  {sign}
                  {formatQuantity(Math.abs(m.delta))} {item ? unitLabel(t, item.unit, m.delta) : ''}
                </span>
                <span className="move-text">
                  <span className="move-item">
                    {itemByKey.get(key)?.picture} {item?.name ?? '?'}
                  </span>
                  <span className="move-reason" data-testid="movement-reason">
                    {t(reason.key, reason.params)}
                    {m.note ? ` — ${m.note}` : ''}
                  </span>
                </span>
                <span className="move-when">
                  <span>{formatDateTime(m.at, coop.timeZone)}</span>
                  {who ? <span>{t('stock.historyBy', { name: who })}</span> : null}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
