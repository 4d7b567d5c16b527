/**
 * The installers cannot be built here (electron-builder downloads Electron
 * zips), so this checks everything about them that can be checked offline:
 * the electron-builder configuration against electron-builder's own JSON
 * schema, the choices made in it, and the icon files it points to.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { Ajv } from 'ajv';
import { PlatformPackager } from 'app-builder-lib';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'electron-builder';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

// path.resolve drops the trailing slash, as electron-builder's own project path has none.
const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const fromRoot = (...parts: string[]): string => path.join(root, ...parts);

type PackageJson = {
  name: string;
  productName: string;
  version: string;
  main: string;
  author?: string;
  homepage?: string;
  scripts: Record<string, string>;
};
const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as PackageJson;

type FileStat = { isDirectory(): boolean; moduleFullFilePath?: string };
type FileMatcher = { from: string; createFilter(): (file: string, stat: FileStat) => boolean };
type Expand = (pattern: string) => string;
/** electron-builder's file selection; marked @internal, so absent from its .d.ts and typed here. */
type FileMatcherModule = {
  getMainFileMatchers: (
    appDir: string,
    destination: string,
    expand: Expand,
    platformOptions: object,
    platformPackager: { info: object },
    outDir: string,
    isElectronCompile: boolean,
  ) => FileMatcher[];
  getNodeModuleFileMatcher: (appDir: string, destination: string, expand: Expand, platformOptions: object, info: object) => FileMatcher;
};
const { getMainFileMatchers, getNodeModuleFileMatcher } = createRequire(import.meta.url)('app-builder-lib/out/fileMatcher') as FileMatcherModule;

// js-yaml is the parser electron-builder itself reads electron-builder.yml with.
const config = load(readFileSync(fromRoot('electron-builder.yml'), 'utf8')) as Configuration;

