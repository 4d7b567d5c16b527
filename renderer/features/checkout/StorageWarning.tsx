import { useTranslation } from 'react-i18next';
import { formatInteger, formatRate } from '../../../shared/format';
import { megabytes } from '../../../shared/storage';
import { useStorageStatus } from '../../db/storage-watch';
import { Banner } from '../../ui/components';

/** On the till when the data's storage runs short: how much is left and what to do, before a sale fails to save. */
export function StorageWarning() {
  const { t } = useTranslation();
  const figures = useStorageStatus()?.figures;
  if (!figures?.low) return null;
  return (
    <Banner kind="warning" testId="storage-warning">
      <div className="storage-warning">
        <span className="storage-warning-title">💾 {t('storage.lowTitle', { free: formatInteger(megabytes(figures.free)), share: formatRate(Math.floor(figures.freeBp / 100) * 100) })}</span>{' '}
        <span className="storage-warning-what">{t('storage.lowWhat')}</span>
      </div>
    </Banner>
  );
}
