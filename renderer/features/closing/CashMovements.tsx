import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay, formatMoney } from '../../../shared/format';
import { parseMoney } from '../../../shared/money';
import { cashReasons, type CashMovement, type CashReason } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { movementsOfDay, recordCashMovement } from '../../db/closings';
import { SaleError } from '../../db/sales';
import { Banner, Button, Field } from '../../ui/components';

/** `past`: an earlier day left unclosed takes no cash any more, so its forms are not offered. */
export function CashMovements({ day, past }: { day: string; past: boolean }) {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const movements = useLiveQuery(() => movementsOfDay(db, coop.tillId, day), [db, coop.tillId, day]) ?? [];
  const fund = movements.find((m) => m.kind === 'fund');
  return (
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
