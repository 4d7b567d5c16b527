/** An order's status as a coloured pill with its picture, the same everywhere. */
import { useTranslation } from 'react-i18next';
import type { OrderStatus } from '../../../shared/schemas';

export const STATUS_ICONS: Record<OrderStatus, string> = {
  quote: '📝',
  confirmed: '🤝',
  inProduction: '🧵',
  ready: '📦',
  delivered: '🚚',
  paid: '✅',
  cancelled: '✖️',
};

export function StatusPill({ status, testId }: { status: OrderStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`status-pill status-${status}`} data-testid={testId} data-status={status}>
      <span aria-hidden="true">{STATUS_ICONS[status]}</span> {t(`orders.status.${status}`)}
    </span>
  );
}

export function LateBadge({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="late-badge" data-testid={testId}>
      <span aria-hidden="true">⏰</span> {t('orders.late')}
    </span>
  );
}

/** A bar with its words: "38 / 60 m". */
export function ProgressBar({ done, total, label, testId }: { done: number; total: number; label: string; testId?: string }) {
  const ratio = total > 0 ? Math.max(0, Math.min(1, done / total)) : 0;
  return (
    <div className={ratio >= 1 ? 'progress progress-full' : 'progress'} data-testid={testId}>
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label={label}>
        <div className="progress-fill" style={{ inlineSize: `${Math.round(ratio * 100)}%` }} />
      </div>
      <span className="progress-label">{label}</span>
    </div>
  );
}
