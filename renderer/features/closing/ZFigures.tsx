import { useTranslation } from 'react-i18next';
import { formatMoney, formatQuantity } from '../../../shared/format';
import type { Closing } from '../../../shared/schemas';
import { MethodCards } from '../../ui/MethodCards';
import { unitLabel } from '../../ui/units';
import { VatTable } from '../../ui/VatTable';

/** The Z's figures, big and readable (also the draft before closing). */
export function ZFigures({ closing }: { closing: Closing }) {
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
