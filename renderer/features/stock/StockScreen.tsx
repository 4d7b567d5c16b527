/**
 * The stock tab: what is there (with what runs low first), the end-of-day
 * count, the materials, the production log and transfers between stalls.
 * Levels shown are the cached sums of movements, kept in step by db/stock.ts.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatQuantity } from '../../../shared/format';
import type { MaterialUnit, Unit } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { useDraft } from '../../ui/draft';
import { recordCount, recordLoss, StockError, type CountTarget } from '../../db/stock';
import { Banner, Button, Field, PictureView } from '../../ui/components';
import { unitLabel } from '../../ui/units';
import { MemberPicker } from '../../ui/MemberPicker';
import { SubTabs } from '../../ui/SubTabs';
import { SuffixInput } from '../../ui/SuffixInput';
import { GroupField } from '../catalog/pickers';
import { EventsPanel } from './EventsPanel';
import { MaterialsPanel } from './MaterialsPanel';
import { ProductionPanel } from './ProductionPanel';
import { TransferPanel } from './TransferPanel';
import { checkLoss, typedQuantity, type LossDraft } from './drafts';
import './stock.css';

const SECTIONS = [
  { id: 'levels', icon: '📦' },
  { id: 'production', icon: '🧵' },
  { id: 'materials', icon: '🧺' },
  { id: 'transfer', icon: '🚚' },
  { id: 'events', icon: '🎪' },
] as const;
type Section = (typeof SECTIONS)[number]['id'];

export function StockScreen() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('levels');
  return (
    <div className="cat-screen stock-screen">
      <SubTabs title={t('nav.stock')} sections={SECTIONS} value={section} onChange={setSection} label={(id) => t(`stock.sections.${id}`)} className="stock-sections" testIdPrefix="stock-section" />
      {section === 'levels' ? <LevelsPanel /> : null}
      {section === 'production' ? <ProductionPanel /> : null}
      {section === 'materials' ? <MaterialsPanel /> : null}
      {section === 'transfer' ? <TransferPanel /> : null}
      {section === 'events' ? <EventsPanel /> : null}
    </div>
  );
}

type Row = {
  key: string;
  target: CountTarget;
  name: string;
  unit: Unit | MaterialUnit;
  level: number;
  low: boolean;
  picture: ReactNode;
};

function LevelsPanel() {
  const { t } = useTranslation();
  const { db, coop, members, cashierId } = useApp();
  const products = useLiveQuery(() => db.products.toArray(), [db]);
  const materials = useLiveQuery(() => db.materials.toArray(), [db]);
  const productLevels = useLiveQuery(() => db.stockLevels.toArray(), [db]);
  const materialLevels = useLiveQuery(() => db.materialLevels.toArray(), [db]);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [counter, setCounter] = useState(cashierId ?? '');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const rows = useMemo((): Row[] => {
    const pl = new Map((productLevels ?? []).map((l) => [l.productId, l.quantity]));
    const ml = new Map((materialLevels ?? []).map((l) => [l.materialId, l.quantity]));
    const productRows: Row[] = (products ?? [])
      .filter((p) => p.trackStock && !p.archived)
      .map((p) => {
        const level = pl.get(p.id) ?? 0;
        return {
          key: `p:${p.id}`,
          target: { kind: 'product', id: p.id },
          name: p.name,
          unit: p.unit,
          level,
          low: level <= (p.lowStock ?? 0),
          picture: <PictureView picture={p.picture} color={p.color} size="small" />,
        };
      });
    const materialRows: Row[] = (materials ?? [])
      .filter((m) => !m.archived)
      .map((m) => {
        const level = ml.get(m.id) ?? 0;
        return {
          key: `m:${m.id}`,
          target: { kind: 'material', id: m.id },
          name: m.name,
          unit: m.unit,
          level,
          low: level <= m.lowStock,
          picture: (
            <span className="stock-icon" aria-hidden="true">
              🧺
            </span>
          ),
        };
      });
    const byName = (a: Row, b: Row) => a.name.localeCompare(b.name, 'fr');
    return [...productRows.sort(byName), ...materialRows.sort(byName)];
  }, [products, materials, productLevels, materialLevels]);

  const low = rows.filter((r) => r.low);
  const filled = rows.filter((r) => (counts[r.key] ?? '').trim() !== '');
  const problems = new Map(
    filled.flatMap((r) => {
      const q = typedQuantity(counts[r.key] ?? '');
      if (q.problem) return [[r.key, t(q.problem)]];
      if (!Number.isSafeInteger(q.value)) return [[r.key, t('err.quantity')]];
      if (q.value < 0) return [[r.key, t('err.quantityNegative')]];
      return [];
    }),
  );

  const saveCount = async () => {
    setNotice(null);
    if (!counter) return setNotice({ kind: 'error', text: t('stock.whoCounted') });
    if (filled.length === 0) return setNotice({ kind: 'error', text: t('stock.nothingCounted') });
    // Nothing is recorded while one figure is wrong: a count is all or nothing.
    if (problems.size > 0) return setNotice({ kind: 'error', text: t('stock.fixCounts') });
    setBusy(true);
    try {
      let differences = 0;
      for (const r of filled) {
        const delta = await recordCount(db, { target: r.target, counted: typedQuantity(counts[r.key] ?? '').value, memberId: counter, ...(coop.currentEventId ? { eventId: coop.currentEventId } : {}) });
        if (delta !== 0) differences += 1;
      }
      setCounts({});
      setNotice({ kind: 'ok', text: t('stock.countDone', { count: differences }) });
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof StockError ? t(error.key, error.params) : t('catalog.saveError') });
    } finally {
      setBusy(false);
    }
  };

  if (!products || !materials) return <p className="empty">{t('common.loading')}</p>;

  return (
    <div className="stock-panel">
      <section className="low-stock" data-testid="low-stock">
        <h2>
          <span aria-hidden="true">⚠️</span> {t('stock.lowStock')}
        </h2>
        {low.length === 0 ? (
          <p className="empty">{t('stock.nothingLow')}</p>
        ) : (
          <ul className="chips">
            {low.map((r) => (
              <li key={r.key} className="chip low-chip" data-testid={`low-${r.name}`}>
                {r.picture} {r.name} · {formatQuantity(r.level)} {unitLabel(t, r.unit, r.level)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="count" data-testid="count">
        <h2>
          <span aria-hidden="true">🔢</span> {t('stock.count')}
        </h2>
        <p className="field-hint">{t('stock.countHint')}</p>
        <table className="stock-table">
          <thead>
            <tr>
              <th>{t('stock.item')}</th>
              <th>{t('stock.expected')}</th>
              <th>{t('stock.counted')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const problem = problems.get(r.key);
              return (
                <tr key={r.key} className={r.low ? 'stock-row-low' : undefined} data-testid={`level-${r.name}`}>
                  <td>
                    <span className="stock-name">
                      {r.picture} {r.name}
                    </span>
                  </td>
                  <td className="stock-level" data-testid={`level-qty-${r.name}`}>
                    {formatQuantity(r.level)} {unitLabel(t, r.unit, r.level)}
                  </td>
                  <td>
                    <input
                      className="input-quantity"
                      dir="ltr"
                      value={counts[r.key] ?? ''}
                      onChange={(e) => setCounts((c) => ({ ...c, [r.key]: e.target.value }))}
                      inputMode="decimal"
                      aria-label={t('stock.countedOf', { name: r.name })}
                      aria-invalid={problem ? true : undefined}
                      data-testid={`count-${r.name}`}
                    />
                    {problem ? <p className="field-message">⚠ {problem}</p> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <GroupField label={t('stock.countedBy')}>
          <MemberPicker members={members.filter((m) => !m.archived)} value={counter} onPick={setCounter} testIdPrefix="counted-by" />
        </GroupField>
        {notice ? (
          <Banner kind={notice.kind} testId="count-notice">
            {notice.text}
          </Banner>
        ) : null}
        <Button variant="primary" size="large" onClick={() => void saveCount()} disabled={busy} testId="count-save">
          <span aria-hidden="true">✓</span> {t('stock.saveCount')}
        </Button>
      </section>

      <LossSection rows={rows} />
    </div>
  );
}

/**
 * "Perte / cadeau": something left the stall without being sold. Recorded as
 * a 'loss' movement (minus the quantity) with the reason and who; a wrong
 * figure is refused on its field and nothing is saved.
 */
