import { request } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security';
import { createFolderSaveChooser, resolveDataDirs } from '../files/locations';
import { createHandlers } from '../handlers';
import { startWebHost, type WebHost } from './web';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

let root: string;
let host: WebHost;
let exportsDir: string;

/** node:http rather than fetch: fetch would normalise '..' and add its own headers. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function post(channel: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send({
    method: 'POST',
    path: `/bridge/${channel}`,
    headers: { 'content-type': 'application/json', 'x-etal-token': host.token, ...headers },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'etal-web-'));
  const rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><meta name="etal-bridge-token" content="" /><title>Étal</title></head><body></body></html>',
  );
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("hi")');
  // A file beside the renderer folder that must never be reachable.
  await writeFile(path.join(root, 'secret.txt'), 'secret');
  const dirs = resolveDataDirs({ ETAL_DATA_DIR: path.join(root, 'data') }, '/nonexistent');
  exportsDir = dirs.exportsDir;
  const handlers = createHandlers({
    app: { name: 'Étal', version: '9.9.9', mode: 'web', platform: 'linux' },
    chooseSavePath: createFolderSaveChooser(dirs.exportsDir),
    backupsDir: dirs.backupsDir,
  });
  host = await startWebHost({ port: 0, rendererDir, handlers });
});

afterAll(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

describe('static files', () => {
  it('listens on 127.0.0.1 with a random port and token', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves index.html at / with the token, the CSP and no caching', async () => {
    const reply = await send({ path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).toContain(`<meta name="etal-bridge-token" content="${host.token}">`);
    expect(reply.body.match(/etal-bridge-token/g)).toHaveLength(1);
  });

  it('serves assets with their MIME type and the security headers', async () => {
    const reply = await send({ path: '/assets/app.js?v=1' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.body).toBe('console.log("hi")');
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/..%5csecret.txt', '/../../../../etc/passwd'])(
    'refuses traversal %s with 404',
    async (p) => {
      const reply = await send({ path: p });
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('secret');
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it('answers 404 for missing files and folders', async () => {
    expect((await send({ path: '/nope.js' })).status).toBe(404);
    expect((await send({ path: '/assets' })).status).toBe(404);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await send({ path: '/', headers: { host: `evil.example:${host.port}` } });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain(host.token);
  });

  it('accepts localhost as the same machine', async () => {
    expect((await send({ path: '/', headers: { host: `localhost:${host.port}` } })).status).toBe(200);
  });
});

describe('POST /bridge/<channel>', () => {
  it('answers app:get-info', async () => {
    const reply = await post('app:get-info', {}, { origin: `http://127.0.0.1:${host.port}` });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).toEqual({ ok: true, result: { name: 'Étal', version: '9.9.9', mode: 'web', platform: 'linux' } });
  });

  it('accepts a percent-encoded channel name (as renderer/bridge.ts sends it)', async () => {
    expect((await post(encodeURIComponent('app:get-info'), {})).status).toBe(200);
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    const missing = await send({ method: 'POST', path: '/bridge/app:get-info', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await post('app:get-info', {}, { 'x-etal-token': `${host.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(403);
  });

  it('refuses another origin even with the right token', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`, 'null']) {
      const reply = await post('app:get-info', {}, { origin });
      expect(reply.status).toBe(403);
    }
  });

  it('refuses anything but JSON with 415', async () => {
    const reply = await send({
      method: 'POST',
      path: '/bridge/app:get-info',
      headers: { 'content-type': 'text/plain', 'x-etal-token': host.token },
      body: '{}',
    });
    expect(reply.status).toBe(415);
  });

  it('answers 404 for an unknown channel', async () => {
    const reply = await post('system:run-command', {});
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('answers 400 naming the field for invalid input', async () => {
    const reply = await post('files:save', { suggestedName: 'a.csv', content: 'x', encoding: 'utf16' });
    expect(reply.status).toBe(400);
    const body = JSON.parse(reply.body) as { ok: false; error: { code: string; detail: string } };
    expect(body.error.code).toBe('invalid-input');
    expect(body.error.detail).toMatch(/^encoding: /);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const reply = await send({
      method: 'POST',
      path: '/bridge/app:get-info',
      headers: { 'content-type': 'application/json', 'x-etal-token': host.token },
      body: '{not json',
    });
    expect(reply.status).toBe(400);
  });

  it('refuses GET on the bridge', async () => {
    expect((await send({ path: '/bridge/app:get-info', headers: { 'x-etal-token': host.token } })).status).toBe(405);
  });

  it('saves a file into the exports folder', async () => {
    const reply = await post('files:save', { suggestedName: 'web.csv', content: 'a;b' });
    expect(JSON.parse(reply.body)).toEqual({ ok: true, result: { saved: true, path: path.join(exportsDir, 'web.csv') } });
    await expect(readFile(path.join(exportsDir, 'web.csv'), 'utf8')).resolves.toBe('a;b');
  });
});

describe('limits', () => {
  it('refuses a body over the limit with 413', async () => {
    const small = await startWebHost({
      port: 0,
      rendererDir: root,
      handlers: createHandlers({
        app: { name: 'Étal', version: '0', mode: 'web', platform: 'linux' },
        chooseSavePath: () => Promise.resolve(null),
        backupsDir: path.join(root, 'b'),
      }),
      maxBodyBytes: 1000,
    });
    try {
      const reply = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: small.port,
            method: 'POST',
            path: '/bridge/files:save',
            headers: { 'content-type': 'application/json', 'x-etal-token': small.token },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ suggestedName: 'big.txt', content: 'x'.repeat(5000) }));
      });
      expect(reply).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('will not bind to anything but loopback', async () => {
    await expect(
      startWebHost({ host: '0.0.0.0' as '127.0.0.1', rendererDir: root, handlers: createHandlers({
        app: { name: 'Étal', version: '0', mode: 'web', platform: 'linux' },
        chooseSavePath: () => Promise.resolve(null),
        backupsDir: path.join(root, 'b'),
      }) }),
    ).rejects.toThrow(/loopback/);
  });
});
