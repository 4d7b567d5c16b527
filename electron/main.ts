/**
 * Electron main process: wiring only. Every decision (CSP, which URLs and
 * permissions are allowed, which files are served) lives in plain modules
 * that are unit-tested without Electron.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, app, dialog, ipcMain, protocol, session, type WebContents } from 'electron';
import { type SaveTarget, resolveDataDirs } from './files/locations';
import { createHandlers } from './handlers';
import { registerIpcHandlers } from './hosts/ipc';
import { APP_ENTRY_URL, APP_SCHEME, isNavigationAllowed, isPermissionAllowed } from './security';
import { readRendererFile } from './static-files';

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

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('Étal could not load its page:', error);
  });
  return win;
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

function start(): void {
  const dirs = resolveDataDirs(process.env, app.getPath('documents'));
  const handlers = createHandlers({
    app: { name: app.getName(), version: app.getVersion(), mode: 'electron', platform: process.platform },
    chooseSavePath: (name) => chooseSavePath(name, dirs.exportsDir),
    backupsDir: dirs.backupsDir,
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

  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // A second double-click on the icon brings the running till forward
  // instead of opening another window on the same data.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Étal could not start:', error);
      app.exit(1);
    });
}
