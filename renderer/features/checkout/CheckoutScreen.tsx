import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { priceCart, type CartLine } from '../../../shared/cart';
import { formatAmount, formatMoney, formatPercentNumber, formatTime } from '../../../shared/format';
import { parseMoney, parsePercent, type Discount } from '../../../shared/money';
import { opensDrawer } from '../../../shared/receipt';
import { fractionalUnits, type PaymentMethod, type Product, type Sale } from '../../../shared/schemas';
import { useApp, useBasketLines } from '../../app-context';
import { newId } from '../../db/db';
import { currentEvent } from '../../db/events';
import { recordSale, SaleError, type PaymentInput } from '../../db/sales';
import { Banner, Button, Dialog, MemberBadge } from '../../ui/components';
import { METHOD_ICONS } from '../../ui/methods';
import { kickDrawer } from '../printing/printing';
import { PrintStatus, SaleReceiptPreview, usePrintStatus, useSalePrinter } from '../printing/ReceiptPanel';
import { useBasketMemory, type StartNotice } from './basket-memory';
import { CartLines } from './CartLines';
import { cartReducer, emptyCart } from './cart-state';
import { PaymentDialog } from './PaymentDialog';
import { ProductGrid } from './ProductGrid';
import { QuantityDialog } from './QuantityDialog';
import { StorageWarning } from './StorageWarning';
import './checkout.css';
import { FundPrompt } from '../closing/FundPrompt';

type QuantityTarget = { kind: 'new'; product: Product } | { kind: 'line'; line: CartLine };

