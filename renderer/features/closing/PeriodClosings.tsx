import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatMonth } from '../../../shared/format';
import type { Closing } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { closablePeriod, closePeriod, type PeriodKind } from '../../db/closings';
import { SaleError } from '../../db/sales';
import { Banner, Button, Dialog, Field } from '../../ui/components';
import { WhoSelect } from './WhoSelect';
import { periodLabel } from './ZReport';

/**
 * Month and year closings: the button to close the oldest month (or year)
 * that is over, and the list of those recorded. A period with a day not yet
 * closed is refused with the reason.
 */
export function PeriodClosings({ periods, onOpen }: { periods: readonly Closing[]; onOpen: (id: string) => void }) {
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
