/**
 * main.ts is wiring only; this checks the wiring with `electron` replaced at
 * the module boundary (the real module cannot load under plain Node): what
 * happens at import, when the single-instance lock is refused, and what the
 * window and menu get once the app is ready.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  const state = { gotLock: true, isPackaged: true, userData: '', ready: () => undefined as void };
  const windows: FakeBrowserWindow[] = [];

  class FakeBrowserWindow {
    static getAllWindows = (): FakeBrowserWindow[] => windows;
    static getFocusedWindow = (): FakeBrowserWindow | null => null;
    readonly listeners = new Map<string, Listener[]>();
    readonly calls: string[] = [];
    readonly webContents = {
      on: vi.fn(),
      executeJavaScript: vi.fn(() => new Promise(() => undefined)),
      isDestroyed: () => false,
    };
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener): this {
      return this.on(event, listener);
    }
    emit(event: string): void {
      for (const listener of this.listeners.get(event) ?? []) listener();
    }
    loadURL = vi.fn((_url: string) => Promise.resolve());
    maximize = (): void => void this.calls.push('maximize');
    setFullScreen = (on: boolean): void => void this.calls.push(`fullscreen:${String(on)}`);
    show = (): void => void this.calls.push('show');
  }

  const app = {
    get isPackaged() {
      return state.isPackaged;
    },
    requestSingleInstanceLock: vi.fn(() => state.gotLock),
    quit: vi.fn(),
    exit: vi.fn(),
    on: vi.fn((event: string, listener: Listener) => {
      appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
    }),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (state.ready = resolve))),
    isReady: () => true,
    getPath: (name: string) => (name === 'userData' ? state.userData : path.join(state.userData, name)),
    getName: () => 'Étal',
    getVersion: () => '0.1.0',
  };

  return {
    state,
    windows,
    appListeners,
    module: {
      app,
      BrowserWindow: FakeBrowserWindow,
      Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
      dialog: { showSaveDialog: vi.fn() },
      shell: { openPath: vi.fn(() => Promise.resolve('')) },
      safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      screen: {
        getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
        getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
          webRequest: { onBeforeRequest: vi.fn() },
        },
      },
    },
  };
});

vi.mock('electron', () => electron.module);

let userData: string;

beforeEach(async () => {
  vi.resetModules();
  vi.clearAllMocks();
  electron.appListeners.clear();
  electron.windows.length = 0;
  userData = await mkdtemp(path.join(tmpdir(), 'etal-main-'));
  electron.state.userData = userData;
  vi.stubEnv('ETAL_DATA_DIR', path.join(userData, 'data'));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(userData, { recursive: true, force: true });
});

/** Imports main.ts, lets 'ready' fire and waits for the window. */
async function startApp(): Promise<(typeof electron.windows)[number]> {
  await import('./main');
  electron.state.ready();
  await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
  return electron.windows[0] as (typeof electron.windows)[number];
}

describe('main process wiring', () => {
  it('registers app:// as a privileged scheme at import, before ready', async () => {
    await import('./main');
    expect(electron.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('quits a second instance before it opens anything', async () => {
    electron.state.gotLock = false;
    try {
      await import('./main');
    } finally {
      electron.state.gotLock = true;
    }
    expect(electron.module.app.quit).toHaveBeenCalled();
    expect(electron.module.app.whenReady).not.toHaveBeenCalled();
    expect(electron.appListeners.has('second-instance')).toBe(false);
  });

  it('opens one hardened window without devtools when installed, with the French menu', async () => {
    const win = await startApp();
    const options = win.options as { width: number; height: number; minWidth: number; minHeight: number; webPreferences: Record<string, unknown> };
    expect(options).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 600, center: true });
    expect(options.webPreferences).toMatchObject({ devTools: false, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win.loadURL).toHaveBeenCalledWith('app://etal/index.html');
    // Closing first asks the page for its quit backup (electron/quit-backup.ts).
    expect(win.listeners.has('close')).toBe(true);
    const [template] = electron.module.Menu.buildFromTemplate.mock.calls.at(-1) as [Array<{ label: string }>];
    expect(template.map((menu) => menu.label)).toContain('Fichier');
    expect(JSON.stringify(template)).not.toContain('toggleDevTools');
    expect(electron.module.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('restores the saved window state, maximised, and brings the window forward on a second launch', async () => {
    await writeFile(
      path.join(userData, 'window-state.json'),
      JSON.stringify({ bounds: { x: 40, y: 30, width: 1300, height: 820 }, isMaximized: true, isFullScreen: false }),
    );
    const win = await startApp();
    expect(win.options).toMatchObject({ x: 40, y: 30, width: 1300, height: 820 });
    win.emit('ready-to-show');
    expect(win.calls).toEqual(['maximize', 'show']);

    const focus = vi.fn();
    Object.assign(win, { isDestroyed: () => false, isMinimized: () => false, isVisible: () => true, restore: vi.fn(), focus });
    await vi.waitFor(() => {
      for (const listener of electron.appListeners.get('second-instance') ?? []) listener();
      expect(focus).toHaveBeenCalled();
    });
  });

  it('opens no second window when macOS fires activate during startup', async () => {
    await import('./main');
    electron.state.ready();
    for (const listener of electron.appListeners.get('activate') ?? []) listener();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(electron.windows).toHaveLength(1);
  });
});
