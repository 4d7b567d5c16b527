/**
 * One order's page: where it stands (status buttons in the order the work
 * goes, with who and when), what it holds, what is paid and what remains,
 * who made how much, and its papers (quote, invoice, credit note,
 * production sheet).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDay, formatDateTime, formatDay, formatMoney, formatQuantity, formatRate } from '../../../shared/format';
import { isLate, isOrderLocked, NEXT_STATUSES } from '../../../shared/orders';
import type { OrderStatus } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { orderView, OrderError, setOrderStatus, type OrderView } from '../../db/orders';
import { nowIso } from '../../db/db';
import { Banner, Button } from '../../ui/components';
import { MemberAvatar } from '../../ui/MemberAvatar';
import { unitLabel } from '../../ui/units';
import { customerLabel } from './drafts';
import { DocumentsSection } from './DocumentsSection';
import { PaymentsSection } from './PaymentsSection';
import { ProductionSection } from './ProductionSection';
import { ReasonDialog } from './ReasonDialog';
import { LateBadge, StatusPill, STATUS_ICONS } from './status';

export function OrderDetail({ orderId, onBack, onEdit }: { orderId: string; onBack: () => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const { db, coop, cashierId } = useApp();
  // null: the order is gone (a backup restored from before it): say so, with the way back.
  const view = useLiveQuery(async () => ((await db.orders.get(orderId)) ? orderView(db, orderId) : null), [db, orderId]);
  const [who, setWho] = useState<string | undefined>(cashierId);
  if (view === undefined) return <p>{t('common.loading')}</p>;
  if (view === null) {
    return (
      <div className="orders-empty" data-testid="order-missing">
        <p>{t('orders.err.orderNotFound')}</p>
        <Button onClick={onBack}>
          <span className="flip-rtl" aria-hidden="true">←</span> {t('orders.board')}
        </Button>
      </div>
    );
  }
  const { order, customer } = view;
  const today = businessDay(nowIso(), coop.timeZone);
  const late = isLate(order, today);
  const locked = isOrderLocked(order, view.invoices);

  return (
    <article className="order-detail" data-testid="order-detail">
      <div className="toolbar">
        <Button variant="ghost" onClick={onBack} testId="order-back">
          <span className="flip-rtl" aria-hidden="true">←</span> {t('orders.board')}
        </Button>
        <h1 data-testid="order-number">{order.number}</h1>
        {late ? <LateBadge testId="order-late" /> : null}
        <StatusPill status={order.status} testId="order-status" />
        {!locked ? (
          <Button onClick={onEdit} testId="order-edit">
            ✏️ {t('orders.editOrder')}
          </Button>
        ) : null}
      </div>
      <div className="order-facts">
        <Fact icon="👤" label={t('orders.customer')} testId="order-customer-name">
          {customer ? customerLabel(customer) : '—'}
          {customer?.phone ? <small className="muted"> · {customer.phone}</small> : null}
        </Fact>
        <Fact icon="📅" label={t('orders.dueDay')} testId="order-due">
          {formatDay(order.dueDay)}
          {order.dueTime ? ` · ${order.dueTime}` : ''}
        </Fact>
        <Fact icon="🚚" label={t('orders.delivery')}>
          {order.delivery.kind === 'stall' ? t('orders.deliveryStall') : order.delivery.place}
        </Fact>
        {order.customerRef ? (
          <Fact icon="🧾" label={t('orders.customerRef')}>
            {order.customerRef}
          </Fact>
        ) : null}
      </div>
      {order.notes ? <p className="order-notes">🗒️ {order.notes}</p> : null}

      <div className="order-detail-columns">
        <div className="order-detail-main">
          <LinesSection view={view} />
          <ProductionSection view={view} />
          <PaymentsSection view={view} who={who} />
        </div>
        <div className="order-detail-side">
          <StatusSection view={view} who={who} onWho={setWho} />
          <DocumentsSection view={view} who={who} />
        </div>
      </div>
    </article>
  );
}

function Fact({ icon, label, children, testId }: { icon: string; label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="order-fact">
      <span className="order-fact-label">
        <span aria-hidden="true">{icon}</span> {label}
      </span>
      <span className="order-fact-value" data-testid={testId}>
        {children}
      </span>
    </div>
  );
}

export function Section({ icon, title, children, testId }: { icon: string; title: string; children: ReactNode; testId: string }) {
  return (
    <section className="order-section" data-testid={testId}>
      <h2>
        <span aria-hidden="true">{icon}</span> {title}
      </h2>
      {children}
    </section>
  );
}

function LinesSection({ view }: { view: OrderView }) {
  const { t } = useTranslation();
  const { order, totals } = view;
  const totalOf = new Map(totals.lines.map((l) => [l.key, l.total]));
  return (
    <Section icon="🧺" title={t('orders.lines')} testId="order-lines">
      <table className="order-table">
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.key}>
              <td>{l.name}</td>
              <td className="num">
                {formatQuantity(l.quantity)} {unitLabel(t, l.unit, l.quantity)}
              </td>
              <td className="num muted">
                × {formatMoney(l.unitPrice)} · {formatRate(l.vatRate)}
              </td>
              <td className="num">{formatMoney(totalOf.get(l.key) ?? 0)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {totals.byRate.map((r) => (
            <tr key={r.rate} className="muted">
              <td colSpan={3}>{t('orders.vatLine', { rate: formatRate(r.rate), ht: formatMoney(r.ht) })}</td>
              <td className="num">{formatMoney(r.vat)}</td>
            </tr>
          ))}
          <tr className="order-table-total">
            <td colSpan={3}>{t('orders.total')}</td>
            <td className="num" data-testid="order-total">
              {formatMoney(totals.ttc)}
            </td>
          </tr>
        </tfoot>
      </table>
    </Section>
  );
}

/** Who is doing it: the faces of the group (the till's member first chosen). */
export function WhoPicker({ who, onWho, testIdPrefix }: { who: string | undefined; onWho: (id: string) => void; testIdPrefix: string }) {
  const { members } = useApp();
  return (
    <div className="chips who-chips">
      {members
        .filter((m) => !m.archived)
        .map((m) => {
          const on = who === m.id;
          return (
            <button
              key={m.id}
              type="button"
              className={on ? 'chip maker-chip chip-active' : 'chip maker-chip'}
              style={on ? { backgroundColor: m.color, borderColor: m.color } : { borderColor: m.color }}
              aria-pressed={on}
              onClick={() => onWho(m.id)}
              data-testid={`${testIdPrefix}-${m.firstName}`}
            >
              <MemberAvatar name={m.firstName} color={m.color} photo={m.photo} size="small" />
              {m.firstName}
            </button>
          );
        })}
    </div>
  );
}

