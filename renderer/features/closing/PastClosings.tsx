import { useTranslation } from 'react-i18next';
import { periodSummary } from '../../../shared/closing';
import { formatDay, formatMoney, formatMonth } from '../../../shared/format';
import type { Closing } from '../../../shared/schemas';

export function PastClosings({ closings, onOpen }: { closings: readonly Closing[]; onOpen: (id: string) => void }) {
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