export function CheckoutScreen() {
  const { t } = useTranslation();
  const { db, coop, members, cashierId, setCashierId } = useApp();
  const { setBasketLines } = useBasketLines();
  const [cart, dispatch] = useReducer(cartReducer, emptyCart);
  const notices = useBasketMemory(db, coop.tillId, cart, dispatch);
  // The closing screen refuses to close the day while the basket holds lines.
  useEffect(() => setBasketLines(cart.lines.length), [cart.lines.length, setBasketLines]);
  const [quantityFor, setQuantityFor] = useState<QuantityTarget | null>(null);
  const [paying, setPaying] = useState<PaymentMethod | 'split' | null>(null);
  const [discountOpen, setDiscountOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Sale | null>(null);
  const priced = priceCart(cart);
  const empty = cart.lines.length === 0;

  // Stable callbacks: the product grid and its tiles are memoised and must
  // not re-render when a tap changes the basket (2 000 tiles on a big catalogue).
  const pick = useCallback((product: Product) => {
    setError(null);
    // Sold by the metre or kilo: ask how much straight away.
    if (fractionalUnits.includes(product.unit)) setQuantityFor({ kind: 'new', product });
    else dispatch({ type: 'add', product, quantity: 1000, key: newId() });
  }, []);
  const canPayCash = useRef(false);
  canPayCash.current = !empty && !busy;
  const payCashFromKeyboard = useCallback(() => {
    if (canPayCash.current) setPaying('cash');
  }, []);

  const pay = async (payments: PaymentInput[]) => {
    setBusy(true);
    setError(null);
    try {
      const sale = await recordSale(db, coop, { cart, payments, ...(cashierId ? { memberId: cashierId } : {}) });
      dispatch({ type: 'clear' });
      setPaying(null);
      setDone(sale);
    } catch (e) {
      // The cart stays on screen: nothing typed is lost, the user can retry.
      setPaying(null);
      setError(e instanceof SaleError ? t(e.key, e.params) : t('err.storage'));
      console.error(e);
    } finally {
      setBusy(false);
    }
  };

  const activeMembers = members.filter((m) => !m.archived);

  return (
    <div className="checkout">
      <ProductGrid onPick={pick} onEnterWithoutSearch={payCashFromKeyboard} />
      <aside className="cart" aria-label={t('checkout.cart')}>
        <div className="cashier">
          <label htmlFor="cashier">{t('checkout.atTill')}</label>
          <div className="cashier-row">
            {cashierId ? <MemberBadge name={members.find((m) => m.id === cashierId)?.firstName ?? '?'} color={members.find((m) => m.id === cashierId)?.color ?? '#888888'} /> : null}
            <select id="cashier" value={cashierId ?? ''} onChange={(e) => setCashierId(e.target.value || undefined)} data-testid="cashier">
              <option value="">—</option>
              {activeMembers.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.firstName}
                </option>
              ))}
            </select>
          </div>
        </div>
        <CurrentEventBadge />
        {error ? (
          <Banner kind="error" testId="checkout-error">
            {error}
          </Banner>
        ) : null}
        <StartNotices notices={notices} />
        <StorageWarning />
        {empty ? (
          <p className="cart-empty" data-testid="cart-empty">
            <span aria-hidden="true">🛒</span>
            {t('checkout.emptyHint')}
          </p>
        ) : (
          <CartLines lines={cart.lines} priced={priced} onOpen={(line) => setQuantityFor({ kind: 'line', line })} />
        )}
        <div className="cart-footer">
          {priced.discount !== 0 ? (
            <div className="cart-subtotal">
              <span>{t('checkout.discountTotal')}</span>
              <span>− {formatMoney(priced.discount)}</span>
            </div>
          ) : null}
          <div className="cart-total">
            <span>{t('checkout.total')}</span>
            <strong data-testid="cart-total">{formatMoney(priced.totals.ttc)}</strong>
          </div>
          <div className="cart-tools">
            <Button onClick={() => setDiscountOpen(true)} disabled={empty} testId="cart-discount">
              🏷️ {t('checkout.discount')}
            </Button>
            <Button variant="ghost" onClick={() => dispatch({ type: 'clear' })} disabled={empty} testId="cart-clear">
              🗑 {t('checkout.clear')}
            </Button>
          </div>
          <div className="pay-buttons">
            {(['cash', 'card'] as const).map((m) => (
              <Button key={m} variant="success" size="huge" disabled={empty || busy} onClick={() => setPaying(m)} testId={`pay-${m}`} keyShortcuts={m === 'cash' ? 'Enter' : undefined}>
                <span aria-hidden="true">{METHOD_ICONS[m]}</span> {t(`methods.${m}`)}
              </Button>
            ))}
          </div>
          <div className="pay-buttons pay-buttons-small">
            {(['cheque', 'transfer', 'other'] as const).map((m) => (
              <Button key={m} disabled={empty || busy} onClick={() => setPaying(m)} testId={`pay-${m}`}>
                <span aria-hidden="true">{METHOD_ICONS[m]}</span> {t(`methods.${m}`)}
              </Button>
            ))}
            <Button disabled={empty || busy} onClick={() => setPaying('split')} testId="pay-split">
              ➗ {t('checkout.split')}
            </Button>
          </div>
        </div>
      </aside>

      {quantityFor ? (
        <QuantityDialog
          title={quantityFor.kind === 'new' ? quantityFor.product.name : quantityFor.line.name}
          unit={quantityFor.kind === 'new' ? quantityFor.product.unit : quantityFor.line.unit}
          unitPrice={quantityFor.kind === 'new' ? quantityFor.product.price : quantityFor.line.unitPrice}
          initial={quantityFor.kind === 'new' ? 1000 : quantityFor.line.quantity}
          discount={quantityFor.kind === 'line' ? quantityFor.line.discount : undefined}
          onClose={() => setQuantityFor(null)}
          {...(quantityFor.kind === 'line'
            ? {
                onRemove: () => {
                  dispatch({ type: 'remove', key: quantityFor.line.key });
                  setQuantityFor(null);
                },
              }
            : {})}
          onConfirm={(quantity, discount) => {
            if (quantityFor.kind === 'new') {
              const key = newId();
              dispatch({ type: 'add', product: quantityFor.product, quantity, key });
              if (discount) dispatch({ type: 'set-line-discount', key, discount });
            } else {
              dispatch({ type: 'set-quantity', key: quantityFor.line.key, quantity });
              dispatch({ type: 'set-line-discount', key: quantityFor.line.key, discount });
            }
            setQuantityFor(null);
          }}
        />
      ) : null}
      {discountOpen ? (
        <TicketDiscountDialog
          current={cart.discount}
          reason={cart.discountReason ?? ''}
          onClose={() => setDiscountOpen(false)}
          onApply={(discount, reason) => {
            dispatch({ type: 'set-discount', discount, reason });
            setDiscountOpen(false);
          }}
        />
      ) : null}
      {paying ? <PaymentDialog total={priced.totals.ttc} method={paying} busy={busy} onPay={(p) => void pay(p)} onClose={() => setPaying(null)} /> : null}
      {done ? <SaleDone sale={done} onNext={() => setDone(null)} /> : null}
    </div>
  );
}

