/**
 * The application menu as data, in French or English. Roles give each item
 * Electron's own behaviour (and macOS its system wording); the labels follow
 * the app's language, not the operating system's.
 */
import type { MenuItemConstructorOptions } from 'electron';

export type MenuLanguage = 'fr' | 'en';

export type MenuOptions = {
  language: MenuLanguage;
  /** app.isPackaged: an installed app has no reload and no developer tools. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  appName: string;
};

type Labels = {
  file: string;
  edit: string;
  view: string;
  window: string;
  quit: (app: string) => string;
  about: (app: string) => string;
  hide: (app: string) => string;
  hideOthers: string;
  showAll: string;
  close: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  reload: string;
  devTools: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  fullScreen: string;
  minimize: string;
  zoom: string;
  front: string;
};

export const MENU_LABELS: Readonly<Record<MenuLanguage, Labels>> = {
  fr: {
    file: 'Fichier',
    edit: 'Édition',
    view: 'Affichage',
    window: 'Fenêtre',
    quit: (app) => `Quitter ${app}`,
    about: (app) => `À propos d’${app}`,
    hide: (app) => `Masquer ${app}`,
    hideOthers: 'Masquer les autres',
    showAll: 'Tout afficher',
    close: 'Fermer la fenêtre',
    undo: 'Annuler',
    redo: 'Rétablir',
    cut: 'Couper',
    copy: 'Copier',
    paste: 'Coller',
    selectAll: 'Tout sélectionner',
    reload: 'Recharger',
    devTools: 'Outils de développement',
    resetZoom: 'Taille réelle',
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    fullScreen: 'Plein écran',
    minimize: 'Réduire',
    zoom: 'Agrandir',
    front: 'Tout ramener au premier plan',
  },
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    quit: (app) => `Quit ${app}`,
    about: (app) => `About ${app}`,
    hide: (app) => `Hide ${app}`,
    hideOthers: 'Hide Others',
    showAll: 'Show All',
    close: 'Close Window',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    minimize: 'Minimize',
    zoom: 'Zoom',
    front: 'Bring All to Front',
  },
};

/**
 * The menu language for a language tag such as the renderer's <html lang>
 * ('fr', 'en', 'fr-FR'). French, the app's default, for anything else.
 */
export function menuLanguageFor(tag: unknown): MenuLanguage {
  return typeof tag === 'string' && /^en(-|$)/i.test(tag) ? 'en' : 'fr';
}

/**
 * Extra shortcuts that do the same as a visible item. Ctrl/Cmd + '+' needs
 * Shift on most layouts (AZERTY included), so '=' and the keypad keys work
 * too. They stay out of sight and still fire.
 */
function hiddenShortcut(role: 'zoomIn' | 'zoomOut' | 'resetZoom', accelerator: string): MenuItemConstructorOptions {
  return { role, accelerator, visible: false, acceleratorWorksWhenHidden: true };
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = MENU_LABELS[options.language];
  const mac = options.platform === 'darwin';
  const app = options.appName;

  const appMenu: MenuItemConstructorOptions = {
    label: app,
    submenu: [
      { role: 'about', label: t.about(app) },
      { type: 'separator' },
      { role: 'hide', label: t.hide(app) },
      { role: 'hideOthers', label: t.hideOthers },
      { role: 'unhide', label: t.showAll },
      { type: 'separator' },
      { role: 'quit', label: t.quit(app), accelerator: 'Command+Q' },
    ],
  };

  // On macOS quitting lives in the app menu; elsewhere in File.
  const fileMenu: MenuItemConstructorOptions = {
    label: t.file,
    submenu: mac
      ? [{ role: 'close', label: t.close, accelerator: 'Command+W' }]
      : [{ role: 'quit', label: t.quit(app), accelerator: 'Ctrl+Q' }],
  };

  // Without an Edit menu, macOS gives text fields no copy and paste shortcuts.
  const editMenu: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo, accelerator: 'CmdOrCtrl+Z' },
      { role: 'redo', label: t.redo, accelerator: mac ? 'Shift+Command+Z' : 'Ctrl+Y' },
      { type: 'separator' },
      { role: 'cut', label: t.cut, accelerator: 'CmdOrCtrl+X' },
      { role: 'copy', label: t.copy, accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', label: t.paste, accelerator: 'CmdOrCtrl+V' },
      { role: 'selectAll', label: t.selectAll, accelerator: 'CmdOrCtrl+A' },
    ],
  };

  // Reloading drops the basket being built and developer tools open the
  // data to anyone at the stall: both only for developers.
  const developerItems: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [
        { role: 'reload', label: t.reload, accelerator: 'CmdOrCtrl+R' },
        { role: 'toggleDevTools', label: t.devTools, accelerator: mac ? 'Alt+Command+I' : 'Ctrl+Shift+I' },
        { type: 'separator' },
      ];

  const viewMenu: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      ...developerItems,
      // Zoom makes the till usable on a small netbook screen (or bigger for tired eyes).
      { role: 'resetZoom', label: t.resetZoom, accelerator: 'CmdOrCtrl+0' },
      { role: 'zoomIn', label: t.zoomIn, accelerator: 'CmdOrCtrl+Plus' },
      { role: 'zoomOut', label: t.zoomOut, accelerator: 'CmdOrCtrl+-' },
      hiddenShortcut('zoomIn', 'CmdOrCtrl+='),
      hiddenShortcut('zoomIn', 'CmdOrCtrl+numadd'),
      hiddenShortcut('zoomOut', 'CmdOrCtrl+numsub'),
      hiddenShortcut('resetZoom', 'CmdOrCtrl+num0'),
      { type: 'separator' },
      // Full screen suits a touch screen on the counter; F11 as in browsers,
      // and macOS's own shortcut there.
      { role: 'togglefullscreen', label: t.fullScreen, accelerator: mac ? 'Ctrl+Command+F' : 'F11' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: t.window,
    submenu: mac
      ? [
          { role: 'minimize', label: t.minimize, accelerator: 'Command+M' },
          { role: 'zoom', label: t.zoom },
          { type: 'separator' },
          { role: 'front', label: t.front },
        ]
      : [{ role: 'minimize', label: t.minimize }],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu];
}

