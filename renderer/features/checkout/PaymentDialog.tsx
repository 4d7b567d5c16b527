/**
 * Taking the money. Cash shows the change in large figures as soon as the
 * amount received is known; the usual notes are one tap. Card, cheque and
 * transfer are only recorded: the card terminal is a separate device.
 * A split payment adds methods one after another until nothing is left due.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount, formatMoney } from '../../../shared/format';
import { cashReceivedTooHigh, maxCashReceived } from '../../../shared/cash';
import { parseMoney } from '../../../shared/money';
import type { PaymentMethod } from '../../../shared/schemas';
import type { PaymentInput } from '../../db/sales';
import { Button, Dialog, Keypad } from '../../ui/components';
import { METHOD_ICONS } from '../../ui/methods';

const NOTES = [500, 1000, 2000, 5000, 10000];

/** Notes worth offering as "received" buttons: those that cover what is due, plus the next round amounts. */
export function quickAmounts(due: number): number[] {
  const covering = NOTES.filter((n) => n >= due);
  const roundUp = Math.ceil(due / 500) * 500;
  const set = new Set([...(roundUp > due && roundUp < (covering[0] ?? Infinity) ? [roundUp] : []), ...covering.slice(0, 3)]);
  return [...set].sort((a, b) => a - b);
}

/** Cash part of a payment: what is due, what was handed over → the payment to record (none for what no customer hands over). */
export function cashPayment(due: number, received: number): PaymentInput | null {
  if (received <= 0 || cashReceivedTooHigh(due, received)) return null;
  if (received >= due) return { method: 'cash', amount: due, tendered: received };
  // Less than due is a partial cash payment (split); no change.
  return { method: 'cash', amount: received, tendered: received };
}

type Props = {
  total: number;
  method: PaymentMethod | 'split';
  busy: boolean;
  onPay: (payments: PaymentInput[]) => void;
  onClose: () => void;
};

