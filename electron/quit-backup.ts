/**
 * A backup when the window closes (quit). The database lives in the page
 * (IndexedDB), so the main process cannot read it: on the first 'close' it
 * holds the window, asks the page to write its backup through the usual
 * `backup:write` channel (renderer/db/backup.ts writeBackup, registered by
 * renderer/main.tsx as window.etalBackupBeforeQuit), then closes for real.
 * A page that does not answer within the budget does not keep the till open.
 */
export const QUIT_BACKUP_SCRIPT = "typeof window.etalBackupBeforeQuit === 'function' ? window.etalBackupBeforeQuit() : null";

/** Writing a backup of a season's data takes well under a second; a stuck page must not hold the quit. */
export const QUIT_BACKUP_BUDGET_MS = 8000;

export type ClosableWindow = {
  on: (event: 'close', listener: (event: { preventDefault: () => void }) => void) => unknown;
  webContents: { executeJavaScript: (code: string) => Promise<unknown> };
  isDestroyed: () => boolean;
  close: () => void;
};

export function backupOnClose(win: ClosableWindow, budgetMs = QUIT_BACKUP_BUDGET_MS): void {
  let asked = false;
  win.on('close', (event) => {
    if (asked) return;
    asked = true;
    event.preventDefault();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const budget = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, budgetMs);
    });
    const backup = win.webContents.executeJavaScript(QUIT_BACKUP_SCRIPT).then(
      (result: unknown) => {
        if (result && typeof result === 'object' && 'saved' in result && result.saved === false) console.warn('quit backup not written', result);
      },
      (error: unknown) => console.warn('quit backup failed', error),
    );
    void Promise.race([backup, budget]).then(() => {
      clearTimeout(timer);
      if (!win.isDestroyed()) win.close();
    });
  });
}
