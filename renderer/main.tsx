import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bridgeMode } from './bridge';
import { writeBackup } from './db/backup';
import { appDb } from './db/db';
import { askPersistence } from './db/storage-watch';
import { initI18n } from './i18n/i18n';
import './ui/styles.css';

async function start(): Promise<void> {
  await initI18n();
  // Ask the browser not to evict the till's data under storage pressure.
  // Refusal is not fatal: backups (data-safety issue) cover it.
  // Then the storage figures for the till's warning: beside the first render, never before it.
  void askPersistence();
  if (bridgeMode() === 'electron') {
    // Called by the main process when the window closes (electron/quit-backup.ts).
    window.etalBackupBeforeQuit = async () => ((await appDb().coop.count()) > 0 ? writeBackup(appDb(), 'quit') : null);
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
