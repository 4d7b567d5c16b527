import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  MENU_LABELS,
  NEXT_PAGE_LANGUAGE_SCRIPT,
  PAGE_LANGUAGE_SCRIPT,
  type MenuLanguage,
  type MenuOptions,
  type PageScripting,
  buildMenuTemplate,
  followPageLanguage,
  menuLanguageFor,
} from './menu';

const base: MenuOptions = { language: 'fr', isPackaged: true, platform: 'win32', appName: 'Étal' };

/** Every item, submenus flattened. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function byRole(template: MenuItemConstructorOptions[], role: MenuItemConstructorOptions['role']): MenuItemConstructorOptions[] {
  return items(template).filter((item) => item.role === role);
}

function visibleByRole(template: MenuItemConstructorOptions[], role: MenuItemConstructorOptions['role']): MenuItemConstructorOptions {
  const found = byRole(template, role).filter((item) => item.visible !== false);
  expect(found).toHaveLength(1);
  return found[0] as MenuItemConstructorOptions;
}

describe('buildMenuTemplate', () => {
  it('is in French', () => {
    const template = buildMenuTemplate(base);
    expect(template.map((menu) => menu.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre']);
    expect(visibleByRole(template, 'quit').label).toBe('Quitter Étal');
    expect(visibleByRole(template, 'togglefullscreen').label).toBe('Plein écran');
    expect(visibleByRole(template, 'zoomIn').label).toBe('Zoom avant');
  });

  it('is in English', () => {
    const template = buildMenuTemplate({ ...base, language: 'en' });
    expect(template.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window']);
    expect(visibleByRole(template, 'quit').label).toBe('Quit Étal');
    expect(visibleByRole(template, 'togglefullscreen').label).toBe('Full Screen');
    expect(visibleByRole(template, 'zoomOut').label).toBe('Zoom Out');
  });

  it('labels every item that is not a separator, in both languages, with the same structure', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const fr = items(buildMenuTemplate({ ...base, platform, isPackaged: false }));
      const en = items(buildMenuTemplate({ ...base, platform, isPackaged: false, language: 'en' }));
      expect(fr.map((item) => item.role)).toEqual(en.map((item) => item.role));
      for (const item of [...fr, ...en].filter((i) => i.type !== 'separator' && i.visible !== false)) {
        expect(item.label, JSON.stringify(item)).toBeTruthy();
      }
    }
    expect(Object.keys(MENU_LABELS.fr).sort()).toEqual(Object.keys(MENU_LABELS.en).sort());
  });

  it('has the usual shortcuts: quit, full screen on F11, zoom in / out / reset', () => {
    const template = buildMenuTemplate(base);
    expect(visibleByRole(template, 'quit').accelerator).toBe('Ctrl+Q');
    expect(visibleByRole(template, 'togglefullscreen').accelerator).toBe('F11');
    expect(visibleByRole(template, 'zoomIn').accelerator).toBe('CmdOrCtrl+Plus');
    expect(visibleByRole(template, 'zoomOut').accelerator).toBe('CmdOrCtrl+-');
    expect(visibleByRole(template, 'resetZoom').accelerator).toBe('CmdOrCtrl+0');
    expect(visibleByRole(template, 'copy').accelerator).toBe('CmdOrCtrl+C');
  });

  it('also zooms with = and the keypad, through hidden items that still fire', () => {
    const hidden = items(buildMenuTemplate(base)).filter((item) => item.visible === false);
    expect(hidden.map((item) => [item.role, item.accelerator])).toEqual([
      ['zoomIn', 'CmdOrCtrl+='],
      ['zoomIn', 'CmdOrCtrl+numadd'],
      ['zoomOut', 'CmdOrCtrl+numsub'],
      ['resetZoom', 'CmdOrCtrl+num0'],
    ]);
    for (const item of hidden) expect(item.acceleratorWorksWhenHidden).toBe(true);
  });

  it('follows macOS conventions there: app menu first, Cmd+Q, Ctrl+Cmd+F', () => {
    const template = buildMenuTemplate({ ...base, platform: 'darwin' });
    expect(template.map((menu) => menu.label)).toEqual(['Étal', 'Fichier', 'Édition', 'Affichage', 'Fenêtre']);
    expect(visibleByRole(template, 'quit')).toMatchObject({ label: 'Quitter Étal', accelerator: 'Command+Q' });
    expect(visibleByRole(template, 'togglefullscreen').accelerator).toBe('Ctrl+Command+F');
    expect(visibleByRole(template, 'about').label).toBe('À propos d’Étal');
  });

  it('has no reload and no developer tools in an installed app', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const template = buildMenuTemplate({ ...base, platform, isPackaged: true });
      expect(byRole(template, 'toggleDevTools')).toEqual([]);
      expect(byRole(template, 'reload')).toEqual([]);
      expect(byRole(template, 'forceReload')).toEqual([]);
      const accelerators = items(template).map((item) => String(item.accelerator ?? ''));
      expect(accelerators).not.toContain('CmdOrCtrl+R');
      expect(accelerators.filter((a) => /Shift\+I|Command\+I$/.test(a))).toEqual([]);
    }
  });

  it('has reload and developer tools while developing', () => {
    const template = buildMenuTemplate({ ...base, isPackaged: false });
    expect(visibleByRole(template, 'reload')).toMatchObject({ label: 'Recharger', accelerator: 'CmdOrCtrl+R' });
    expect(visibleByRole(template, 'toggleDevTools').accelerator).toBe('Ctrl+Shift+I');
  });

  it('never links out of the app (no item opens a URL)', () => {
    for (const item of items(buildMenuTemplate({ ...base, isPackaged: false }))) expect(item.click).toBeUndefined();
  });
});

describe('menuLanguageFor', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['EN', 'en'],
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['ar', 'fr'],
    ['', 'fr'],
    [undefined, 'fr'],
    [42, 'fr'],
    ['english', 'fr'],
  ])('%j → %s', (tag, expected) => {
    expect(menuLanguageFor(tag)).toBe(expected);
  });
});

describe('followPageLanguage', () => {
  function fakeContents() {
    let onLoad: () => void = () => undefined;
    const pending: Array<{ code: string; resolve: (value: unknown) => void; reject: (error: Error) => void }> = [];
    const contents = {
      executeJavaScript: vi.fn(
        (code: string) =>
          new Promise<unknown>((resolve, reject) => {
            pending.push({ code, resolve, reject });
          }),
      ),
      on: (_event: 'did-finish-load', listener: () => void) => {
        onLoad = listener;
      },
      isDestroyed: () => false,
    } satisfies PageScripting;
    const answer = async (value: unknown): Promise<string> => {
      const next = pending.shift();
      if (!next) throw new Error('no script pending');
      next.resolve(value);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return next.code;
    };
    return { contents, load: () => onLoad(), answer, pending };
  }

  it('reads the language after each load, then follows each change', async () => {
    const { contents, load, answer } = fakeContents();
    const seen: MenuLanguage[] = [];
    followPageLanguage(contents, (language) => seen.push(language));
    load();
    expect(await answer('fr')).toBe(PAGE_LANGUAGE_SCRIPT);
    expect(await answer('en')).toBe(NEXT_PAGE_LANGUAGE_SCRIPT);
    expect(await answer('fr')).toBe(NEXT_PAGE_LANGUAGE_SCRIPT);
    expect(seen).toEqual(['fr', 'en', 'fr']);
  });

  it('stops an old watch after a reload, and survives a rejected script', async () => {
    const { contents, load, answer, pending } = fakeContents();
    const seen: MenuLanguage[] = [];
    followPageLanguage(contents, (language) => seen.push(language));
    load();
    await answer('fr');
    // The page reloads: the old watch's script is still pending.
    load();
    const old = pending.shift();
    await answer('en');
    old?.resolve('fr');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['fr', 'en']);
    pending.shift()?.reject(new Error('Script failed to execute'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['fr', 'en']);
  });
});
