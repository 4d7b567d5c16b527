/** Command-line options of the web host, apart from web-cli.ts so they can be tested without starting it. */

export const DEFAULT_PORT = 5178;

/** The port from argv (--port N or --port=N) or ETAL_PORT, or null if malformed. */
export function parsePort(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): number | null {
  let raw: string | undefined = env['ETAL_PORT'];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--port') raw = argv[i + 1] ?? 'missing';
    else if (arg?.startsWith('--port=')) raw = arg.slice('--port='.length);
  }
  if (raw === undefined || raw.trim() === '') return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(raw.trim())) return null;
  const port = Number(raw);
  return port <= 65535 ? port : null;
}
