/**
 * The security decisions of both hosts, as plain functions: Electron cannot be
 * loaded under plain Node (tests), so main.ts and hosts/web.ts only wire these.
 */
import path from 'node:path';

/**
 * The renderer only ever loads its own bundled files. 'unsafe-inline' for
 * styles because React's style={...} props become inline style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Headers sent with every response of both hosts. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * A fixed origin keeps IndexedDB in the same place across updates (a file://
 * path or a dev port would change it and "lose" the data).
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://etal';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of the app's own pages (app://etal/...), nothing else. */
export function isAppUrl(url: string): boolean {
  // The prefix test alone rejects look-alikes such as app://etal@evil/ or
  // app://etal.evil/; parsing then rejects anything the URL parser would
  // read differently from the raw string.
  if (!url.startsWith(`${APP_ORIGIN}/`)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'etal' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Accepts the app's origin as Chromium reports it ('app://etal') or any of its URLs. */
function isAppOriginOrUrl(value: string): boolean {
  return value === APP_ORIGIN || isAppUrl(value);
}

/**
 * Every permission is denied except persistent storage, which keeps the
 * browser from evicting the till's IndexedDB under disk pressure. Even that
 * one is granted only to the app's own pages.
 */
export function isPermissionAllowed(permission: string, requestingUrlOrOrigin: string): boolean {
  return permission === 'persistent-storage' && isAppOriginOrUrl(requestingUrlOrOrigin);
}

/**
 * Navigation stays inside the app: links to elsewhere are never followed
 * (a till must not turn into a web browser, and remote pages must never get
 * the preload's bridge).
 */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Resolves `relativePath` inside `dir`, or returns null when the result would
 * leave `dir` (.., absolute paths, drive letters, NUL bytes). Lexical only:
 * callers that create files also open them exclusively.
 */
export function resolveInsideDir(dir: string, relativePath: string): string | null {
  if (relativePath.includes('\0')) return null;
  const root = path.resolve(dir);
  const target = path.resolve(root, relativePath);
  const relative = path.relative(root, target);
  // Compare the first segment, not a '..' prefix: a file named '..notes'
  // inside the folder is fine. On Windows another drive gives an absolute path.
  if (relative === '' || relative.split(path.sep)[0] === '..' || path.isAbsolute(relative)) return null;
  return target;
}

/**
 * Maps a URL path of the renderer (already split from the query) to a file
 * inside `rendererDir`, or null if it does not name one safely.
 * '/' is the entry page.
 */
export function rendererFileFor(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // Backslashes would be separators on Windows: refuse rather than guess.
  if (decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  // The benchmark page creates databases: never served, even from a renderer folder an older build left it in.
  if (/^bench(?:\/|$)/i.test(relative)) return null;
  return resolveInsideDir(rendererDir, relative);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/**
 * With nosniff, a wrong type blocks a script or a stylesheet outright, so
 * unknown extensions get a type browsers will never execute.
 */
export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export const BRIDGE_TOKEN_META = 'etal-bridge-token';

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Puts the web host's per-run token where renderer/bridge.ts reads it: a
 * page from another origin cannot read it, so it cannot call the bridge.
 */
export function injectBridgeToken(html: string, token: string): string {
  const meta = `<meta name="${BRIDGE_TOKEN_META}" content="${escapeAttribute(token)}">`;
  const placeholder = /<meta\s+name=["']etal-bridge-token["']\s+content=["']["']\s*\/?>/i;
  if (placeholder.test(html)) return html.replace(placeholder, () => meta);
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) {
    const at = head.index + head[0].length;
    return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
  }
  // No <head>: the parser still puts a leading <meta> into the head.
  return `${meta}\n${html}`;
}
