/**
 * Closing the day at the folding table: open the day with the cash fund,
 * record cash put in or taken out, count the notes and coins, see the Z as it
 * will be recorded, close the day (once), print the Z, check the journal,
 * look back at past closings and the month's total.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countTotal, DENOMINATIONS, parseCountQuantity, periodSummary, withCount } from '../../../shared/closing';
import { buildClosingReceipt } from '../../../shared/closing-receipt';
import { formatDateTime, formatDay, formatInteger, formatMoney, formatMonth, formatQuantity } from '../../../shared/format';
import { parseMoney } from '../../../shared/money';
import { PAPER_COLUMNS } from '../../../shared/schemas/printer';
import { cashReasons, type CashCountLine, type CashMovement, type CashReason, type Closing } from '../../../shared/schemas';
import { useApp, useBasketLines } from '../../app-context';
import { tillArchiveZip } from '../../db/archive';
import {
  closablePeriod,
  closeDay,
  closePeriod,
  closingOfDay,
  closingsOfTill,
  dayToClose,
  movementsOfDay,
  openBusinessDay,
  periodClosingsOfTill,
  previewDayClosing,
  recordCashMovement,
  type PeriodKind,
} from '../../db/closings';
import { verifyTill, type TillCheck } from '../../db/anchors';
import { SaleError } from '../../db/sales';
import { browserDownload, saveBytes } from '../../ui/download';
import { OpenFolderButton } from '../../ui/OpenFolderButton';
import { Banner, Button, Dialog, Field } from '../../ui/components';
import { VatTable } from '../../ui/VatTable';
import { DayCharts } from './DayCharts';
import { ForeignBanner, JournalCheckReport } from '../journal/JournalCheck';
import { printReceipt } from '../printing/printing';
import { PrintStatus, ReceiptPreview, SystemPrintButton, usePrintStatus } from '../printing/ReceiptPanel';
import './closing.css';
import { writeBackup, type WriteBackupResult } from '../../db/backup';
import { checkStorage } from '../../db/storage-watch';
import { MethodCards } from '../../ui/MethodCards';
import { unitLabel } from '../../ui/units';

type CountText = Record<number, string>;

export function ClosingScreen() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const [report, setReport] = useState<TillCheck | null>(null);
  const [shownId, setShownId] = useState<string | null>(null);
  const [exported, setExported] = useState<ArchiveOutcome | null>(null);
  const [backup, setBackup] = useState<WriteBackupResult | null>(null);
  const day = useLiveQuery(() => dayToClose(db, coop), [db, coop]);
  const closings = useLiveQuery(() => closingsOfTill(db, coop.tillId), [db, coop.tillId]) ?? [];
  const periods = useLiveQuery(() => periodClosingsOfTill(db, coop.tillId), [db, coop.tillId]) ?? [];
  const shown = closings.find((c) => c.id === shownId) ?? periods.find((c) => c.id === shownId) ?? null;
  const top = useRef<HTMLDivElement>(null);
  const show = (id: string | null) => {
    setShownId(id);
    top.current?.scrollIntoView({ block: 'start' });
  };

  return (
    <div className="closing" ref={top}>
      <div className="toolbar">
        <h1 data-testid="closing-day">{shown ? t('nav.closing') : day ? t('closing.title', { date: formatDay(day) }) : t('common.loading')}</h1>
        <div className="actions">
          <Button variant="primary" onClick={() => void verifyTill(db, coop.tillId).then(setReport)} testId="verify-journal">
            🔒 {t('history.verify')}
          </Button>
          <ArchiveButton onDone={setExported} />
        </div>
      </div>
      {report ? <JournalCheckReport check={report} /> : null}
      <ForeignBanner />
      {exported ? (
        <Banner kind={exported.ok ? 'ok' : 'error'} testId="archive-result">
          {exported.ok ? `✅ ${t('closing.archiveDone', { file: exported.text, count: exported.count })}` : `⚠️ ${t('err.storage')}`}
          {exported.ok ? <OpenFolderButton folder="exports" /> : null}
        </Banner>
      ) : null}
      {backup ? (
        <Banner kind={backup.saved ? 'ok' : 'warning'} testId="closing-backup">
          {backup.saved ? `💾 ${t('closing.backupDone')}` : `⚠️ ${t('closing.backupFailed')}`}
        </Banner>
      ) : null}
      {shown ? (
        <section className="closing-shown">
          <div className="actions">
            <Button onClick={() => show(null)} testId="closing-back">
              <span className="flip-rtl" aria-hidden="true">◀</span> {t('common.back')}
            </Button>
          </div>
          <ZReport closing={shown} />
        </section>
      ) : day ? (
        <OpenDay
          key={day}
          day={day}
          onClosed={(z) => {
            show(z.id);
            // A copy of the day's data leaves IndexedDB at every closing
            // (data-safety issue); the Z is already safe whatever happens here.
            setBackup(null);
            void writeBackup(db, 'closing').then(setBackup);
            // A day's data more: the till warns if the room left is now short.
            void checkStorage();
          }}
        />
      ) : null}
      <PeriodClosings periods={periods} onOpen={show} />
      <PastClosings closings={closings} onOpen={show} />
    </div>
  );
}

type ArchiveOutcome = { ok: boolean; text: string; count: number };

/** Asks for a period (empty = from the first entry / up to the last) and downloads the signed archive (zip: JSON + CSV + README + verify.mjs). */
function ArchiveButton({ onDone }: { onDone: (outcome: ArchiveOutcome) => void }) {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const badPeriod = from !== '' && to !== '' && from > to;
  const run = async () => {
    setBusy(true);
    try {
      const zip = await tillArchiveZip(db, coop, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
      const saved = await saveBytes(zip.fileName, zip.bytes, 'application/zip');
      if (!saved.saved) return;
      onDone({ ok: true, text: zip.fileName, count: zip.entries });
      setOpen(false);
    } catch (error) {
      console.error('archive', error);
      onDone({ ok: false, text: '', count: 0 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} testId="export-archive">
        🗄️ {t('closing.archive')}
      </Button>
      {open ? (
        <Dialog title={`🗄️ ${t('closing.archive')}`} onClose={() => setOpen(false)} testId="archive-dialog">
          <p>{t('closing.archiveHint')}</p>
          <div className="archive-period">
            <Field label={t('closing.archiveFrom')}>{(id) => <input id={id} type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="archive-from" />}</Field>
            <Field label={t('closing.archiveTo')}>{(id) => <input id={id} type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="archive-to" />}</Field>
          </div>
          {badPeriod ? <Banner kind="warning" testId="archive-period-error">{t('closing.err.archivePeriod')}</Banner> : null}
          <div className="actions">
            <Button onClick={() => setOpen(false)}>{t('common.back')}</Button>
            <Button variant="primary" size="large" disabled={busy || badPeriod} onClick={() => void run()} testId="archive-download">
              ⬇️ {t('closing.archiveDownload')}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

function OpenDay({ day, onClosed }: { day: string; onClosed: (z: Closing) => void }) {
  const { t } = useTranslation();
  const { db, coop, members, cashierId, openTill } = useApp();
  const { basketLines } = useBasketLines();
  const movements = useLiveQuery(() => movementsOfDay(db, coop.tillId, day), [db, coop.tillId, day]) ?? [];
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

  const fund = movements.find((m) => m.kind === 'fund');
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
      <section className="closing-card" aria-labelledby="cash-title">
        <h2 id="cash-title">💶 {t('closing.cashTitle')}</h2>
        {past ? <Banner kind="warning" testId="closing-past-day">{t('closing.pastDay', { date: formatDay(day) })}</Banner> : null}
        {fund ? (
          <p className="closing-fund" data-testid="fund-amount">
            {t('closing.fundIs', { amount: formatMoney(fund.amount) })}
          </p>
        ) : past ? null : (
          <MovementForm kind="fund" />
        )}
        {movements.filter((m) => m.kind !== 'fund').length > 0 ? (
          <ul className="list" data-testid="movements">
            {movements
              .filter((m) => m.kind !== 'fund')
              .map((m) => (
                <MovementRow key={m.id} movement={m} />
              ))}
          </ul>
        ) : null}
        {past ? null : <MovementForm kind="move" />}
      </section>

      <section className="closing-card" aria-labelledby="count-title">
        <h2 id="count-title">🧮 {t('closing.countTitle')}</h2>
        <p className="field-hint">{t('closing.countHint')}</p>
        <div className="count-grid">
          {DENOMINATIONS.map((value) => {
            const quantity = parseCountQuantity(countText[value] ?? '');
            return (
              <div key={value} className={quantity === null ? 'count-line count-line-error' : 'count-line'}>
                <label htmlFor={`count-${value}`}>
                  {value >= 500 ? '💶' : '🪙'} <bdi dir="ltr">{formatMoney(value)}</bdi> ×
                </label>
                <input
                  id={`count-${value}`}
                  inputMode="numeric"
                  value={countText[value] ?? ''}
                  onChange={(e) => setCountText({ ...countText, [value]: e.target.value })}
                  data-testid={`count-${value}`}
                  aria-invalid={quantity === null}
                />
                <span className="count-sub">{quantity === null ? `⚠ ${t('closing.countDigits')}` : formatMoney(value * quantity)}</span>
              </div>
            );
          })}
        </div>
        <div className="count-totals">
          <span>
            {t('closing.counted')} <strong data-testid="count-total">{formatMoney(counted)}</strong>
          </span>
          {preview ? (
            <>
              <span>
                {t('closing.expected')} <strong data-testid="cash-expected">{formatMoney(preview.cash.expected)}</strong>
              </span>
              <span className={preview.cash.difference === 0 ? 'diff-ok' : 'diff-off'}>
                {t('closing.difference')} <strong data-testid="cash-difference">{formatMoney(preview.cash.difference)}</strong>
              </span>
            </>
          ) : null}
        </div>
        <Field label={t('closing.countedBy')}>
          {(id) => (
            <WhoSelect id={id} value={countedBy} onChange={setCountedBy} testId="counted-by" />
          )}
        </Field>
      </section>

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

function MovementRow({ movement }: { movement: CashMovement }) {
  const { t } = useTranslation();
  const { coop } = useApp();
  return (
    <li className="list-row movement-row" data-testid="movement">
      <span>{formatDateTime(movement.at, coop.timeZone)}</span>
      <span className="list-row-main">
        {movement.kind === 'in' ? '⬇️' : '⬆️'} {t(`closing.reasons.${movement.reason}`)}
        {movement.note ? ` · ${movement.note}` : ''}
      </span>
      <strong>{formatMoney(movement.kind === 'out' ? -movement.amount : movement.amount)}</strong>
    </li>
  );
}

const MOVE_REASONS = cashReasons.filter((r): r is Exclude<CashReason, 'fund'> => r !== 'fund');

/** The fund form (one amount) or the cash in / cash out form (direction, reason, amount, note). */
function MovementForm({ kind }: { kind: 'fund' | 'move' }) {
  const { t } = useTranslation();
  const { db, coop, cashierId } = useApp();
  // Nothing chosen until tapped: a preselected "Sortie · Droit de place" got
  // recorded by people who only meant to type an amount.
  const [direction, setDirection] = useState<'in' | 'out' | null>(null);
  const [reason, setReason] = useState<Exclude<CashReason, 'fund'> | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const [amountText, setAmountText] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async () => {
    const movement = kind === 'fund' ? { kind: 'fund' as const } : direction !== null && reason !== null ? { kind: direction, reason, note } : null;
    if (movement === null) {
      setChoiceError(t(direction === null ? 'closing.err.direction' : 'closing.err.chooseReason'));
      return;
    }
    setChoiceError(null);
    const amount = parseMoney(amountText);
    if (amount === null || amount <= 0) {
      setError(t('closing.err.amount'));
      return;
    }
    try {
      await recordCashMovement(db, coop, {
        ...movement,
        amount,
        ...(cashierId ? { memberId: cashierId } : {}),
      });
      setError(null);
      setAmountText('');
      setNote('');
      setDirection(null);
      setReason(null);
      setDone(t('closing.recorded', { amount: formatMoney(amount) }));
    } catch (e) {
      setError(e instanceof SaleError ? t(e.key) : t('err.storage'));
    }
  };

  return (
    <form
      className="movement-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {kind === 'move' ? (
        <>
          <div className="segmented" role="group" aria-label={t('closing.direction')}>
            {(['out', 'in'] as const).map((d) => (
              <Button key={d} variant={direction === d ? 'primary' : 'secondary'} pressed={direction === d} onClick={() => setDirection(d)} testId={`move-${d}`}>
                {d === 'in' ? '⬇️' : '⬆️'} {t(`closing.${d}`)}
              </Button>
            ))}
          </div>
          <div className="segmented" role="group" aria-label={t('closing.reason')}>
            {MOVE_REASONS.map((r) => (
              <Button key={r} variant={reason === r ? 'primary' : 'secondary'} pressed={reason === r} onClick={() => setReason(r)} testId={`reason-${r}`}>
                {t(`closing.reasons.${r}`)}
              </Button>
            ))}
          </div>
          {choiceError ? (
            <p className="field-message" role="alert" data-testid="move-choice-error">
              ⚠ {choiceError}
            </p>
          ) : null}
        </>
      ) : null}
      <div className="movement-fields">
        <Field label={kind === 'fund' ? t('closing.fund') : t('closing.amount')} error={error ?? undefined}>
          {(id) => <input id={id} inputMode="decimal" value={amountText} onChange={(e) => {
                setAmountText(e.target.value);
                setDone(null);
              }} data-testid={kind === 'fund' ? 'fund-input' : 'move-amount'} />}
        </Field>
        {kind === 'move' ? (
          <Field label={t('closing.note')}>{(id) => <input id={id} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="move-note" />}</Field>
        ) : null}
        <Button type="submit" variant="success" size="large" testId={kind === 'fund' ? 'fund-open' : 'move-record'}>
          {kind === 'fund' ? `🔓 ${t('closing.openDay')}` : `✔ ${t('closing.record')}`}
        </Button>
      </div>
      {done ? <p className="muted" data-testid="move-done">✅ {done}</p> : null}
    </form>
  );
}

/** The Z's figures, big and readable (also the draft before closing). */
function ZFigures({ closing }: { closing: Closing }) {
  const { t } = useTranslation();
  const z = closing.totals;
  const c = closing.cash;
  return (
    <div className="z-figures" data-testid="z-figures">
      <div className="z-cards">
        <div className="summary-card summary-total">
          <span>{t('closing.total')}</span>
          <strong data-testid="z-total">{formatMoney(z.ttc)}</strong>
          <span className="summary-sub">
            {t('history.tickets', { count: z.tickets })} · {t('history.cancellations', { count: z.cancellations })}
          </span>
        </div>
        <MethodCards byMethod={z.byMethod} testIdPrefix="z-method" />
        <div className="summary-card">
          <span>{t('closing.discounts')}</span>
          <strong>{formatMoney(z.discounts)}</strong>
        </div>
      </div>

      <div className="z-columns">
        <VatTable totals={z} />

        <table className="z-cash" data-testid="z-cash">
          <tbody>
            <tr>
              <td>{t('closing.fund')}</td>
              <td>{formatMoney(c.fund)}</td>
            </tr>
            <tr>
              <td>{t('closing.cashSales')}</td>
              <td>{formatMoney(c.cashSales)}</td>
            </tr>
            {c.cashOrders ? (
              <tr>
                <td>{t('closing.cashOrders')}</td>
                <td data-testid="z-cash-orders">{formatMoney(c.cashOrders)}</td>
              </tr>
            ) : null}
            <tr>
              <td>{t('closing.in')}</td>
              <td>{formatMoney(c.cashIn)}</td>
            </tr>
            <tr>
              <td>{t('closing.out')}</td>
              <td>{formatMoney(c.cashOut === 0 ? 0 : -c.cashOut)}</td>
            </tr>
            <tr className="z-strong">
              <td>{t('closing.expected')}</td>
              <td data-testid="z-expected">{formatMoney(c.expected)}</td>
            </tr>
            <tr className="z-strong">
              <td>{t('closing.counted')}</td>
              <td data-testid="z-counted">{formatMoney(c.counted)}</td>
            </tr>
            <tr className={c.difference === 0 ? 'z-strong diff-ok' : 'z-strong diff-off'}>
              <td>{t('closing.difference')}</td>
              <td data-testid="z-difference">{formatMoney(c.difference)}</td>
            </tr>
          </tbody>
        </table>
      </div>

      {closing.orders && closing.orders.count > 0 ? (
        <div className="z-orders" data-testid="z-orders">
          <h3>📋 {t('closing.ordersTitle')}</h3>
          <p className="muted">
            {t('closing.ordersSummary', { count: closing.orders.count, deposits: formatMoney(closing.orders.deposits), payments: formatMoney(closing.orders.payments) })}
          </p>
          <div className="z-cards">
            <div className="summary-card">
              <span>{t('closing.ordersTotal')}</span>
              <strong data-testid="z-orders-total">{formatMoney(closing.orders.total)}</strong>
            </div>
            <MethodCards byMethod={closing.orders.byMethod} testIdPrefix="z-orders-method" />
          </div>
        </div>
      ) : null}

      <div className="z-columns">
        <div>
          <h3>{t('closing.byCategory')}</h3>
          <ul className="z-list">
            {z.byCategory.map((cat) => (
              <li key={cat.category}>
                <span>{cat.category || t('closing.noCategory')}</span>
                <strong>{formatMoney(cat.ttc)}</strong>
              </li>
            ))}
          </ul>
        </div>
        {/* Month and year closings carry no top 10 (day tops do not add up). */}
        {closing.kind === 'day' ? (
          <div>
            <h3>{t('closing.topProducts')}</h3>
            <ol className="z-list" data-testid="z-top">
              {z.topProducts.map((p) => (
                <li key={p.productId}>
                  <span>
                    {p.name} · {formatQuantity(p.quantity)}
                    {p.unit ? ` ${unitLabel(t, p.unit, p.quantity)}` : ''}
                  </span>
                  <strong>{formatMoney(p.ttc)}</strong>
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>

      <div className="z-cards">
        <div className="summary-card">
          <span>{closing.kind === 'day' ? t('closing.periodTotal') : t('closing.periodTotalOf')}</span>
          <strong data-testid="z-period">{formatMoney(closing.periodTotal)}</strong>
        </div>
        <div className="summary-card">
          <span>{t('closing.grandTotal')}</span>
          <strong data-testid="z-grand">{formatMoney(closing.grandTotal)}</strong>
        </div>
      </div>
    </div>
  );
}

/** A recorded Z: its figures, who counted, the journal hash, printing and the paper preview. */
function ZReport({ closing }: { closing: Closing }) {
  const { t } = useTranslation();
  const { coop } = useApp();
  const { status, run } = usePrintStatus();
  const receipt = buildClosingReceipt(closing, coop);
  const printer = coop.printer;
  const [pdfBusy, setPdfBusy] = useState(false);
  const [pdfFailed, setPdfFailed] = useState(false);
  const savePdf = async () => {
    setPdfBusy(true);
    setPdfFailed(false);
    try {
      // pdfmake is loaded on first use only.
      const { closingPdf, closingPdfFileName } = await import('../../../shared/closing-pdf');
      browserDownload(closingPdfFileName(closing), await closingPdf(closing, coop), 'application/pdf');
    } catch (error) {
      console.error('z pdf', error);
      setPdfFailed(true);
    } finally {
      setPdfBusy(false);
    }
  };
  return (
    <article className="closing-card z-report" data-testid="z-report">
      <h2 data-testid="z-title">
        {closing.kind === 'day'
          ? t('closing.zTitle', { number: formatInteger(closing.number), date: formatDay(closing.businessDay) })
          : t(`closing.${closing.kind}Title`, { number: formatInteger(closing.number), period: periodLabel(closing) })}
      </h2>
      <p className="muted">
        {t('closing.closedAt', { at: formatDateTime(closing.at, coop.timeZone) })} ·{' '}
        {closing.kind === 'day' ? t('closing.countedByName', { name: closing.countedBy }) : t('closing.closedByName', { name: closing.countedBy })}
        {closing.kind !== 'day' ? ` · ${t('closing.zRange', { first: closing.firstZ ?? 0, last: closing.lastZ ?? 0, count: closing.days ?? 0 })}` : ''}
        {closing.lastTicket > 0 ? ` · ${t('closing.ticketRange', { first: closing.firstTicket, last: closing.lastTicket })}` : ''}
      </p>
      <ZFigures closing={closing} />
      <p className="z-hash">
        {t('closing.lastHash')} <code data-testid="z-hash">{closing.lastJournalHash}</code>
      </p>
      <PrintStatus status={status} />
      <div className="print-actions">
        {printer ? (
          <Button variant="primary" size="large" onClick={() => void run(printer, () => printReceipt(printer, receipt, false))} disabled={status.kind === 'printing'} testId="z-print">
            🖨️ {t('closing.print')}
          </Button>
        ) : null}
        <SystemPrintButton />
        <Button size="large" onClick={() => void savePdf()} disabled={pdfBusy} testId="z-pdf">
          📄 {t('closing.pdf')}
        </Button>
      </div>
      {pdfFailed ? <Banner kind="error" testId="z-pdf-error">⚠️ {t('err.storage')}</Banner> : null}
      <ReceiptPreview receipt={receipt} columns={printer?.columns ?? PAPER_COLUMNS[80]} />
    </article>
  );
}

function PastClosings({ closings, onOpen }: { closings: readonly Closing[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  if (closings.length === 0) return null;
  const latest = closings[0];
  const month = latest ? periodSummary(closings, latest.businessDay.slice(0, 7)) : null;
  const year = latest ? periodSummary(closings, latest.businessDay.slice(0, 4)) : null;
  return (
    <section className="closing-card" aria-labelledby="past-title">
      <h2 id="past-title">📚 {t('closing.pastTitle')}</h2>
      {month && year ? (
        <div className="z-cards" data-testid="period-totals">
          <div className="summary-card">
            <span>{t('closing.month', { period: formatMonth(month.period), count: month.days })}</span>
            <strong data-testid="month-total">{formatMoney(month.ttc)}</strong>
          </div>
          <div className="summary-card">
            <span>{t('closing.year', { period: year.period, count: year.days })}</span>
            <strong>{formatMoney(year.ttc)}</strong>
          </div>
        </div>
      ) : null}
      <ul className="list" data-testid="past-closings">
        {closings.map((c) => (
          <li key={c.id}>
            <button type="button" className="list-row sale-row" onClick={() => onOpen(c.id)} data-testid={`closing-${c.number}`}>
              <span className="sale-number">Z {c.number}</span>
              <span className="list-row-main">{formatDay(c.businessDay)}</span>
              <span className={c.cash.difference === 0 ? 'muted' : 'diff-off'}>{formatMoney(c.cash.difference)}</span>
              <strong className="sale-amount">{formatMoney(c.periodTotal)}</strong>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

const periodLabel = (c: Pick<Closing, 'kind' | 'period' | 'businessDay'>) => (c.kind === 'month' ? formatMonth(c.period ?? c.businessDay.slice(0, 7)) : (c.period ?? c.businessDay.slice(0, 4)));

/**
 * Month and year closings: the button to close the oldest month (or year)
 * that is over, and the list of those recorded. A period with a day not yet
 * closed is refused with the reason.
 */
function PeriodClosings({ periods, onOpen }: { periods: readonly Closing[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const month = useLiveQuery(() => closablePeriod(db, coop, 'month'), [db, coop]);
  const year = useLiveQuery(() => closablePeriod(db, coop, 'year'), [db, coop]);
  const [asking, setAsking] = useState<{ kind: PeriodKind; period: string } | null>(null);
  if (periods.length === 0 && !month && !year) return null;
  return (
    <section className="closing-card" aria-labelledby="periods-title">
      <h2 id="periods-title">🗓️ {t('closing.periodsTitle')}</h2>
      <p className="field-hint">{t('closing.periodsHint')}</p>
      <div className="actions period-actions">
        {month ? (
          <Button variant="primary" size="large" onClick={() => setAsking({ kind: 'month', period: month })} testId="close-month">
            🔒 {t('closing.closeMonth', { period: formatMonth(month) })}
          </Button>
        ) : null}
        {year ? (
          <Button variant="primary" size="large" onClick={() => setAsking({ kind: 'year', period: year })} testId="close-year">
            🔒 {t('closing.closeYear', { period: year })}
          </Button>
        ) : null}
      </div>
      {periods.length > 0 ? (
        <ul className="list" data-testid="period-closings">
          {periods.map((c) => (
            <li key={c.id}>
              <button type="button" className="list-row sale-row" onClick={() => onOpen(c.id)} data-testid={`period-${c.kind}-${c.number}`}>
                <span className="sale-number">{t(`closing.${c.kind}Short`, { number: c.number })}</span>
                <span className="list-row-main">{periodLabel(c)}</span>
                <span className="muted">{t('closing.zRange', { first: c.firstZ ?? 0, last: c.lastZ ?? 0, count: c.days ?? 0 })}</span>
                <strong className="sale-amount">{formatMoney(c.periodTotal)}</strong>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {asking ? (
        <ClosePeriodDialog
          {...asking}
          onClose={() => setAsking(null)}
          onClosed={(c) => {
            setAsking(null);
            onOpen(c.id);
          }}
        />
      ) : null}
    </section>
  );
}

function ClosePeriodDialog({ kind, period, onClose, onClosed }: { kind: PeriodKind; period: string; onClose: () => void; onClosed: (c: Closing) => void }) {
  const { t } = useTranslation();
  const { db, coop, members, cashierId } = useApp();
  const [closedBy, setClosedBy] = useState(() => members.find((m) => m.id === cashierId)?.firstName ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = kind === 'month' ? formatMonth(period) : period;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      onClosed(await closePeriod(db, coop, { kind, period, closedBy, ...(cashierId ? { memberId: cashierId } : {}) }));
    } catch (e) {
      setError(e instanceof SaleError ? t(e.key) : t('err.storage'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t(kind === 'month' ? 'closing.closeMonth' : 'closing.closeYear', { period: label })} onClose={onClose} testId="close-period-dialog">
      <p>{t('closing.periodConfirmBody')}</p>
      <Field label={t('closing.closedBy')}>
        {(id) => (
          <WhoSelect id={id} value={closedBy} onChange={setClosedBy} testId="period-closed-by" />
        )}
      </Field>
      {error ? (
        <Banner kind="error" testId="close-period-error">
          ⚠️ {error}
        </Banner>
      ) : null}
      <div className="actions">
        <Button onClick={onClose}>{t('common.back')}</Button>
        <Button variant="danger" size="large" disabled={busy || !closedBy} onClick={() => void confirm()} testId="close-period-confirm">
          🔒 {t('closing.confirm')}
        </Button>
      </div>
    </Dialog>
  );
}

/** Who counted or closed, by first name, among the members still active (value '' until chosen). */
function WhoSelect({ id, value, onChange, testId }: { id: string; value: string; onChange: (firstName: string) => void; testId: string }) {
  const { t } = useTranslation();
  const { members } = useApp();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{t('closing.chooseMember')}</option>
      {members
        .filter((m) => !m.archived)
        .map((m) => (
          <option key={m.id} value={m.firstName}>
            {m.firstName}
          </option>
        ))}
    </select>
  );
}
