import { useTranslation } from 'react-i18next';
import { formatMoney, formatRate } from '../../shared/format';

type Amounts = { ht: number; vat: number; ttc: number };

/** Excluding VAT, VAT and including VAT per rate, with the totals underneath (a sale, a Z). */
export function VatTable({ totals, totalTestId }: { totals: Amounts & { byRate: readonly (Amounts & { rate: number })[] }; totalTestId?: string }) {
  const { t } = useTranslation();
  return (
    <table className="vat-table">
      <thead>
        <tr>
          <th>{t('history.vatRate')}</th>
          <th>{t('history.ht')}</th>
          <th>{t('history.vat')}</th>
          <th>{t('history.ttc')}</th>
        </tr>
      </thead>
      <tbody>
        {totals.byRate.map((r) => (
          <tr key={r.rate}>
            <td>{formatRate(r.rate)}</td>
            <td>{formatMoney(r.ht)}</td>
            <td>{formatMoney(r.vat)}</td>
            <td>{formatMoney(r.ttc)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th>{t('history.total')}</th>
          <th>{formatMoney(totals.ht)}</th>
          <th>{formatMoney(totals.vat)}</th>
          <th data-testid={totalTestId}>{formatMoney(totals.ttc)}</th>
        </tr>
      </tfoot>
    </table>
  );
}
