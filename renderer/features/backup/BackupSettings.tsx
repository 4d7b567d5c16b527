/**
 * Settings → Backups: whether the browser protects the data, when the last
 * backup was made, "Sauvegarder maintenant" (the host's rotating folder),
 * "Sauvegarder sur une clé USB" (in Electron the save dialog, where the
 * stick can be chosen, then the path and *Ouvrir le dossier*; in web mode a
 * browser download) and restoring a file after showing what it holds (the
 * restore is then noted in the journal).
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BackupProblem, MAX_BACKUP_CHARS } from '../../../shared/backup';
import { formatDateTime, formatInteger } from '../../../shared/format';
import type { ChannelOutput } from '../../../shared/contract';
import { useApp } from '../../app-context';
import { bridgeMode, invoke } from '../../bridge';
import { checkRestore, createBackup, hostVersion, lastBackup, readBackup, restoreBackup, RestoreError, writeBackup, type LastBackup } from '../../db/backup';
import { tillSigner } from '../../db/custody';
import { rollbackToBackup } from '../../db/rollback';
import { Banner, Button } from '../../ui/components';
import { SettingsBlock } from '../../ui/SettingsForm';
import { browserDownload } from '../../ui/download';
import { OpenFolderButton } from '../../ui/OpenFolderButton';
import './backup.css';
import { MergePanel } from './MergePanel';
import { RestoreSummary, shownParams, type Candidate } from './RestorePanel';

type Persist = 'persisted' | 'not-persisted' | 'unknown';

async function storageStatus(): Promise<Persist> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persisted) return 'unknown';
  try {
    if (await storage.persisted()) return 'persisted';
    // Ask again: Chromium grants it once the site is used like an app.
    return (await storage.persist?.()) ? 'persisted' : 'not-persisted';
  } catch {
    return 'unknown';
  }
}

function useLastBackup(): LastBackup | null {
  const [value, setValue] = useState(lastBackup);
  useEffect(() => {
    const update = () => setValue(lastBackup());
    window.addEventListener('etal-backup', update);
    window.addEventListener('storage', update);
    return () => {
      window.removeEventListener('etal-backup', update);
      window.removeEventListener('storage', update);
    };
  }, []);
  return value;
}

type Folder = ChannelOutput<'backup:list'>;

/** The backups folder's content, read again after each backup (null while unknown or unreachable). */
function useBackupFolder(refreshKey: string | undefined): Folder | null {
  const [folder, setFolder] = useState<Folder | null>(null);
  useEffect(() => {
    let live = true;
    invoke('backup:list', {}).then(
      (result) => live && setFolder(result),
      (error: unknown) => {
        console.warn('backup folder unreadable', error);
        if (live) setFolder(null);
      },
    );
    return () => {
      live = false;
    };
  }, [refreshKey]);
  return folder;
}

type Message = { kind: 'ok' | 'error' | 'info'; text: string; saved?: boolean };

/** This till's key fingerprint, for the CAE to note (the key is made and journalled if need be). */
function useTillFingerprint(): string | null {
  const { db, coop } = useApp();
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    tillSigner(db, coop.tillId).then(
      (signer) => live && setFingerprint(signer.fingerprint),
      (error: unknown) => console.warn('no till key', error),
    );
    return () => {
      live = false;
    };
  }, [db, coop.tillId]);
  return fingerprint;
}

