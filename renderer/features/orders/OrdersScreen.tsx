/**
 * Commandes: the board of upcoming orders (soonest first, late ones in red),
 * the order form and one order's page. Which of the three shows is this
 * screen's state; the data is live, so a payment taken on the detail page
 * shows on the board at once.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDay, formatDay, formatMoney, formatQuantity } from '../../../shared/format';
import { isLate, lineProgress, orderTotals, paymentState } from '../../../shared/orders';
import { orderStatuses, type Contribution, type Customer, type Order, type OrderPayment, type OrderStatus } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { nowIso } from '../../db/db';
import { Button } from '../../ui/components';
import { unitLabel } from '../../ui/units';
import { customerLabel } from './drafts';
import { OrderDetail } from './OrderDetail';
import { OrderFormScreen } from './OrderForm';
import { LateBadge, ProgressBar, StatusPill, STATUS_ICONS } from './status';
import './orders.css';

type View = { kind: 'board' } | { kind: 'new' } | { kind: 'edit'; orderId: string } | { kind: 'detail'; orderId: string };

export function OrdersScreen() {
  const [view, setView] = useState<View>({ kind: 'board' });
  switch (view.kind) {
    case 'board':
      return <OrdersBoard onNew={() => setView({ kind: 'new' })} onOpen={(orderId) => setView({ kind: 'detail', orderId })} />;
    case 'new':
      return <OrderFormScreen onDone={(orderId) => setView(orderId ? { kind: 'detail', orderId } : { kind: 'board' })} />;
    case 'edit':
      return <OrderFormScreen orderId={view.orderId} onDone={() => setView({ kind: 'detail', orderId: view.orderId })} />;
    case 'detail':
      return <OrderDetail orderId={view.orderId} onBack={() => setView({ kind: 'board' })} onEdit={() => setView({ kind: 'edit', orderId: view.orderId })} />;
  }
}

/** Orders still to do first; finished ones (paid, cancelled) only when asked for. */
type StatusFilter = 'open' | 'all' | OrderStatus;

const OPEN: readonly OrderStatus[] = ['quote', 'confirmed', 'inProduction', 'ready', 'delivered'];

export type BoardRow = {
  order: Order;
  customer: Customer | undefined;
  ttc: number;
  remaining: number;
  ordered: number;
  produced: number;
  /** The first line's words for the bar: "38 / 60 m". */
  unitText: string;
  late: boolean;
};