export function PaymentDialog({ total, method, busy, onPay, onClose }: Props) {
  const { t } = useTranslation();
  if (method === 'split') return <SplitPayment total={total} busy={busy} onPay={onPay} onClose={onClose} />;
  return (
    <Dialog title={`${METHOD_ICONS[method]} ${t(`methods.${method}`)}`} onClose={onClose} testId="payment-dialog">
      <DueLine label={t('checkout.toPay')} cents={total} />
      {method === 'cash' ? (
        <CashEntry due={total} busy={busy} onConfirm={(p) => onPay([p])} requireFull />
      ) : (
        <>
          <p className="payment-instruction">{t(`checkout.instruction.${method}`, { amount: formatMoney(total) })}</p>
          <div className="actions">
            <Button variant="success" size="huge" disabled={busy} onClick={() => onPay([{ method, amount: total }])} testId="pay-confirm">
              ✓ {t('checkout.confirmPaid')}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}

function DueLine({ label, cents }: { label: string; cents: number }) {
  return (
    <div className="due">
      <span>{label}</span>
      <strong className="due-amount" data-testid="due-amount">
        {formatMoney(cents)}
      </strong>
    </div>
  );
}

function CashEntry({
  due,
  busy,
  onConfirm,
  requireFull,
}: {
  due: number;
  busy: boolean;
  onConfirm: (payment: PaymentInput) => void;
  requireFull: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  // Which quick button set the amount; typing makes it none, so only what was chosen looks chosen.
  const [chosen, setChosen] = useState<'exact' | number | null>(null);
  const received = text === '' ? null : parseMoney(text);
  const tooHigh = received !== null && cashReceivedTooHigh(due, received);
  const change = received !== null && received >= due && !tooHigh ? received - due : null;
  const payment = received !== null ? cashPayment(due, received) : null;
  const canConfirm = payment !== null && (!requireFull || received !== null && received >= due) && !busy;
  const choose = (value: 'exact' | number) => {
    setChosen(value);
    setText(formatAmount(value === 'exact' ? due : value));
  };
  const type = (next: string) => {
    setChosen(null);
    setText(next);
  };
  // Enter: the exact amount when nothing is typed yet, then Payé.
  const enter = () => {
    if (text === '') choose('exact');
    else if (canConfirm && payment) onConfirm(payment);
  };
  // Before anything is chosen, the exact amount is the suggested one; after, only the chosen button is.
  const exactLooksChosen = chosen === 'exact' || (chosen === null && text === '');

  return (
    <div className="cash-entry">
      <div className="quick-amounts">
        <Button variant={exactLooksChosen ? 'primary' : 'secondary'} size="large" pressed={chosen === 'exact'} onClick={() => choose('exact')} testId="cash-exact">
          {t('checkout.exact')}
        </Button>
        {quickAmounts(due).map((n) => (
          <Button key={n} variant={chosen === n ? 'primary' : 'secondary'} size="large" pressed={chosen === n} onClick={() => choose(n)} testId={`cash-note-${n / 100}`}>
            {formatMoney(n)}
          </Button>
        ))}
      </div>
      <div className="cash-columns">
        <div>
          <div className="received">
            <span>{t('checkout.received')}</span>
            <strong data-testid="cash-received">{text === '' ? '—' : `${text} €`}</strong>
          </div>
          {tooHigh ? (
            <p className="field-message cash-too-high" role="alert" data-testid="cash-too-high">
              ⚠ {t('checkout.receivedTooHigh', { max: formatMoney(maxCashReceived(due)) })}
            </p>
          ) : null}
          {/* After a quick amount, the first key starts a new amount, as on a calculator. */}
          <Keypad value={chosen === null ? text : ''} onChange={type} decimals={2} testId="cash-keypad" onEnter={enter} />
        </div>
        <div className="cash-side">
          <div className="change-box" aria-live="polite">
            {change !== null ? (
              <>
                <span className="change-label">{t('checkout.change')}</span>
                <strong className="change-amount" data-testid="change-amount">
                  {formatMoney(change)}
                </strong>
              </>
            ) : tooHigh ? (
              <span className="change-hint">{t('checkout.typeReceived')}</span>
            ) : received !== null && requireFull ? (
              <span className="change-missing" data-testid="cash-missing">
                {t('checkout.missing', { amount: formatMoney(due - received) })}
              </span>
            ) : text !== '' && received === null ? (
              <span className="change-missing">{t('err.amount')}</span>
            ) : (
              <span className="change-hint">{t('checkout.typeReceived')}</span>
            )}
          </div>
          <Button variant="success" size="huge" disabled={!canConfirm} onClick={() => payment && onConfirm(payment)} testId="pay-confirm">
            ✓ {t('checkout.confirmPaid')}
          </Button>
        </div>
      </div>
    </div>
  );
}

function SplitPayment({ total, busy, onPay, onClose }: Omit<Props, 'method'>) {
  const { t } = useTranslation();
  const [payments, setPayments] = useState<PaymentInput[]>([]);
  const [method, setMethod] = useState<PaymentMethod | null>(null);
  const [amountText, setAmountText] = useState('');
  const paid = payments.reduce((a, p) => a + p.amount, 0);
  const left = total - paid;
  const amount = parseMoney(amountText);

  const add = (payment: PaymentInput) => {
    const next = [...payments, payment];
    setPayments(next);
    setMethod(null);
    setAmountText('');
    if (next.reduce((a, p) => a + p.amount, 0) === total) onPay(next);
  };

  return (
    <Dialog title={t('checkout.split')} onClose={onClose} testId="split-dialog" wide>
      <DueLine label={t('checkout.left')} cents={left} />
      {payments.length > 0 ? (
        <ul className="list split-list">
          {payments.map((p, i) => (
            <li key={i} className="list-row">
              <span aria-hidden="true">{METHOD_ICONS[p.method]}</span>
              <span className="list-row-main">{t(`methods.${p.method}`)}</span>
              <strong>{formatMoney(p.amount)}</strong>
              <Button variant="ghost" ariaLabel={t('common.delete')} onClick={() => setPayments(payments.filter((_, j) => j !== i))}>
                ✕
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {method === null ? (
        <div className="method-grid">
          {(['cash', 'card', 'cheque', 'transfer', 'other'] as const).map((m) => (
            <Button key={m} size="large" onClick={() => { setMethod(m); setAmountText(m === 'cash' ? '' : formatAmount(left)); }} disabled={left <= 0 || busy} testId={`split-${m}`}>
              <span aria-hidden="true">{METHOD_ICONS[m]}</span> {t(`methods.${m}`)}
            </Button>
          ))}
        </div>
      ) : method === 'cash' ? (
        <>
          <h3>
            {METHOD_ICONS.cash} {t('methods.cash')}
          </h3>
          <CashEntry due={left} busy={busy} onConfirm={add} requireFull={false} />
        </>
      ) : (
        <div className="split-amount">
          <h3>
            {METHOD_ICONS[method]} {t(`methods.${method}`)}
          </h3>
          <div className="received">
            <span>{t('checkout.amount')}</span>
            <strong data-testid="split-amount">{amountText === '' ? '—' : `${amountText} €`}</strong>
          </div>
          <Keypad value={amountText} onChange={setAmountText} decimals={2} testId="split-keypad" onEnter={() => amount !== null && amount > 0 && amount <= left && add({ method, amount })} />
          {amount !== null && amount > left ? <p className="field-message">⚠ {t('checkout.tooMuch', { amount: formatMoney(left) })}</p> : null}
          <div className="actions">
            <Button onClick={() => setMethod(null)}>{t('common.back')}</Button>
            <Button variant="primary" size="large" disabled={amount === null || amount <= 0 || amount > left} onClick={() => amount !== null && add({ method, amount })} testId="split-add">
              ✓ {t('common.add')}
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
