/**
 * Electron main process: wiring only. Every decision (CSP, which URLs and
 * permissions are allowed, which files are served, the single instance, the
 * window's options and remembered state, the menu) lives in plain modules
 * that are unit-tested without Electron.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, screen, session, shell } from 'electron';
import type { WebContents } from 'electron';
import { type SaveTarget, resolveDataDirs } from './files/locations';
import { createHandlers } from './handlers';
import { createHostKeyStore } from './keys/custody';
import { folderOpener } from './open-folder';
import type { PagePrinter } from './printing/print';
import { registerIpcHandlers } from './hosts/ipc';
import { type MenuLanguage, buildMenuTemplate, followPageLanguage } from './menu';
import { APP_ENTRY_URL, APP_SCHEME, isNavigationAllowed, isPermissionAllowed } from './security';
import { claimSingleInstance } from './single-instance';
import { backupOnClose } from './quit-backup';
import { readRendererFile } from './static-files';
import { mainWindowOptions } from './window-options';
import { WINDOW_STATE_FILE, fileWindowStateWriter, loadWindowState, restoreWindowState, trackWindowState } from './window-state';

// Bundled to dist-electron/main.cjs: the renderer sits beside it in dist/.
const rendererDir = path.join(__dirname, '../dist/renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

// Must run before 'ready'. `standard` gives app://etal a real origin (so
// IndexedDB stays put across updates), `secure` makes it a secure context.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  // No pop-ups and no <webview>: the till never shows anything but its own page.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

let menuLanguage: MenuLanguage | null = null;

/** The menu follows the app's language (French until the page says otherwise). */
function applyMenu(language: MenuLanguage): void {
  if (language === menuLanguage) return;
  menuLanguage = language;
  const template = buildMenuTemplate({ language, isPackaged: app.isPackaged, platform: process.platform, appName: app.getName() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function createWindow(): Promise<BrowserWindow> {
  const stateFile = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
  const primary = screen.getPrimaryDisplay();
  // Primary first: an unreachable saved position falls back to it.
  const displays = [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)];
  const placement = restoreWindowState(await loadWindowState(stateFile), displays);
  const win = new BrowserWindow(mainWindowOptions({ placement, preloadPath, isPackaged: app.isPackaged }));
  win.once('ready-to-show', () => {
    if (placement.isMaximized) win.maximize();
    if (placement.isFullScreen) win.setFullScreen(true);
    win.show();
  });
  trackWindowState(win, fileWindowStateWriter(stateFile));
  followPageLanguage(win.webContents, applyMenu);
  backupOnClose(win);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('Étal could not load its page:', error);
  });
  return win;
}

let openingWindow = false;

/** Opens the window unless one is open or on its way (macOS fires 'activate' at launch too). */
function openMainWindow(): void {
  if (mainWindow || openingWindow) return;
  openingWindow = true;
  createWindow()
    .then((win) => {
      mainWindow = win;
    })
    .catch((error: unknown) => {
      console.error('Étal could not open its window:', error);
    })
    .finally(() => {
      openingWindow = false;
    });
}

async function chooseSavePath(suggestedName: string, exportsDir: string): Promise<SaveTarget | null> {
  await mkdir(exportsDir, { recursive: true });
  const options: Electron.SaveDialogOptions = {
    defaultPath: path.join(exportsDir, suggestedName),
    // The OS dialog asks before replacing a file (Linux needs it spelled out),
    // so a confirmed path may be overwritten.
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
  const parent = BrowserWindow.getFocusedWindow() ?? mainWindow;
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return null;
  return { path: choice.filePath, overwrite: true };
}

/**
 * A receipt page to a Windows printer driver: a hidden, script-less window
 * shows the page (its own CSP; no preload, no node) and prints it silently.
 */
const printPageSilently: PagePrinter = async ({ html, options }) => {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await new Promise((resolve) => {
      win.webContents.print(options, (success, reason) => resolve(success ? { ok: true } : { ok: false, reason }));
    });
  } finally {
    win.destroy();
  }
};

function start(): void {
  const dirs = resolveDataDirs(process.env, app.getPath('documents'));
  const handlers = createHandlers({
    app: { name: app.getName(), version: app.getVersion(), mode: 'electron', platform: process.platform },
    chooseSavePath: (name) => chooseSavePath(name, dirs.exportsDir),
    backupsDir: dirs.backupsDir,
    folders: { exportsDir: dirs.exportsDir, open: folderOpener(shell) },
    // In the app's profile, not in the Documents folder people copy to a USB stick.
    keyStore: createHostKeyStore({ dataDir: app.getPath('userData'), safeStorage }),
    printing: {
      pagePrinter: printPageSilently,
      osPrinters: async () => (mainWindow ? mainWindow.webContents.getPrintersAsync() : []),
    },
  });
  registerIpcHandlers(ipcMain, handlers);

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'etal' || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const file = await readRendererFile(rendererDir, url.pathname);
    return new Response(new Uint8Array(file.body), { status: file.status, headers: file.headers });
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  // No remote content, even if a CSP were ever loosened by mistake.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) => {
    callback({ cancel: true });
  });

  applyMenu('fr');
  openMainWindow();
}

// A second double-click on the icon brings the running till forward instead
// of opening another window on the same data; that second process quits.
if (claimSingleInstance(app, () => mainWindow)) {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Étal could not start:', error);
      app.exit(1);
    });
}