describe('electron-builder configuration', () => {
  it('is valid against electron-builder’s JSON schema (draft-07, read with ajv)', () => {
    const schema = JSON.parse(readFileSync(fromRoot('node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
      $schema: string;
    };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    // strict: false as electron-builder does: its schema uses a non-standard
    // `typeof` keyword (for options that may be functions in JS configs).
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('passes electron-builder’s own validation, the first step `npm run dist` takes', async () => {
    await expect(validateConfiguration(config, { isEnabled: false } as never)).resolves.toBeUndefined();
  });

  it('would catch a misspelt option (the schema forbids unknown keys)', async () => {
    const misspelt = { ...config, nsis: { ...config.nsis, oneclick: true } } as Configuration;
    await expect(validateConfiguration(misspelt, { isEnabled: false } as never)).rejects.toThrow(/nsis/);
  });

  it('names the app once and for all, and takes the version from package.json', () => {
    expect(config.appId).toBe('coop.etal.app');
    // userData is named after productName: the same name in both places, or
    // the packaged app and `npm start` would keep their data in two folders.
    expect(config.productName).toBe('Étal');
    expect(pkg.productName).toBe(config.productName);
    expect(config).not.toHaveProperty('extraMetadata');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    expect(config.directories).toEqual({ buildResources: 'build', output: 'release' });
    expect(pkg.scripts.dist).toBe('npm run build && electron-builder');
  });

  it('lists only the built app in files', () => {
    const files = config.files as string[];
    for (const pattern of files.filter((p) => !p.startsWith('!'))) {
      expect(pattern).toMatch(/^(dist\/renderer\/|dist-electron\/|package\.json$)/);
    }
    // package.json's "main" must be inside what is packed.
    expect(files).toContain(pkg.main);
    expect(config.asar).toBe(true);
    // Bundled JavaScript only: nothing to rebuild against Electron.
    expect(config.npmRebuild).toBe(false);
  });

  describe('what electron-builder’s own file matcher packs', () => {
    // The same matchers `npm run dist` builds, given the parts of its
    // packager they read. Paths are relative to the project root.
    const info = {
      projectDir: root,
      buildResourcesDir: fromRoot('build'),
      isPrepackedAppAsar: false,
      config,
      debugLogger: { isEnabled: false },
    };
    const expand = (pattern: string): string => pattern;
    const [appMatcher, ...others] = getMainFileMatchers(root, '/app', expand, {}, { info }, fromRoot('release'), false);
    const appFilter = appMatcher?.createFilter();
    const moduleFilter = getNodeModuleFileMatcher(root, '/app', expand, {}, info).createFilter();
    const file: FileStat = { isDirectory: () => false };

    it('has one matcher, for the project folder', () => {
      expect(others).toEqual([]);
      expect(appMatcher?.from).toBe(root);
    });

    it.each([
      'package.json',
      'dist/renderer/index.html',
      'dist/renderer/assets/main-CF9d8cBw.css',
      'dist/renderer/assets/main-o17Hoa4x.js',
      'dist/renderer/assets/sales-KCrVXJdu.js',
      'dist/renderer/demo/linen.webp',
      'dist-electron/main.cjs',
      'dist-electron/preload.cjs',
    ])('packs %s', (relative) => {
      expect(appFilter?.(path.join(root, relative), file)).toBe(true);
    });

    it.each([
      'dist/renderer/assets/main-o17Hoa4x.js.map',
      'dist-electron/main.cjs.map',
      'dist-electron/web.mjs',
      'dist/renderer/bench/bench.html',
      'dist/renderer/assets/bench-DsdxRv-M.js',
      'dist/bench/bench/bench.html',
      'dist/bench/assets/bench-DsdxRv-M.js',
      'electron/main.ts',
      'shared/money.ts',
      'renderer/App.tsx',
      'renderer/index.html',
      'test/fixtures/demo.ts',
      'scripts/start.mjs',
      'build/icon.png',
      'release/linux-unpacked/etal',
      'electron-builder.yml',
      'package-lock.json',
      'README.md',
      '.npmrc',
      'node_modules/react/index.js',
    ])('leaves out %s', (relative) => {
      expect(appFilter?.(path.join(root, relative), file)).toBe(false);
    });

    it.each(['react/index.js', 'zod/index.cjs', '@noble/hashes/sha2.js'])('copies no production dependency: node_modules/%s', (relative) => {
      const stat: FileStat = { isDirectory: () => false, moduleFullFilePath: `node_modules/${relative}` };
      expect(moduleFilter(fromRoot('node_modules', relative), stat)).toBe(false);
    });
  });

  it('has the metadata the deb and the Windows installer require', () => {
    // electron-builder's deb target refuses to build without a homepage
    // (FpmTarget), and names the Windows publisher after the author.
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author).toBeTruthy();
  });

  it('sets the fuses: no Node backdoors, app code only from a checked asar, encrypted cookies', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('flips exactly those fuses, as electron-builder translates them for @electron/fuses', async () => {
    // generateFuseConfig is what electron-builder hands to flipFuses() right
    // before signing; it only reads its argument. Private, hence the cast.
    const packager = PlatformPackager.prototype as unknown as {
      generateFuseConfig: (fuses: Configuration['electronFuses']) => Promise<Record<string, unknown>>;
    };
    const wire = await packager.generateFuseConfig.call({}, config.electronFuses);
    expect(wire).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: undefined,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    // Left as Electron ships it: a separate browser-process V8 snapshot is not built.
    expect(wire).not.toHaveProperty(String(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot));
  });

  it('builds a per-user NSIS installer in French and English with a desktop shortcut', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: true,
      perMachine: false,
      createDesktopShortcut: true,
      multiLanguageInstaller: true,
      deleteAppDataOnUninstall: false,
    });
    expect(config.nsis?.installerLanguages).toEqual(['fr_FR', 'en_US']);
    expect(config.win?.icon).toBe('build/icon.ico');
  });

  it('builds a universal, unsigned (ad-hoc) dmg in the Business category', () => {
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(config.mac?.category).toBe('public.app-category.business');
    expect(config.mac?.identity).toBe('-');
    expect(config.mac?.hardenedRuntime).toBe(false);
    expect(config.mac?.icon).toBe('build/icon.icns');
  });

  it('builds an AppImage and a deb in the Office category, described in French and English', () => {
    expect(config.linux?.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.maintainer).toMatch(/<[^@\s]+@[^>\s]+>$/);
    expect(config.linux?.synopsis).toBeTruthy();
    expect(config.linux?.description).toMatch(/Point of sale/);
    expect(config.linux?.description).toMatch(/Caisse/);
    const entry = config.linux?.desktop?.entry as Record<string, string>;
    expect(entry['Comment']).toBeTruthy();
    expect(entry['Comment[fr]']).toBeTruthy();
    expect(config.linux?.icon).toBe('build/icons');
  });
});

/** Width and height from a PNG's IHDR chunk (always the first chunk). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Size of one image inside an ICO: a PNG, or a BMP whose height counts the mask too. */
function icoImageSize(image: Buffer): { width: number; height: number } {
  if (image.subarray(0, 4).toString('hex') === '89504e47') return pngSize(image);
  expect(image.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
  return { width: image.readInt32LE(4), height: image.readInt32LE(8) / 2 };
}

const LINUX_SET = [16, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// The ICNS element types holding PNG data, and the pixel size each must have.
const ICNS_PNG_TYPES: Readonly<Record<string, number>> = {
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
  ic11: 32,
  ic12: 64,
  ic13: 256,
  ic14: 512,
};

describe('app icon', () => {
  it('has one source image, an SVG', () => {
    const svg = readFileSync(fromRoot('build/icon.svg'), 'utf8');
    expect(svg).toMatch(/<svg[^>]+viewBox="0 0 1024 1024"/);
    // Shapes only: text would render with whatever font each machine has.
    expect(svg).not.toMatch(/<text/);
    expect(pkg.scripts['icons']).toBe('node scripts/icons.mjs');
  });

  it('has build/icon.png at 1024 × 1024', () => {
    expect(pngSize(readFileSync(fromRoot('build/icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it.each(LINUX_SET)('has build/icons/%i.png at that size', (size) => {
    expect(pngSize(readFileSync(fromRoot('build/icons', `${size}.png`)))).toEqual({ width: size, height: size });
  });

  it('names every file of the Linux set so electron-builder reads its size', () => {
    for (const name of readdirSync(fromRoot('build/icons'))) expect(name).toMatch(/^\d+\.png$/);
  });

  it('has a multi-size build/icon.ico whose directory matches its images', () => {
    const ico = readFileSync(fromRoot('build/icon.ico'));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // 1 = icon
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const entry = 6 + 16 * i;
      // In the directory, 0 means 256.
      const width = ico[entry] || 256;
      const height = ico[entry + 1] || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      expect(icoImageSize(ico.subarray(offset, offset + length))).toEqual({ width, height });
      expect(width).toBe(height);
      sizes.push(width);
    }
    // electron-builder refuses an ICO without a 256 px image.
    expect(sizes.sort((a, b) => a - b)).toEqual(ICO_SIZES);
  });

  it('has build/icon.icns with PNG images up to 1024 × 1024', () => {
    const icns = readFileSync(fromRoot('build/icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: string[] = [];
    for (let at = 8; at < icns.length; ) {
      const type = icns.subarray(at, at + 4).toString('latin1');
      const length = icns.readUInt32BE(at + 4);
      expect(length).toBeGreaterThan(8);
      const expected = ICNS_PNG_TYPES[type];
      if (expected !== undefined) {
        expect(pngSize(icns.subarray(at + 8, at + length))).toEqual({ width: expected, height: expected });
      }
      found.push(type);
      at += length;
    }
    expect(found).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
  });
});
