// `npm run web [-- --port N]`: builds what is stale, then runs the web host
// in this same process, so arguments and Ctrl+C reach it without forwarding.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ensureBuilt, root } from './ensure-built.mjs';

try {
  ensureBuilt();
} catch (error) {
  console.error(`Étal could not be built: ${error.message}.`);
  process.exit(1);
}
// The bundle starts the host when loaded; it reads process.argv itself.
await import(pathToFileURL(path.join(root, 'dist-electron/web.mjs')).href);