export function BackupSettings() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const last = useLastBackup();
  const [persist, setPersist] = useState<Persist | null>(null);
  const [busy, setBusy] = useState<'saving' | 'downloading' | 'checking' | 'restoring' | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [candidate, setCandidate] = useState<Candidate | null>(null);
  const folder = useBackupFolder(last?.at);
  const fingerprint = useTillFingerprint();

  useEffect(() => {
    let live = true;
    storageStatus().then(
      (status) => live && setPersist(status),
      () => live && setPersist('unknown'),
    );
    return () => {
      live = false;
    };
  }, []);

  const saveNow = async () => {
    setBusy('saving');
    setMessage(null);
    const result = await writeBackup(db, 'manual');
    setBusy(null);
    if (result.saved) setMessage({ kind: 'ok', text: result.path ? t('backup.saved', { path: result.path }) : t('backup.savedNoPath') });
    else setMessage({ kind: 'error', text: t('backup.saveFailed', { detail: result.detail }) });
  };

  const web = bridgeMode() === 'web';

  /** Web mode: a browser download, like every export; desktop: the save dialog (the message says where the file is). */
  const saveCopy = async () => {
    setBusy('downloading');
    setMessage(null);
    try {
      const built = await createBackup(db, { reason: 'manual', appVersion: await hostVersion() });
      if (web) {
        browserDownload(built.fileName, built.text, 'application/json');
        setMessage({ kind: 'ok', text: t('backup.downloaded', { name: built.fileName }) });
        return;
      }
      const saved = await invoke('files:save', { suggestedName: built.fileName, content: built.text });
      if (!saved.saved) setMessage({ kind: 'info', text: t('backup.usb.cancelled') });
      else setMessage({ kind: 'ok', text: t('backup.usb.saved', { path: saved.path ?? built.fileName }), saved: true });
    } catch (error) {
      console.error(error);
      setMessage({ kind: 'error', text: t('backup.saveFailed', { detail: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(null);
    }
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setCandidate(null);
    setMessage(null);
    // Refused before reading: a 2 GB file would not fit in memory anyway.
    if (file.size > MAX_BACKUP_CHARS * 4) {
      setMessage({ kind: 'error', text: t('backup.err.tooBig') });
      return;
    }
    setBusy('checking');
    try {
      const parsed = readBackup(db, await file.text());
      setCandidate({ parsed, fileName: file.name, check: await checkRestore(db, parsed) });
    } catch (error) {
      console.warn('backup refused', error);
      setMessage({ kind: 'error', text: error instanceof BackupProblem ? t(error.key, error.params) : t('backup.err.read') });
    } finally {
      setBusy(null);
    }
  };

  const restore = async () => {
    if (!candidate) return;
    setBusy('restoring');
    setMessage(null);
    try {
      const { safetyBackup, seq } = await restoreBackup(db, candidate.parsed, undefined, { fileName: candidate.fileName });
      setCandidate(null);
      setMessage({ kind: 'ok', text: t('backup.restored', { seq: formatInteger(seq), path: safetyBackup.path ?? safetyBackup.fileName }) });
    } catch (error) {
      console.error(error);
      setMessage({ kind: 'error', text: restoreErrorText(error) });
    } finally {
      setBusy(null);
    }
  };

  const restoreErrorText = (error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    return error instanceof RestoreError ? t(error.key, { detail: error.detail, ...shownParams(error.params) }) : t('backup.err.replace', { detail });
  };

  const rollback = async (input: { reason: string; by: string; memberId?: string }) => {
    if (!candidate) return;
    setBusy('restoring');
    setMessage(null);
    try {
      const result = await rollbackToBackup(db, candidate.parsed, { ...input, fileName: candidate.fileName });
      setCandidate(null);
      setMessage({ kind: 'ok', text: t('backup.rollback.done', { seq: formatInteger(result.seq), path: result.rollback.sealed.path ?? result.rollback.sealed.fileName }) });
    } catch (error) {
      console.error(error);
      setMessage({ kind: 'error', text: restoreErrorText(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <SettingsBlock icon="💾" title={t('backup.title')} intro={t('backup.intro')} className="backup" testId="settings-backup">
        {fingerprint ? (
          <p className="backup-key" data-testid="backup-key">
            {t('backup.key.label')} <strong dir="ltr">{fingerprint}</strong>
            <br />
            <span className="backup-path">{t('backup.key.hint')}</span>
          </p>
        ) : null}
        {persist === 'persisted' ? (
          <Banner kind="ok" testId="backup-storage">
            {t('backup.persisted')}
          </Banner>
        ) : persist !== null ? (
          <Banner kind="warning" testId="backup-storage">
            {persist === 'not-persisted' ? t('backup.notPersisted') : t('backup.persistUnknown')}
          </Banner>
        ) : null}
        <p className="backup-last" data-testid="backup-last">
          {last
            ? t('backup.last', { date: formatDateTime(last.at, coop.timeZone) })
            : folder?.backups[0]
              ? t('backup.last', { date: formatDateTime(folder.backups[0].modifiedAt, coop.timeZone) })
              : t('backup.never')}
          {last?.path ? (
            <>
              <br />
              <span className="backup-path">{t('backup.lastWhere', { path: last.path })}</span>
            </>
          ) : null}
          {folder && folder.backups.length > 0 ? (
            <>
              <br />
              <span className="backup-path" data-testid="backup-folder">
                {t('backup.folder', { count: folder.backups.length, dir: folder.dir })}
              </span>
            </>
          ) : null}
        </p>
        <div className="actions backup-actions">
          <Button variant="primary" size="large" onClick={() => void saveNow()} disabled={busy !== null} testId="backup-save">
            {busy === 'saving' ? t('backup.saving') : t('backup.saveNow')}
          </Button>
          <Button size="large" onClick={() => void saveCopy()} disabled={busy !== null} testId="backup-download">
            <span aria-hidden="true">🔌</span> {web ? t('backup.usb.labelWeb') : t('backup.usb.label')}
          </Button>
          <label className={`btn btn-secondary btn-large backup-file${busy !== null ? ' backup-file-disabled' : ''}`}>
            {busy === 'checking' ? t('backup.checking') : t('backup.restore')}
            <input type="file" accept=".json,application/json" onChange={(e) => void choose(e)} disabled={busy !== null} data-testid="backup-file" />
          </label>
        </div>
        <p className="settings-intro">{web ? t('backup.usb.hintWeb') : t('backup.usb.hint')}</p>
        <p className="settings-intro">{t('backup.restoreHint')}</p>
        {message ? (
          <Banner kind={message.kind} testId={message.kind === 'error' ? 'backup-error' : 'backup-message'}>
            {message.text}
            {message.saved ? <OpenFolderButton folder="exports" /> : null}
          </Banner>
        ) : null}
        {candidate ? (
          <RestoreSummary candidate={candidate} busy={busy === 'restoring'} onConfirm={() => void restore()} onRollback={(input) => void rollback(input)} onCancel={() => setCandidate(null)} />
        ) : null}
      </SettingsBlock>
      <MergePanel />
    </>
  );
}