function TicketDiscountDialog({
  current,
  reason: initialReason,
  onApply,
  onClose,
}: {
  current: Discount | undefined;
  reason: string;
  onApply: (discount: Discount | undefined, reason: string | undefined) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Discount['kind']>(current?.kind ?? 'percent');
  const [text, setText] = useState(current ? (current.kind === 'amount' ? formatAmount(current.value) : formatPercentNumber(current.value)) : '');
  const [reason, setReason] = useState(initialReason);
  const [submitted, setSubmitted] = useState(false);
  const value = kind === 'amount' ? parseMoney(text) : parsePercent(text);
  const valueError = value === null || value <= 0 ? t(kind === 'amount' ? 'err.amount' : 'err.invalid') : kind === 'percent' && value > 10000 ? t('err.percentMax') : null;
  const reasonError = reason.trim() === '' ? t('err.reasonRequired') : null;

  return (
    <Dialog title={t('checkout.discountTitle')} onClose={onClose} testId="discount-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (!valueError && !reasonError && value !== null) onApply({ kind, value }, reason.trim());
        }}
      >
        <div className="chips">
          {QUICK_PERCENTS.map((p) => (
            <button key={p} type="button" className="chip" onClick={() => { setKind('percent'); setText(formatPercentNumber(p)); }}>
              −{formatPercentNumber(p)} %
            </button>
          ))}
        </div>
        <div className="discount-row">
          <div className="chips">
            <button type="button" className={kind === 'percent' ? 'chip chip-active' : 'chip'} onClick={() => setKind('percent')}>
              %
            </button>
            <button type="button" className={kind === 'amount' ? 'chip chip-active' : 'chip'} onClick={() => setKind('amount')}>
              €
            </button>
          </div>
          <input inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} aria-label={t('checkout.discount')} data-testid="discount-value" />
        </div>
        {submitted && valueError ? <p className="field-message">⚠ {valueError}</p> : null}
        <div className={submitted && reasonError ? 'field field-error' : 'field'}>
          <label htmlFor="discount-reason">{t('checkout.discountReason')}</label>
          <input id="discount-reason" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="discount-reason" placeholder={t('checkout.discountReasonHint')} />
          {submitted && reasonError ? <p className="field-message">⚠ {reasonError}</p> : null}
        </div>
        <div className="actions">
          {current ? (
            <Button variant="danger" onClick={() => onApply(undefined, undefined)}>
              {t('checkout.removeDiscount')}
            </Button>
          ) : null}
          <Button variant="primary" size="large" type="submit" testId="discount-apply">
            ✓ {t('checkout.applyDiscount')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

const QUICK_PERCENTS = [500, 1000, 2000];

function SaleDone({ sale, onNext }: { sale: Sale; onNext: () => void }) {
  const { t } = useTranslation();
  const { coop } = useApp();
  const printer = coop.printer;
  const change = sale.payments.reduce((a, p) => a + (p.change ?? 0), 0);
  const cash = sale.payments.some((p) => p.method === 'cash');
  const drawer = printer !== undefined && printer.drawerOnCash && opensDrawer(sale);
  const receipt = useSalePrinter(sale);
  const drawerStatus = usePrintStatus();
  // With no printer, "always" and "Ticket ?" show the receipt on screen instead.
  const [preview, setPreview] = useState(coop.receiptMode === 'always' && !printer);
  const started = useRef(false);

  useEffect(() => {
    // Once per sale (StrictMode runs effects twice in development). The sale is
    // already committed: whatever the printer does, it cannot touch it.
    if (started.current) return;
    started.current = true;
    if (coop.receiptMode === 'always' && printer) void receipt.print({ openDrawer: drawer });
    // The drawer is about the cash, not the receipt: it opens in every mode.
    else if (drawer) void drawerStatus.run(printer, () => kickDrawer(printer), 'drawer');
  }, [coop.receiptMode, printer, drawer, receipt, drawerStatus]);

  const ticket = () => {
    if (printer) void receipt.print({ openDrawer: false });
    else setPreview(true);
  };

  // Enter goes on to the next sale (the keyboard's way out), unless a button is focused: then it presses that button.
  const next = useRef(onNext);
  next.current = onNext;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.defaultPrevented || e.target instanceof HTMLButtonElement || e.target instanceof HTMLInputElement) return;
      e.preventDefault();
      next.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Dialog title={t('checkout.doneTitle', { number: sale.ticketNumber })} onClose={onNext} testId="sale-done" wide={preview}>
      <div className="done">
        <p className="done-saved">✅ {t('checkout.saved', { amount: formatMoney(sale.totals.ttc) })}</p>
        {cash ? (
          <div className="done-change">
            <span>{t('checkout.giveBack')}</span>
            <strong data-testid="done-change">{formatMoney(change)}</strong>
          </div>
        ) : null}
        <ul className="done-payments">
          {sale.payments.map((p, i) => (
            <li key={i}>
              {METHOD_ICONS[p.method]} {t(`methods.${p.method}`)} <bdi dir="ltr">{formatMoney(p.amount)}</bdi>
              {p.tendered !== undefined ? ` — ${t('checkout.receivedShort', { amount: formatMoney(p.tendered) })}` : ''}
            </li>
          ))}
        </ul>
        {cash ? <FundPrompt /> : null}
        {drawerStatus.status.kind === 'failed' ? <PrintStatus status={drawerStatus.status} /> : null}
        <PrintStatus status={receipt.status} onRetry={() => void receipt.print({ openDrawer: false })} />
        <div className="print-actions">
          {coop.receiptMode === 'ask' ? (
            <Button size="huge" onClick={ticket} disabled={receipt.status.kind === 'printing'} testId="print-ticket">
              🧾 {t('printing.ticketQuestion')}
            </Button>
          ) : null}
          <Button variant="primary" size="huge" onClick={onNext} testId="next-sale">
            {t('checkout.nextSale')}{' '}
            <span className="flip-rtl" aria-hidden="true">
              ➜
            </span>
          </Button>
        </div>
        <Button variant="ghost" onClick={() => setPreview((v) => !v)} testId="show-receipt">
          👁 {preview ? t('printing.hidePreview') : t('printing.showPreview')}
        </Button>
        {preview ? <SaleReceiptPreview sale={sale} /> : null}
      </div>
    </Dialog>
  );
}

