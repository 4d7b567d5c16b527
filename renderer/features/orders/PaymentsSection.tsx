/**
 * Money for an order: "Payé / Reste à payer" in big figures, the payments so
 * far, and a form for a deposit (as a % of the order or an amount) or a
 * later payment, with its method and day.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDay, formatAmount, formatDay, formatMoney, formatRate } from '../../../shared/format';
import { parseMoney, parsePercent } from '../../../shared/money';
import { depositAmount } from '../../../shared/orders';
import { paymentMethods, type PaymentMethod } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { nowIso } from '../../db/db';
import { OrderError, recordOrderPayment, type OrderView } from '../../db/orders';
import { Banner, Button, Field } from '../../ui/components';
import { METHOD_ICONS } from '../../ui/methods';
import { Choices, GroupField } from '../catalog/pickers';
import { Section } from './OrderDetail';

type Mode = 'percent' | 'amount';

export function PaymentsSection({ view, who }: { view: OrderView; who: string | undefined }) {
  const { t } = useTranslation();
  const { members } = useApp();
  const { order, totals } = view;
  const [open, setOpen] = useState(false);
  const cancelled = order.status === 'cancelled';
  const memberName = (id: string | undefined) => members.find((m) => m.id === id)?.firstName;

  return (
    <Section icon="💶" title={t('orders.payments')} testId="order-payments">
      <div className="order-money">
        <div className="summary-card">
          <span>{t('orders.totalTtc')}</span>
          <strong>{formatMoney(totals.ttc)}</strong>
        </div>
        <div className="summary-card money-paid">
          <span>✅ {t('orders.paid')}</span>
          <strong data-testid="order-paid">{formatMoney(view.paid)}</strong>
        </div>
        <div className={view.remaining > 0 ? 'summary-card money-remaining' : 'summary-card money-remaining money-none'}>
          <span>⏳ {t('orders.remaining')}</span>
          <strong data-testid="order-remaining">{formatMoney(view.remaining)}</strong>
        </div>
      </div>
      {view.payments.length > 0 ? (
        <ul className="order-payment-list" data-testid="order-payment-list">
          {[...view.payments]
            .sort((a, b) => a.at.localeCompare(b.at))
            .map((p) => (
              <li key={p.id} data-testid={`payment-${p.kind}`}>
                <span aria-hidden="true">{METHOD_ICONS[p.method]}</span>
                <span className="order-payment-what">
                  {t(`orders.paymentKind.${p.kind}`)} · {t(`methods.${p.method}`)}
                  <small className="muted">
                    {' '}
                    · {formatDay(p.day)}
                    {memberName(p.memberId) ? ` · ${memberName(p.memberId) ?? ''}` : ''}
                  </small>
                </span>
                <strong>{formatMoney(p.amount)}</strong>
              </li>
            ))}
        </ul>
      ) : null}
      {!cancelled && view.remaining > 0 ? (
        open ? (
          <PaymentForm view={view} who={who} onDone={() => setOpen(false)} />
        ) : (
          <div className="actions order-actions-start">
            <Button variant="primary" size="large" onClick={() => setOpen(true)} testId="payment-open">
              ➕ {view.payments.length === 0 ? t('orders.addDeposit') : t('orders.addPayment')}
            </Button>
          </div>
        )
      ) : null}
    </Section>
  );
}

function PaymentForm({ view, who, onDone }: { view: OrderView; who: string | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const first = view.payments.length === 0;
  const [kind, setKind] = useState<'deposit' | 'payment'>(first ? 'deposit' : 'payment');
  const [mode, setMode] = useState<Mode>(first ? 'percent' : 'amount');
  const [percent, setPercent] = useState('30');
  const [amount, setAmount] = useState(() => formatAmount(view.remaining));
  const [method, setMethod] = useState<PaymentMethod | null>(null);
  const [day, setDay] = useState(() => businessDay(nowIso(), coop.timeZone));
  const [tried, setTried] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const bp = parsePercent(percent);
  const cents = mode === 'percent' ? (bp !== null && bp <= 10000 ? depositAmount(view.totals.ttc, { kind: 'percent', value: bp }) : null) : parseMoney(amount.trim());
  const errors: Record<string, string> = {};
  if (mode === 'percent' && (bp === null || bp > 10000 || bp === 0)) errors.amount = t(bp !== null && bp > 10000 ? 'err.percentMax' : 'orders.errPercent');
  else if (cents === null) errors.amount = t('err.amount');
  else if (cents <= 0) errors.amount = t('err.amountZero');
  else if (cents > view.remaining) errors.amount = t('orders.errTooMuch', { amount: formatMoney(view.remaining) });
  if (!method) errors.method = t('err.noPayment');
  if (!day) errors.day = t('err.date');
  const shown = tried ? errors : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(errors).length > 0 || cents === null || !method || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await recordOrderPayment(db, coop, { orderId: view.order.id, kind, method, amount: cents, day, ...(who ? { memberId: who } : {}) });
      onDone();
    } catch (error) {
      console.error(error);
      setProblem(error instanceof OrderError ? t(error.key, error.params) : t('orders.saveError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="order-subform" onSubmit={(e) => void submit(e)} noValidate data-testid="payment-form">
      <GroupField label={t('orders.paymentWhat')}>
        <Choices
          options={[
            { value: 'deposit', label: <>🤝 {t('orders.paymentKind.deposit')}</> },
            { value: 'payment', label: <>💶 {t('orders.paymentKind.payment')}</> },
          ]}
          value={kind}
          onChange={(k) => {
            setKind(k);
            if (k === 'payment') {
              setMode('amount');
              setAmount(formatAmount(view.remaining));
            }
          }}
          testIdPrefix="payment-kind"
          compact
        />
      </GroupField>
      <GroupField label={t('orders.howMuch')} error={shown.amount}>
        <Choices
          options={[
            { value: 'percent', label: <>% {t('orders.asPercent')}</> },
            { value: 'amount', label: <>€ {t('orders.asAmount')}</> },
          ]}
          value={mode}
          onChange={setMode}
          testIdPrefix="payment-mode"
          compact
        />
        <div className="payment-amount-row">
          {mode === 'percent' ? (
            <div className="input-with-suffix">
              <input className="input-quantity" dir="ltr" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} aria-label={t('orders.asPercent')} data-testid="payment-percent" />
              <span className="input-suffix">%</span>
            </div>
          ) : (
            <div className="input-with-suffix">
              <input className="input-quantity" dir="ltr" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-label={t('orders.asAmount')} data-testid="payment-amount" />
              <span className="input-suffix">€</span>
            </div>
          )}
          {mode === 'percent' && cents !== null && bp !== null ? (
            <strong className="payment-computed" data-testid="payment-computed">
              = {formatMoney(cents)} <small className="muted">({t('orders.percentOf', { rate: formatRate(bp), total: formatMoney(view.totals.ttc) })})</small>
            </strong>
          ) : null}
        </div>
      </GroupField>
      <GroupField label={t('orders.method')} error={shown.method}>
        <div className="method-choices">
          {paymentMethods.map((m) => (
            <button key={m} type="button" className={method === m ? 'chip method-chip chip-active' : 'chip method-chip'} aria-pressed={method === m} onClick={() => setMethod(m)} data-testid={`payment-method-${m}`}>
              <span aria-hidden="true">{METHOD_ICONS[m]}</span> {t(`methods.${m}`)}
            </button>
          ))}
        </div>
      </GroupField>
      <Field label={t('orders.paymentDay')} error={shown.day}>
        {(id) => <input id={id} type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="payment-day" />}
      </Field>
      {problem ? (
        <Banner kind="error" testId="payment-error">
          {problem}
        </Banner>
      ) : null}
      <div className="actions">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button variant="primary" size="large" type="submit" disabled={busy} testId="payment-save">
          ✓ {cents !== null && cents > 0 ? t('orders.recordAmount', { amount: formatMoney(cents) }) : t('common.save')}
        </Button>
      </div>
    </form>
  );
}
