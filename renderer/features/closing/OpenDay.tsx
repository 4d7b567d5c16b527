import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countTotal, DENOMINATIONS, parseCountQuantity, withCount } from '../../../shared/closing';
import { formatDay, formatMoney } from '../../../shared/format';
import type { CashCountLine, Closing } from '../../../shared/schemas';
import { useApp, useBasketLines } from '../../app-context';
import { closeDay, closingOfDay, openBusinessDay, previewDayClosing } from '../../db/closings';
import { SaleError } from '../../db/sales';
import { Banner, Button, Dialog } from '../../ui/components';
import { CashCount, type CountText } from './CashCount';
import { CashMovements } from './CashMovements';
import { DayCharts } from './DayCharts';
import { ZFigures } from './ZFigures';

export function OpenDay({ day, onClosed }: { day: string; onClosed: (z: Closing) => void }) {
  const { t } = useTranslation();
  const { db, coop, members, cashierId, openTill } = useApp();
  const { basketLines } = useBasketLines();
  const existing = useLiveQuery(() => closingOfDay(db, coop.tillId, day), [db, coop.tillId, day]);
  // Cash is recorded on the open day only: an earlier day left unclosed is counted and closed as it stands.
  const openDay = useLiveQuery(() => openBusinessDay(db, coop), [db, coop]);
  const past = openDay !== undefined && day < openDay;
  const [countText, setCountText] = useState<CountText>({});
  const [countedBy, setCountedBy] = useState(() => members.find((m) => m.id === cashierId)?.firstName ?? '');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const parsed = DENOMINATIONS.map((value) => ({ value, quantity: parseCountQuantity(countText[value] ?? '') }));
  const invalid = parsed.some((l) => l.quantity === null);
  const count: CashCountLine[] = parsed.map((l) => ({ value: l.value, quantity: l.quantity ?? 0 }));
  const counted = countTotal(count);
  // The day's figures are re-read when its sales or movements change (useLiveQuery watches what it
  // read), never on a keystroke: the count is laid over them here.
  const dayPreview = useLiveQuery(() => previewDayClosing(db, coop, { day, count: [] }), [db, coop, day]);
  const preview = dayPreview ? withCount(dayPreview, count) : undefined;

  if (existing) {
    return (
      <Banner kind="info" testId="closing-exists">
        {t('closing.alreadyClosed', { number: existing.number })}
      </Banner>
    );
  }

  const close = async () => {
    if (basketLines > 0) return;
    setBusy(true);
    setError(null);
    try {
      const z = await closeDay(db, coop, { day, count, countedBy, ...(cashierId ? { memberId: cashierId } : {}) });
      setConfirming(false);
      onClosed(z);
    } catch (e) {
      setConfirming(false);
      setError(e instanceof SaleError ? t(e.key) : t('err.storage'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {basketLines > 0 ? (
        <Banner kind="error" testId="closing-basket">
          <div className="closing-basket">
            <span>🛒 {t('closing.basketNotEmpty')}</span>
            {openTill ? (
              <Button variant="primary" size="large" onClick={openTill} testId="closing-to-till">
                <span className="flip-rtl" aria-hidden="true">◀</span> {t('closing.backToTill')}
              </Button>
            ) : null}
          </div>
        </Banner>
      ) : null}
      <CashMovements day={day} past={past} />

      <CashCount countText={countText} setCountText={setCountText} counted={counted} preview={preview} countedBy={countedBy} setCountedBy={setCountedBy} />


      <DayCharts day={day} />

      {preview ? (
        <section className="closing-card" aria-labelledby="draft-title">
          <h2 id="draft-title">🧾 {t('closing.draftTitle')}</h2>
          <ZFigures closing={preview} />
        </section>
      ) : null}

      {error ? (
        <Banner kind="error" testId="closing-error">
          ⚠️ {error}
        </Banner>
      ) : null}
      {invalid ? <Banner kind="warning">{t('closing.countDigits')}</Banner> : null}
      <div className="actions closing-actions">
        <Button variant="danger" size="huge" disabled={invalid || !countedBy || busy || basketLines > 0} onClick={() => setConfirming(true)} testId="close-day">
          🔒 {t('closing.close')}
        </Button>
      </div>
      {!countedBy ? <p className="field-hint">{t('closing.needCountedBy')}</p> : null}
      {basketLines > 0 ? <p className="field-hint">🛒 {t('closing.basketNotEmpty')}</p> : null}

      {confirming && preview ? (
        <Dialog title={t('closing.confirmTitle', { date: formatDay(day) })} onClose={() => setConfirming(false)} testId="close-confirm-dialog">
          <p>{t('closing.confirmBody')}</p>
          <p className="confirm-figures">
            {t('closing.total')} <strong>{formatMoney(preview.totals.ttc)}</strong> · {t('closing.difference')} <strong>{formatMoney(preview.cash.difference)}</strong>
          </p>
          <div className="actions">
            <Button onClick={() => setConfirming(false)}>{t('common.back')}</Button>
            <Button variant="danger" size="large" disabled={busy} onClick={() => void close()} testId="close-confirm">
              🔒 {t('closing.confirm')}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
