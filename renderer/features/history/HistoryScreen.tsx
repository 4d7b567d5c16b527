/**
 * The day's sales: totals by payment method, each ticket openable, and the
 * two legal actions a seller may take afterwards: cancel a sale (a new,
 * negative record, never an edit) and check the journal's chain.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDay, formatDay, formatMoney, formatQuantity, formatTime } from '../../../shared/format';
import type { Sale } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { verifyTill, type TillCheck } from '../../db/anchors';
import { cancelSale, salesOfDay, SaleError, summarizeDay } from '../../db/sales';
import { openBusinessDay } from '../../db/closings';
import { Banner, Button, Dialog } from '../../ui/components';
import { METHOD_ICONS } from '../../ui/methods';
import { VatTable } from '../../ui/VatTable';
import { ForeignBanner, JournalCheckReport, tillName } from '../journal/JournalCheck';
import { PrintStatus, SaleReceiptPreview, useSalePrinter } from '../printing/ReceiptPanel';
import './history.css';
import { unitLabel } from '../../ui/units';
import { MethodCards } from '../../ui/MethodCards';

/** 'YYYY-MM-DD' shifted by whole days, calendar-exact (no time zone involved). */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function HistoryScreen() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const today = businessDay(new Date().toISOString(), coop.timeZone);
  // After a Z the till sells into the next business day (openDayAfter): the
  // list opens on that day, so a sale paid after the closing is found tonight.
  const loadedOpenDay = useLiveQuery(() => openBusinessDay(db, coop), [db, coop]);
  const openDay = loadedOpenDay ?? today;
  const [picked, setPicked] = useState<string | null>(null);
  const day = picked ?? openDay;
  const setDay = (next: string) => setPicked(next === openDay ? null : next);
  const afterClosing = openDay !== today;
  const [openId, setOpenId] = useState<string | null>(null);
  const [report, setReport] = useState<TillCheck | null>(null);
  const sales = useLiveQuery(() => salesOfDay(db, day), [db, day]) ?? [];
  const cancelledIds = new Set(sales.flatMap((s) => (s.cancelsId ? [s.cancelsId] : [])));
  const summary = summarizeDay(sales);
  const open = sales.find((s) => s.id === openId) ?? null;
  // One storage round trip: showing "today" first and then the day after the Z would flicker.
  if (loadedOpenDay === undefined) return <div className="history" aria-busy="true" />;

  return (
    <div className="history">
      <div className="toolbar">
        <Button onClick={() => setDay(shiftDay(day, -1))} ariaLabel={t('history.previousDay')} testId="day-prev">
          <span className="flip-rtl" aria-hidden="true">◀</span>
        </Button>
        <h1 data-testid="history-day">
          {day === openDay ? t(afterClosing ? 'history.openDay' : 'history.today', { date: formatDay(day) }) : formatDay(day)}
        </h1>
        <Button onClick={() => setDay(shiftDay(day, 1))} disabled={day >= openDay} ariaLabel={t('history.nextDay')} testId="day-next">
          <span className="flip-rtl" aria-hidden="true">▶</span>
        </Button>
        <Button variant="primary" onClick={() => void verifyTill(db, coop.tillId).then(setReport)} testId="verify-journal">
          🔒 {t('history.verify')}
        </Button>
      </div>
      {afterClosing && day >= today ? (
        <Banner kind="info" testId="history-after-closing">
          🔒 {t('history.afterClosing', { date: formatDay(openDay) })}
        </Banner>
      ) : null}
      {report ? <JournalCheckReport check={report} /> : null}
      <ForeignBanner />

      <section className="day-summary" aria-label={t('history.summary')} data-testid="day-summary">
        <div className="summary-card summary-total">
          <span>{t('history.total')}</span>
          <strong data-testid="day-total">{formatMoney(summary.total)}</strong>
          <span className="summary-sub">
            {t('history.tickets', { count: summary.count })}
            {summary.cancellations > 0 ? ` · ${t('history.cancellations', { count: summary.cancellations })}` : ''}
          </span>
        </div>
        <MethodCards byMethod={summary.byMethod} testIdPrefix="day-method" />
      </section>

      {sales.length === 0 ? (
        <p className="empty">{t('history.none')}</p>
      ) : (
        <ul className="list" data-testid="sales-list">
          {sales.map((sale) => (
            <li key={sale.id}>
              <button
                type="button"
                className={['list-row', 'sale-row', sale.type === 'cancellation' ? 'sale-row-cancellation' : '', cancelledIds.has(sale.id) ? 'sale-row-cancelled' : ''].join(' ')}
                onClick={() => setOpenId(sale.id)}
                data-testid={sale.tillId === coop.tillId ? `sale-${sale.ticketNumber}` : `sale-${sale.tillId}-${sale.ticketNumber}`}
              >
                <span className="sale-number">
                  {sale.tillId === coop.tillId ? null : (
                    <span className="tag tag-till" data-testid="sale-till">
                      {tillName(coop, sale.tillId)}
                    </span>
                  )}
                  {t('history.ticketNo', { number: sale.ticketNumber })}
                </span>
                <span className="sale-time">{formatTime(sale.at, coop.timeZone)}</span>
                <span className="list-row-main">
                  {sale.type === 'cancellation'
                    ? t('history.cancellationOf', { number: sales.find((s) => s.id === sale.cancelsId)?.ticketNumber ?? '?' })
                    : sale.lines.map((l) => l.name).join(', ')}
                  {cancelledIds.has(sale.id) ? <span className="tag tag-cancelled">{t('history.cancelled')}</span> : null}
                </span>
                <span className="sale-methods" aria-label={sale.payments.map((p) => t(`methods.${p.method}`)).join(', ')}>
                  {sale.payments.map((p) => METHOD_ICONS[p.method]).join(' ')}
                </span>
                <strong className="sale-amount">{formatMoney(sale.totals.ttc)}</strong>
              </button>
            </li>
          ))}
        </ul>
      )}
      {open ? <SaleDialog sale={open} cancelled={cancelledIds.has(open.id)} onClose={() => setOpenId(null)} /> : null}
    </div>
  );
}

