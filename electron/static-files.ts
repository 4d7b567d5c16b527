/**
 * Serving the built renderer, shared by the app:// protocol (main.ts) and the
 * web host, so both send the same files with the same headers.
 */
import { readFile, stat } from 'node:fs/promises';
import { SECURITY_HEADERS, injectBridgeToken, mimeTypeFor, rendererFileFor } from './security';

export type StaticResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
};

function notFound(): StaticResponse {
  return {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    body: Buffer.from('Not found\n'),
  };
}

/**
 * Answers a GET for `urlPath` (the URL's pathname, still percent-encoded).
 * Only regular files inside `rendererDir` are served; everything else is a
 * 404 so probing cannot tell "outside" from "missing".
 * With `bridgeToken`, index.html carries it in its etal-bridge-token meta.
 */
export async function readRendererFile(rendererDir: string, urlPath: string, bridgeToken?: string): Promise<StaticResponse> {
  const filePath = rendererFileFor(rendererDir, urlPath);
  if (filePath === null) return notFound();
  try {
    if (!(await stat(filePath)).isFile()) return notFound();
    let body = await readFile(filePath);
    const isEntry = filePath.toLowerCase().endsWith('.html');
    if (isEntry && bridgeToken !== undefined) {
      body = Buffer.from(injectBridgeToken(body.toString('utf8'), bridgeToken), 'utf8');
    }
    return {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': mimeTypeFor(filePath),
        // The page carries a per-run token and names the current bundle:
        // never reuse a stale copy. Other files are content-hashed by Vite
        // or tiny; revalidating them keeps a rebuild visible.
        'Cache-Control': isEntry ? 'no-store' : 'no-cache',
      },
      body,
    };
  } catch {
    return notFound();
  }
}
