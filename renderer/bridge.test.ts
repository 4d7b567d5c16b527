import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeFailure, bridgeMode, invoke, type EtalApi } from './bridge';

type FetchArgs = [input: string, init: RequestInit];

function stubPage(options: { token?: string | null; etal?: EtalApi }): void {
  const meta = options.token === null ? null : { getAttribute: (name: string) => (name === 'content' ? (options.token ?? 'tok-123') : null) };
  vi.stubGlobal('document', { querySelector: (selector: string) => (selector === 'meta[name="etal-bridge-token"]' ? meta : null) });
  vi.stubGlobal('window', options.etal ? { etal: options.etal } : {});
}

function stubFetch(answer: () => Promise<Response>) {
  const fetchMock = vi.fn<(...args: FetchArgs) => Promise<Response>>(answer);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const json = (status: number, body: unknown) => () =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

async function failureOf(promise: Promise<unknown>): Promise<BridgeFailure> {
  const error: unknown = await promise.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
  if (!(error instanceof BridgeFailure)) throw new Error(`expected a BridgeFailure, got ${String(error)}`);
  return error;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('invoke in web mode', () => {
  it('posts JSON with the page token and returns the parsed result', async () => {
    stubPage({ token: 'tok-123' });
    const fetchMock = stubFetch(json(200, { ok: true, result: { name: 'Étal', version: '1', mode: 'web', platform: 'linux' } }));
    expect(bridgeMode()).toBe('web');
    await expect(invoke('app:get-info', {})).resolves.toEqual({ name: 'Étal', version: '1', mode: 'web', platform: 'linux' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/bridge/app%3Aget-info');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/json', 'x-etal-token': 'tok-123' });
    expect(init?.body).toBe('{}');
  });

  it('sends the input with the schema defaults applied', async () => {
    stubPage({});
    const fetchMock = stubFetch(json(200, { ok: true, result: { saved: true, path: '/x/a.csv' } }));
    await invoke('files:save', { suggestedName: 'a.csv', content: 'x' });
    expect(JSON.parse(fetchMock.mock.calls[0]?.[1].body as string)).toEqual({ suggestedName: 'a.csv', content: 'x', encoding: 'utf8' });
  });

  it('surfaces the host error with its code and detail', async () => {
    stubPage({});
    stubFetch(json(400, { ok: false, error: { code: 'invalid-input', detail: 'content: too long' } }));
    const failure = await failureOf(invoke('files:save', { suggestedName: 'a.csv', content: 'x' }));
    expect(failure).toMatchObject({ code: 'invalid-input', detail: 'content: too long' });
  });

  it("says 'host-unreachable' when the local service does not answer", async () => {
    stubPage({});
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const failure = await failureOf(invoke('printer:list', {}));
    expect(failure).toMatchObject({ code: 'host-unreachable', detail: 'Failed to fetch' });
  });

  it("says 'host-unreachable' when something other than the host answers", async () => {
    stubPage({});
    stubFetch(() => Promise.resolve(new Response('<html>502 Bad Gateway</html>', { status: 502 })));
    expect((await failureOf(invoke('printer:list', {}))).code).toBe('host-unreachable');
  });

  it("says 'host-unreachable' without trying when the page has no token", async () => {
    stubPage({ token: null });
    const fetchMock = stubFetch(json(200, { ok: true, result: { printers: [] } }));
    expect((await failureOf(invoke('printer:list', {}))).code).toBe('host-unreachable');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses an answer that breaks the contract', async () => {
    stubPage({});
    stubFetch(json(200, { ok: true, result: { printers: 'none' } }));
    const failure = await failureOf(invoke('printer:list', {}));
    expect(failure.code).toBe('invalid-output');
    expect(failure.detail).toMatch(/printers/);
  });

  it('refuses invalid input before any round trip, naming the field', async () => {
    stubPage({});
    const fetchMock = stubFetch(json(200, { ok: true, result: { saved: true } }));
    const failure = await failureOf(invoke('files:save', { suggestedName: '../x.csv', content: 'x' }));
    expect(failure.code).toBe('invalid-input');
    expect(failure.detail).toMatch(/^suggestedName: /);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('invoke in Electron', () => {
  it('goes through window.etal and never fetch', async () => {
    const etal: EtalApi = { invoke: vi.fn(() => Promise.resolve({ ok: true as const, result: { printers: [] } })) };
    stubPage({ etal, token: null });
    const fetchMock = stubFetch(json(500, {}));
    expect(bridgeMode()).toBe('electron');
    await expect(invoke('printer:list', {})).resolves.toEqual({ printers: [] });
    expect(etal.invoke).toHaveBeenCalledWith('printer:list', {});
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("turns a rejected IPC call into 'host-unreachable'", async () => {
    stubPage({ etal: { invoke: () => Promise.reject(new Error("No handler registered for 'printer:list'")) } });
    expect((await failureOf(invoke('printer:list', {}))).code).toBe('host-unreachable');
  });
});
