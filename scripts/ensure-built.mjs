// Rebuilds what is older than its sources, quietly: `npm run web` and
// `npm start` print one line of their own, not a build log (shown only when
// a build fails).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(paths) {
  let newest = 0;
  for (const p of paths) {
    const full = path.join(root, p);
    if (!existsSync(full)) continue;
    const stat = statSync(full);
    if (stat.isFile()) {
      newest = Math.max(newest, stat.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(full, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function oldestMtime(paths) {
  let oldest = Infinity;
  for (const p of paths) {
    const full = path.join(root, p);
    if (!existsSync(full)) return 0;
    oldest = Math.min(oldest, statSync(full).mtimeMs);
  }
  return oldest;
}

function run(label, args) {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    throw new Error(`${label} failed`);
  }
}

const shared = ['shared', 'package.json', 'tsconfig.json'];
const targets = [
  {
    label: 'vite build',
    outputs: ['dist/renderer/index.html'],
    sources: ['renderer', 'vite.config.ts', ...shared],
    args: [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
  },
  {
    label: 'electron build',
    outputs: ['dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist-electron/web.mjs'],
    sources: ['electron', 'scripts/build-electron.mjs', ...shared],
    args: [path.join(root, 'scripts/build-electron.mjs')],
  },
];

/** Builds the renderer and/or the Node bundles if missing or older than their sources. */
export function ensureBuilt() {
  for (const target of targets) {
    if (oldestMtime(target.outputs) > newestMtime(target.sources)) continue;
    process.stderr.write(`Building Étal (${target.label})…\n`);
    run(target.label, target.args);
  }
}
