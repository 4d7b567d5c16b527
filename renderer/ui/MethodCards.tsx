import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../shared/format';
import { paymentMethods, type PaymentMethod } from '../../shared/schemas';
import { METHOD_ICONS } from './methods';

/** One card per payment method with its total: cash and card always, the others when used. */
export function MethodCards({ byMethod, testIdPrefix }: { byMethod: Record<PaymentMethod, number>; testIdPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      {paymentMethods
        .filter((m) => byMethod[m] !== 0 || m === 'cash' || m === 'card')
        .map((m) => (
          <div key={m} className="summary-card" data-testid={`${testIdPrefix}-${m}`}>
            <span>
              {METHOD_ICONS[m]} {t(`methods.${m}`)}
            </span>
            <strong>{formatMoney(byMethod[m])}</strong>
          </div>
        ))}
    </>
  );
}
