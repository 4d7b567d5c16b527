/** The icon shown before each payment method's name, on every screen that names one. */
import type { PaymentMethod } from '../../shared/schemas';

export const METHOD_ICONS: Record<PaymentMethod, string> = {
  cash: '💶',
  card: '💳',
  cheque: '📝',
  transfer: '🏦',
  other: '🤝',
};
