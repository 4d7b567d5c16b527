/**
 * The renderer's only way to reach the host (Electron's main process or the
 * web-mode Node host). Components call `invoke` and never touch window.etal
 * or fetch: the same code runs in both modes.
 *
 * Every failure arrives as a BridgeFailure with a stable `code` the UI can
 * translate; 'host-unreachable' means the app's local service is not running.
 */
import {
  BridgeFailure,
  bridgeErrorCodes,
  bridgeResponseSchema,
  contract,
  type BridgeResponse,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
} from '../shared/contract';

export { BridgeFailure, bridgeErrorCodes };

/** What electron/preload.ts exposes. */
export type EtalApi = {
  invoke: (channel: string, input: unknown) => Promise<BridgeResponse>;
};

declare global {
  // Declaration merging with the DOM's Window needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    etal?: EtalApi;
  }
}

/** Must match electron/security.ts BRIDGE_TOKEN_META and the web host's path and header. */
const TOKEN_META = 'etal-bridge-token';
const TOKEN_HEADER = 'x-etal-token';
const BRIDGE_PATH = '/bridge/';

export type BridgeMode = 'electron' | 'web';

export function bridgeMode(): BridgeMode {
  return typeof window !== 'undefined' && window.etal !== undefined ? 'electron' : 'web';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(input)'}: ${i.message}`).join('; ');
}

function readToken(): string | null {
  const content = document.querySelector(`meta[name="${TOKEN_META}"]`)?.getAttribute('content');
  return content ? content : null;
}

async function sendOverHttp(channel: Channel, input: unknown): Promise<unknown> {
  const token = readToken();
  if (token === null) {
    // A page not served by Étal's host (opened as a file, or from a dev
    // server) has no way to reach it.
    throw new BridgeFailure(bridgeErrorCodes.hostUnreachable, 'no bridge token in the page: it was not served by the Étal host');
  }
  let response: Response;
  try {
    response = await fetch(`${BRIDGE_PATH}${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new BridgeFailure(bridgeErrorCodes.hostUnreachable, describe(error));
  }
  try {
    return (await response.json()) as unknown;
  } catch (error) {
    // Something answered, but not our host (or it died mid-answer).
    throw new BridgeFailure(bridgeErrorCodes.hostUnreachable, `HTTP ${response.status}, not a bridge answer: ${describe(error)}`);
  }
}

async function sendOverIpc(api: EtalApi, channel: Channel, input: unknown): Promise<unknown> {
  try {
    return await api.invoke(channel, input);
  } catch (error) {
    // ipcRenderer.invoke rejects when the main process has no handler.
    throw new BridgeFailure(bridgeErrorCodes.hostUnreachable, describe(error));
  }
}

/**
 * Asks the host to run `channel`. The input is checked here too, so a
 * mistake is reported before a round trip (and before sending 50 MB), and
 * the answer is checked against the contract: the host is a boundary.
 */
export async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const spec = contract[channel];
  const parsedInput = spec.input.safeParse(input);
  if (!parsedInput.success) throw new BridgeFailure(bridgeErrorCodes.invalidInput, issuesOf(parsedInput.error));

  const api = typeof window !== 'undefined' ? window.etal : undefined;
  const raw = api ? await sendOverIpc(api, channel, parsedInput.data) : await sendOverHttp(channel, parsedInput.data);

  const envelope = bridgeResponseSchema.safeParse(raw);
  if (!envelope.success) throw new BridgeFailure(bridgeErrorCodes.invalidOutput, `not a bridge answer: ${issuesOf(envelope.error)}`);
  if (!envelope.data.ok) throw new BridgeFailure(envelope.data.error.code, envelope.data.error.detail);

  const output = spec.output.safeParse(envelope.data.result);
  if (!output.success) throw new BridgeFailure(bridgeErrorCodes.invalidOutput, issuesOf(output.error));
  // The lookup contract[channel] loses the link to C; the parse above is
  // what makes this cast true.
  return output.data as ChannelOutput<C>;
}