function LossSection({ rows }: { rows: readonly Row[] }) {
  const { t } = useTranslation();
  const { db, coop, members, cashierId } = useApp();
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { draft, update, tried, markTried, saved } = useDraft<LossDraft>({ itemKey: '', quantity: '', note: '', memberId: cashierId ?? '' }, () => setNotice(null));
  const checked = checkLoss(draft);
  const errors = tried && !checked.ok ? checked.problems : {};
  const chosen = rows.find((r) => r.key === draft.itemKey);

  const save = async () => {
    setNotice(null);
    markTried();
    if (!checked.ok || !chosen) return setNotice({ kind: 'error', text: t('stock.fixLoss') });
    setBusy(true);
    try {
      await recordLoss(db, {
        target: chosen.target,
        quantity: checked.value.quantity,
        note: checked.value.note,
        memberId: checked.value.memberId,
        ...(coop.currentEventId ? { eventId: coop.currentEventId } : {}),
      });
      setNotice({ kind: 'ok', text: t('stock.lossDone', { qty: formatQuantity(checked.value.quantity), unit: unitLabel(t, chosen.unit, checked.value.quantity), name: chosen.name }) });
      saved({ itemKey: '', quantity: '', note: '' });
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof StockError ? t(error.key, error.params) : t('catalog.saveError') });
    } finally {
      setBusy(false);
    }
  };

  const message = (key: string | undefined) => (key ? t(key) : undefined);

  return (
    <section className="loss cat-form" data-testid="loss">
      <h2>
        <span aria-hidden="true">🎁</span> {t('stock.loss')}
      </h2>
      <p className="field-hint">{t('stock.lossHint')}</p>
      <Field label={t('stock.lossWhat')} error={message(errors.itemKey)}>
        {(id) => (
          <select id={id} value={draft.itemKey} onChange={(e) => update({ itemKey: e.target.value })} data-testid="loss-item">
            <option value="">{t('stock.chooseItem')}</option>
            {rows.map((r) => (
              <option key={r.key} value={r.key}>
                {r.name} ({formatQuantity(r.level)} {unitLabel(t, r.unit, r.level)})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('stock.howMany')} error={message(errors.quantity)}>
        {(id) => (
          <SuffixInput id={id} value={draft.quantity} onChange={(quantity) => update({ quantity })} suffix={chosen ? unitLabel(t, chosen.unit, 2000) : ''} kind="quantity" invalid={Boolean(errors.quantity)} testId="loss-quantity" />
        )}
      </Field>
      <Field label={t('stock.lossReason')} error={message(errors.note)} hint={t('stock.lossReasonHint')}>
        {(id) => <input id={id} value={draft.note} maxLength={200} onChange={(e) => update({ note: e.target.value })} aria-invalid={errors.note ? true : undefined} data-testid="loss-note" />}
      </Field>
      <GroupField label={t('stock.who')} error={message(errors.memberId)}>
        <MemberPicker members={members.filter((m) => !m.archived)} value={draft.memberId} onPick={(id) => update({ memberId: id })} testIdPrefix="loss-by" />
      </GroupField>
      {notice ? (
        <Banner kind={notice.kind} testId="loss-notice">
          {notice.text}
        </Banner>
      ) : null}
      <Button variant="primary" size="large" onClick={() => void save()} disabled={busy} testId="loss-save">
        <span aria-hidden="true">✓</span> {t('stock.saveLoss')}
      </Button>
    </section>
  );
}
