import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridgeMode } from '../bridge';
import { Button } from './components';
import { openAppFolder } from './download';

/**
 * "Ouvrir le dossier" after a save in the desktop app (the save dialog
 * starts in Étal's exports folder). Web mode downloads instead: no button.
 */
export function OpenFolderButton({ folder }: { folder: 'exports' | 'backups' }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  if (bridgeMode() !== 'electron') return null;
  return (
    <span className="open-folder">
      <Button onClick={() => void openAppFolder(folder).then((ok) => setFailed(!ok))} testId={`open-folder-${folder}`}>
        <span aria-hidden="true">📂</span> {t('common.openFolder')}
      </Button>
      {failed ? <span className="field-message">{t('common.openFolderFailed')}</span> : null}
    </span>
  );
}
