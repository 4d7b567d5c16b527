import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./web-cli.ts', import.meta.url));
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'etal-cli-'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><html><head><title>Étal</title></head><body></body></html>');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it('prints exactly one line with its address, serves the page and stops cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], {
    env: { ...process.env, ETAL_RENDERER_DIR: root, ETAL_DATA_DIR: path.join(root, 'data'), ETAL_PORT: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const match = /^Étal \(web mode\) is running at (http:\/\/127\.0\.0\.1:\d+\/) — open it in your browser\.\n$/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`exited early: ${stdout}${stderr}`)));
  });
  // --port 0 won over ETAL_PORT=1.
  expect(url).not.toMatch(/:1\/$/);

  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/<meta name="etal-bridge-token" content="[\w-]{20,}">/);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
  expect(stderr).toBe('');
}, 20_000);