const STATUS_VARIANT: Partial<Record<OrderStatus, 'primary' | 'success' | 'danger'>> = { cancelled: 'danger', paid: 'success', delivered: 'success' };

function StatusSection({ view, who, onWho }: { view: OrderView; who: string | undefined; onWho: (id: string) => void }) {
  const { t } = useTranslation();
  const { db, members } = useApp();
  const { order } = view;
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const next = NEXT_STATUSES[order.status];
  const memberName = (id: string | undefined) => members.find((m) => m.id === id)?.firstName;

  const move = async (to: OrderStatus, reason?: string) => {
    setProblem(null);
    try {
      await setOrderStatus(db, order.id, to, { ...(who ? { memberId: who } : {}), ...(reason ? { reason } : {}) });
      setCancelling(false);
    } catch (error) {
      console.error(error);
      setProblem(error instanceof OrderError ? t(error.key, error.params) : t('orders.saveError'));
    }
  };

  return (
    <Section icon="🚦" title={t('orders.statusTitle')} testId="order-status-section">
      {next.length > 0 ? (
        <>
          <p className="order-who-label">{t('orders.who')}</p>
          <WhoPicker who={who} onWho={onWho} testIdPrefix="status-who" />
          <div className="status-buttons">
            {next.map((to) => {
              const blocked = to === 'paid' && view.remaining > 0;
              return (
                <Button
                  key={to}
                  variant={STATUS_VARIANT[to] ?? 'primary'}
                  size="large"
                  disabled={blocked}
                  onClick={() => (to === 'cancelled' ? setCancelling(true) : void move(to))}
                  testId={`status-to-${to}`}
                  className={`status-button status-button-${to}`}
                >
                  <span aria-hidden="true">{STATUS_ICONS[to]}</span> {t(`orders.moveTo.${to}`)}
                </Button>
              );
            })}
          </div>
          {next.includes('paid') && view.remaining > 0 ? <p className="field-hint">{t('orders.paidNeedsBalance', { amount: formatMoney(view.remaining) })}</p> : null}
        </>
      ) : (
        <p className="muted">{order.status === 'cancelled' ? t('orders.cancelledBecause', { reason: order.cancelReason ?? '' }) : t('orders.finished')}</p>
      )}
      {problem ? (
        <Banner kind="error" testId="status-error">
          {problem}
        </Banner>
      ) : null}
      <ol className="status-history" data-testid="status-history">
        {[...view.statusChanges]
          .sort((a, b) => b.at.localeCompare(a.at))
          .map((c) => (
            <li key={c.id}>
              <StatusPill status={c.to} />
              <span className="muted">
                {formatDateTime(c.at)}
                {memberName(c.memberId) ? ` · ${memberName(c.memberId) ?? ''}` : ''}
                {c.reason ? ` · « ${c.reason} »` : ''}
              </span>
            </li>
          ))}
      </ol>
      {cancelling ? <CancelDialog onClose={() => setCancelling(false)} onConfirm={(reason) => void move('cancelled', reason)} /> : null}
    </Section>
  );
}

function CancelDialog({ onClose, onConfirm }: { onClose: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useTranslation();
  return (
    <ReasonDialog
      title={t('orders.cancelTitle')}
      label={t('orders.cancelReason')}
      confirm={<>✖️ {t('orders.cancelConfirm')}</>}
      testIdPrefix="cancel"
      onClose={onClose}
      onConfirm={onConfirm}
    />
  );
}
