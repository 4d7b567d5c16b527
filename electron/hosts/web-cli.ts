/**
 * `node dist-electron/web.mjs [--port N]`: Étal in web mode.
 *
 * Environment: ETAL_PORT (default 5178; 0 picks a free port; --port wins),
 * ETAL_DATA_DIR (exports and backups; default ~/Documents/Etal),
 * ETAL_RENDERER_DIR (the built renderer; default ../dist/renderer beside
 * this bundle).
 *
 * Prints exactly one line once listening (scripts and tests read the URL
 * from it) and stops cleanly on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { createFolderSaveChooser, resolveDataDirs } from '../files/locations';
import { createHandlers } from '../handlers';
import { parsePort } from './cli-options';
import { startWebHost } from './web';

function fail(sentence: string): never {
  console.error(sentence);
  process.exit(1);
}

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2), process.env);
  if (port === null) fail('The port must be a number from 0 to 65535 (0 picks a free one): check --port or ETAL_PORT.');

  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = path.resolve(process.env['ETAL_RENDERER_DIR'] ?? path.join(here, '../dist/renderer'));
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    fail(`The app is not built (no index.html in ${rendererDir}): run "npm run build" first, or use "npm run web".`);
  }
  const dirs = resolveDataDirs(process.env, path.join(homedir(), 'Documents'));
  const handlers = createHandlers({
    app: { name: 'Étal', version, mode: 'web', platform: process.platform },
    chooseSavePath: createFolderSaveChooser(dirs.exportsDir),
    backupsDir: dirs.backupsDir,
  });

  let host;
  try {
    host = await startWebHost({ port, rendererDir, handlers });
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (code === 'EADDRINUSE') {
      fail(`Port ${port} is already in use (is Étal already running?): choose another with --port or ETAL_PORT, 0 picks a free one.`);
    }
    throw error;
  }

  console.log(`Étal (web mode) is running at ${host.url} — open it in your browser.`);

  let stopping = false;
  const stop = (): void => {
    // A second Ctrl+C means "now".
    if (stopping) process.exit(130);
    stopping = true;
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Étal (web mode) could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