function SaleDialog({ sale, cancelled, onClose }: { sale: Sale; cancelled: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { db, coop, members, cashierId } = useApp();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const seller = members.find((m) => m.id === sale.memberId);

  const confirmCancel = async () => {
    if (!reason.trim()) {
      setError(t('err.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      await cancelSale(db, coop, { saleId: sale.id, reason, ...(cashierId ? { memberId: cashierId } : {}) });
      onClose();
    } catch (e) {
      setError(e instanceof SaleError ? t(e.key) : t('err.storage'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={sale.type === 'cancellation' ? t('history.cancellationTitle', { number: sale.ticketNumber }) : t('history.saleTitle', { number: sale.ticketNumber })}
      onClose={onClose}
      testId="sale-dialog"
      wide
    >
      <p className="sale-meta">
        {formatDay(sale.businessDay)} {formatTime(sale.at, coop.timeZone)}
        {seller ? ` · ${t('history.soldBy', { name: seller.firstName })}` : ''}
        {sale.reason ? ` · ${t('history.reason', { reason: sale.reason })}` : ''}
      </p>
      <table className="sale-table">
        <thead>
          <tr>
            <th>{t('history.item')}</th>
            <th>{t('history.qty')}</th>
            <th>{t('history.unitPrice')}</th>
            <th>{t('history.lineTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {sale.lines.map((l, i) => (
            <tr key={i}>
              <td>
                {l.name}
                {l.discount !== 0 ? <div className="muted">{t('checkout.discountApplied', { amount: formatMoney(l.discount) })}</div> : null}
              </td>
              <td>
                {formatQuantity(l.quantity)} {unitLabel(t, l.unit, l.quantity)}
              </td>
              <td>{formatMoney(l.unitPrice)}</td>
              <td>{formatMoney(l.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <VatTable totals={sale.totals} totalTestId="sale-total" />
      <ul className="sale-payments">
        {sale.payments.map((p, i) => (
          <li key={i}>
            {METHOD_ICONS[p.method]} {t(`methods.${p.method}`)} : <strong>{formatMoney(p.amount)}</strong>
            {p.tendered !== undefined ? ` (${t('checkout.receivedShort', { amount: formatMoney(p.tendered) })}, ${t('checkout.change')} ${formatMoney(p.change ?? 0)})` : ''}
          </li>
        ))}
      </ul>
      <ReprintBox sale={sale} />
      {sale.type === 'sale' && cancelled ? <Banner kind="info">{t('history.alreadyCancelled')}</Banner> : null}
      {sale.type === 'sale' && !cancelled && sale.tillId !== coop.tillId ? (
        <Banner kind="info" testId="sale-other-till">
          {t('history.otherTill', { till: tillName(coop, sale.tillId) })}
        </Banner>
      ) : null}
      {sale.type === 'sale' && !cancelled && sale.tillId === coop.tillId ? (
        cancelling ? (
          <div className="cancel-box">
            <p>{t('history.cancelExplain')}</p>
            <div className={error ? 'field field-error' : 'field'}>
              <label htmlFor="cancel-reason">{t('history.cancelReason')}</label>
              <input id="cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="cancel-reason" autoFocus />
              {error ? <p className="field-message">⚠ {error}</p> : null}
            </div>
            <div className="actions">
              <Button onClick={() => setCancelling(false)}>{t('common.back')}</Button>
              <Button variant="danger" size="large" disabled={busy} onClick={() => void confirmCancel()} testId="cancel-confirm">
                {t('history.cancelConfirm')}
              </Button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <Button variant="danger" onClick={() => setCancelling(true)} testId="cancel-sale">
              ↩ {t('history.cancelSale')}
            </Button>
          </div>
        )
      ) : null}
    </Dialog>
  );
}

/** Reprint a past ticket (marked DUPLICATA), or see it on screen and send it to the system printer. */
function ReprintBox({ sale }: { sale: Sale }) {
  const { t } = useTranslation();
  const { coop } = useApp();
  const [preview, setPreview] = useState(!coop.printer);
  const reprint = useSalePrinter(sale, { reprint: true });
  const print = () => void reprint.print({ openDrawer: false });
  return (
    <section className="reprint-box" aria-label={t('printing.receipt')}>
      {/* No extra "Réimprimer" in the message: the reprint button is right under it. */}
      <PrintStatus status={reprint.status} printedKey="printing.reprinted" />
      <div className="print-actions">
        {coop.printer ? (
          <Button variant="primary" size="large" onClick={print} disabled={reprint.status.kind === 'printing'} testId="reprint">
            🧾 {t('printing.reprintDuplicate')}
          </Button>
        ) : null}
        <Button onClick={() => setPreview((v) => !v)} testId="show-receipt">
          👁 {preview ? t('printing.hidePreview') : t('printing.showPreview')}
        </Button>
      </div>
      {preview ? <SaleReceiptPreview sale={sale} reprint /> : null}
    </section>
  );
}