/**
 * Run in the page (webContents.executeJavaScript): resolves with <html lang>
 * the next time the renderer changes it (i18n.ts sets it on every language
 * switch), so the menu follows without a bridge channel of its own.
 */
export const NEXT_PAGE_LANGUAGE_SCRIPT = `new Promise((resolve) => {
  const root = document.documentElement;
  const initial = root.lang;
  const observer = new MutationObserver(() => {
    if (root.lang !== initial) { observer.disconnect(); resolve(root.lang); }
  });
  observer.observe(root, { attributes: true, attributeFilter: ['lang'] });
})`;

export const PAGE_LANGUAGE_SCRIPT = 'document.documentElement.lang';

/** The part of WebContents that followPageLanguage needs. */
export type PageScripting = {
  executeJavaScript(code: string): Promise<unknown>;
  on(event: 'did-finish-load', listener: () => void): unknown;
  isDestroyed(): boolean;
};

/**
 * Calls `onLanguage` with the page's language after each load and after each
 * change. A reload starts a new watch; the previous one stops at its next
 * answer (or never answers, its page being gone).
 */
export function followPageLanguage(contents: PageScripting, onLanguage: (language: MenuLanguage) => void): void {
  let generation = 0;
  contents.on('did-finish-load', () => {
    generation += 1;
    const mine = generation;
    const current = (): boolean => mine === generation && !contents.isDestroyed();
    const watch = async (): Promise<void> => {
      let tag = await contents.executeJavaScript(PAGE_LANGUAGE_SCRIPT);
      while (current()) {
        onLanguage(menuLanguageFor(tag));
        tag = await contents.executeJavaScript(NEXT_PAGE_LANGUAGE_SCRIPT);
      }
    };
    // A page that navigates away or closes rejects the pending script: the
    // menu keeps its language until the next load.
    watch().catch(() => undefined);
  });
}