/** After a reload or a crash, for a few seconds: the last sale (it was recorded) and the basket kept. */
function StartNotices({ notices }: { notices: StartNotice[] }) {
  const { t } = useTranslation();
  const { coop } = useApp();
  if (notices.length === 0) return null;
  return (
    <div className="start-notices" data-testid="start-notices">
      {notices.map((n) =>
        n.kind === 'last-sale' ? (
          <Banner key="sale" kind="info" testId="last-sale-notice">
            🧾{' '}
            {t('checkout.lastSale', {
              number: n.sale.ticketNumber,
              time: formatTime(n.sale.at, coop.timeZone),
              amount: formatMoney(n.sale.totals.ttc),
              methods: [...new Set(n.sale.payments.map((p) => t(`methods.${p.method}`).toLocaleLowerCase()))].join(', '),
            })}
          </Banner>
        ) : (
          <Banner key="basket" kind="info" testId="basket-kept-notice">
            🛒 {t('checkout.basketKept', { count: n.lines })}
          </Banner>
        ),
      )}
    </div>
  );
}

/** The market or fair the till works in (sales are tagged with it); nothing when none. */
function CurrentEventBadge() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const eventId = coop.currentEventId;
  const event = useLiveQuery(() => currentEvent(db, { currentEventId: eventId }), [db, eventId]);
  if (!event) return null;
  const label = event.place ? `${event.name} · ${event.place}` : event.name;
  return (
    <p className="current-event" title={t('checkout.currentEvent', { name: label })} aria-label={t('checkout.currentEvent', { name: label })} data-testid="current-event">
      <span aria-hidden="true">🎪</span> <span className="current-event-name">{label}</span>
    </p>
  );
}
