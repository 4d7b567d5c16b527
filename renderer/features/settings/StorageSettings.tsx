import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger, formatRate } from '../../../shared/format';
import { megabytes } from '../../../shared/storage';
import { askPersistence, checkStorage, useStorageStatus } from '../../db/storage-watch';
import { Banner, Button } from '../../ui/components';

/** Réglages → Stockage: the place the data takes and has left, and whether the browser promised to keep it. */
export function StorageSettings() {
  const { t } = useTranslation();
  const status = useStorageStatus();
  const [asking, setAsking] = useState(false);
  // Fresh figures each time Réglages opens (the till measured at start and after each Z).
  useEffect(() => void checkStorage(), []);
  const figures = status?.figures;
  const share = (bp: number) => formatRate(Math.floor(bp / 100) * 100);
  return (
    <section className="settings-section" data-testid="settings-storage">
      <h2>
        <span aria-hidden="true">💾</span> {t('storage.title')}
      </h2>
      {status === null ? <p className="settings-intro">{t('common.loading')}</p> : null}
      {status && figures ? (
        <p data-testid="storage-usage">
          {t('storage.used', { used: formatInteger(megabytes(figures.usage)), quota: formatInteger(megabytes(figures.quota)), share: share(figures.freeBp) })}
        </p>
      ) : null}
      {status && !figures ? <p className="settings-intro">{t('storage.unknown')}</p> : null}
      {figures?.low ? (
        <Banner kind="warning" testId="storage-settings-low">
          {t('storage.low', { free: formatInteger(megabytes(figures.free)), share: share(figures.freeBp) })}
        </Banner>
      ) : null}
      {status ? (
        <p data-testid="storage-persisted">
          {status.persisted === true ? `🔒 ${t('storage.persisted')}` : status.persisted === false ? `⚠️ ${t('storage.notPersisted')}` : t('storage.persistUnknown')}
        </p>
      ) : null}
      {status?.persisted === false ? (
        <Button
          disabled={asking}
          onClick={() => {
            setAsking(true);
            void askPersistence().finally(() => setAsking(false));
          }}
          testId="storage-persist"
        >
          🔒 {t('storage.ask')}
        </Button>
      ) : null}
    </section>
  );
}
