/**
 * What a till serves and packs: the built renderer has no benchmark page
 * (it creates databases), and the web host answers 404 for it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startWebHost, type WebHost } from './harness';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('the benchmark page is not part of the web-mode or packaged build', () => {
  let host: WebHost | undefined;
  beforeAll(async () => {
    host = await startWebHost();
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('is absent from dist/renderer: no bench page, no bench chunk, no mention of it in the code', () => {
    const dist = path.join(ROOT, 'dist/renderer');
    const files = filesUnder(dist);
    expect(files).toContain('index.html');
    expect(files.filter((f) => /bench/i.test(f))).toEqual([]);
    const code = files.filter((f) => f.endsWith('.js') || f.endsWith('.html')).map((f) => readFileSync(path.join(dist, f), 'utf8'));
    expect(code.filter((c) => c.includes('__benchResult'))).toEqual([]);
  });

  it('is answered 404 by the web host, whatever the spelling', async () => {
    const base = host?.url ?? '';
    for (const p of ['bench/bench.html', 'bench/', 'BENCH/bench.html', 'bench%2Fbench.html', './bench/bench.html']) {
      const response = await fetch(new URL(p, base));
      expect(response.status, p).toBe(404);
    }
    expect((await fetch(base)).status).toBe(200);
  });
});
