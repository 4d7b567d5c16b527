// Bundles the Node side: the Electron main process, its preload (one file,
// because a sandboxed preload cannot require packages such as zod) and the
// web-mode host. `electron` stays external: it is provided by the runtime.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

export async function buildElectron() {
  await Promise.all([
    build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs', format: 'cjs' }),
    build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs', format: 'cjs' }),
    build({
      ...common,
      entryPoints: ['electron/hosts/web-cli.ts'],
      outfile: 'dist-electron/web.mjs',
      format: 'esm',
      // Bundled CommonJS code calls require(); ESM has none of its own.
      banner: { js: "import { createRequire as __etalCreateRequire } from 'node:module'; const require = __etalCreateRequire(import.meta.url);" },
    }),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildElectron();
}