function OrdersBoard({ onNew, onOpen }: { onNew: () => void; onOpen: (orderId: string) => void }) {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const orders = useLiveQuery(() => db.orders.toArray(), [db]);
  const customers = useLiveQuery(() => db.customers.toArray(), [db]);
  const payments = useLiveQuery(() => db.orderPayments.toArray(), [db]);
  const contributions = useLiveQuery(() => db.contributions.toArray(), [db]);
  const [status, setStatus] = useState<StatusFilter>('open');
  const [customerId, setCustomerId] = useState('');
  const today = businessDay(nowIso(), coop.timeZone);

  const rows = useMemo<BoardRow[]>(() => {
    if (!orders || !customers || !payments || !contributions) return [];
    const customerById = new Map(customers.map((c) => [c.id, c]));
    const paymentsOf = groupBy(payments, (p: OrderPayment) => p.orderId);
    const contributionsOf = groupBy(contributions, (c: Contribution) => c.orderId);
    return orders
      .map((order) => {
        const totals = orderTotals(order.lines);
        const paid = paymentState(totals.ttc, paymentsOf.get(order.id) ?? []);
        const progress = lineProgress(order, contributionsOf.get(order.id) ?? []);
        const first = progress[0];
        return {
          order,
          customer: customerById.get(order.customerId),
          ttc: totals.ttc,
          remaining: paid.remaining,
          ordered: progress.reduce((a, p) => a + p.ordered, 0),
          produced: progress.reduce((a, p) => a + Math.min(p.produced, p.ordered), 0),
          unitText: first && progress.length === 1 ? unitLabel(t, first.unit, first.ordered) : '',
          late: isLate(order, today),
        };
      })
      .sort((a, b) => a.order.dueDay.localeCompare(b.order.dueDay) || (a.order.dueTime || '99').localeCompare(b.order.dueTime || '99') || a.order.number.localeCompare(b.order.number));
  }, [orders, customers, payments, contributions, today, t]);

  const shown = rows.filter(
    (r) => (status === 'all' ? true : status === 'open' ? OPEN.includes(r.order.status) : r.order.status === status) && (!customerId || r.order.customerId === customerId),
  );
  const lateCount = rows.filter((r) => r.late).length;
  const usedCustomers = useMemo(() => {
    const ids = new Set(rows.map((r) => r.order.customerId));
    return (customers ?? []).filter((c) => ids.has(c.id)).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }, [rows, customers]);

  return (
    <section className="orders-screen" data-testid="orders-screen">
      <div className="toolbar">
        <h1>
          <span aria-hidden="true">📋</span> {t('orders.title')}
        </h1>
        <Button variant="primary" size="large" onClick={onNew} testId="order-new">
          <span aria-hidden="true">➕</span> {t('orders.new')}
        </Button>
      </div>
      {lateCount > 0 ? (
        <p className="orders-late-summary" data-testid="orders-late-count">
          <span aria-hidden="true">⏰</span> {t('orders.lateCount', { count: lateCount })}
        </p>
      ) : null}
      <div className="orders-filters">
        <div className="chips" role="group" aria-label={t('orders.filterStatus')}>
          {(['open', 'all', ...orderStatuses] as const).map((s) => (
            <button key={s} type="button" className={status === s ? 'chip chip-active' : 'chip'} aria-pressed={status === s} onClick={() => setStatus(s)} data-testid={`orders-filter-${s}`}>
              {s === 'open' ? `⏳ ${t('orders.filterOpen')}` : s === 'all' ? t('common.all') : `${STATUS_ICONS[s]} ${t(`orders.status.${s}`)}`}
            </button>
          ))}
        </div>
        {usedCustomers.length > 0 ? (
          <label className="orders-customer-filter">
            <span aria-hidden="true">👤</span>
            <span className="vh">{t('orders.filterCustomer')}</span>
            <select value={customerId} onChange={(e) => setCustomerId(e.target.value)} data-testid="orders-filter-customer" aria-label={t('orders.filterCustomer')}>
              <option value="">{t('orders.allCustomers')}</option>
              {usedCustomers.map((c) => (
                <option key={c.id} value={c.id}>
                  {customerLabel(c)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {orders === undefined ? <p>{t('common.loading')}</p> : null}
      {orders !== undefined && shown.length === 0 ? (
        <div className="orders-empty" data-testid="orders-empty">
          <p>{rows.length === 0 ? t('orders.noOrders') : t('orders.noMatch')}</p>
        </div>
      ) : null}
      <ul className="orders-board" data-testid="orders-board">
        {shown.map((row) => (
          <li key={row.order.id}>
            <OrderCard row={row} onOpen={() => onOpen(row.order.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function OrderCard({ row, onOpen }: { row: BoardRow; onOpen: () => void }) {
  const { t } = useTranslation();
  const { order } = row;
  const finished = order.status === 'paid' || order.status === 'cancelled';
  const remainingToMake = Math.max(0, row.ordered - row.produced);
  return (
    <button type="button" className={['order-card', row.late ? 'order-card-late' : '', finished ? 'order-card-done' : ''].filter(Boolean).join(' ')} onClick={onOpen} data-testid={`order-card-${order.number}`}>
      <span className="order-card-head">
        <span className="order-card-due" data-testid={`order-due-${order.number}`}>
          <span aria-hidden="true">📅</span> {formatDay(order.dueDay)}
          {order.dueTime ? ` · ${order.dueTime}` : ''}
        </span>
        {row.late ? <LateBadge testId={`order-late-${order.number}`} /> : null}
        <StatusPill status={order.status} testId={`order-status-${order.number}`} />
      </span>
      <span className="order-card-customer">{row.customer ? customerLabel(row.customer) : '—'}</span>
      <span className="order-card-what">
        <span className="order-card-number">{order.number}</span> · {order.lines.map((l) => l.name).join(', ')}
      </span>
      {order.status !== 'cancelled' ? (
        <span className="order-card-figures">
          <ProgressBar
            done={row.produced}
            total={row.ordered}
            testId={`order-progress-${order.number}`}
            label={
              row.unitText
                ? t('orders.madeOf', { done: formatQuantity(row.produced), total: formatQuantity(row.ordered), unit: row.unitText })
                : remainingToMake === 0
                  ? t('orders.allMade')
                  : t('orders.percentMade', { percent: row.ordered > 0 ? Math.floor((row.produced * 100) / row.ordered) : 0 })
            }
          />
          <span className={row.remaining > 0 ? 'order-card-due-money' : 'order-card-due-money order-card-paid'} data-testid={`order-remaining-${order.number}`}>
            {row.remaining > 0 ? (
              <>
                <span aria-hidden="true">💶</span> {t('orders.toPay', { amount: formatMoney(row.remaining) })}
              </>
            ) : (
              <>
                <span aria-hidden="true">✅</span> {t('orders.fullyPaid')}
              </>
            )}
          </span>
        </span>
      ) : (
        <span className="order-card-cancel">{order.cancelReason}</span>
      )}
    </button>
  );
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
