// `npm start`: the desktop app when the Electron binary is there (or can be
// fetched now), web mode otherwise. .npmrc skips install scripts, so the
// binary is fetched here, on demand, instead of failing `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt, root } from './ensure-built.mjs';

const electronDir = path.join(root, 'node_modules/electron');

function electronBinary() {
  try {
    const relative = readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
    const binary = path.join(distDir, relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function tryInstallElectron() {
  if (!existsSync(path.join(electronDir, 'install.js'))) return false;
  process.stderr.write('Trying to fetch the Electron desktop binary…\n');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 60_000,
  });
  return result.status === 0;
}

let binary = electronBinary();
if (!binary && tryInstallElectron()) binary = electronBinary();

if (!binary) {
  console.log(
    'The Electron desktop binary is not installed and could not be downloaded (no internet?): starting Étal in web mode instead — open the address below in your browser.',
  );
  await import('./web.mjs');
} else {
  try {
    ensureBuilt();
  } catch (error) {
    console.error(`Étal could not be built: ${error.message}.`);
    process.exit(1);
  }
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
