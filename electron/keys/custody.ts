/**
 * The till's signing key in the desktop app. The host makes an Ed25519 key
 * once, keeps its 32-byte seed only as the OS key store encrypted it
 * (Electron safeStorage: DPAPI on Windows, the Keychain on macOS, the secret
 * service on Linux) in a file of the data folder, and answers only the public
 * key or a signature. The seed never crosses the bridge and never enters a
 * backup: the backups are the renderer's tables, this file is not one.
 *
 * `safeStorage` comes in as a parameter so this module runs in plain Node
 * tests (no test may import electron).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

/** The part of Electron's safeStorage used here. */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no secret service, the "encryption" uses a fixed password. */
  getSelectedStorageBackend?(): string;
};

export type HostKeyStore = {
  /** The public key (hex), the key made on first call. */
  publicKey(): Promise<{ publicKey: string; created: boolean }>;
  /** Ed25519 signature (hex) of `message` with the key (made on first call). */
  sign(message: Uint8Array): Promise<string>;
};

/** Thrown when the OS offers no key store: the renderer then keeps a browser key instead. */
export class KeyUnavailable extends Error {}

export const KEY_FILE = 'till-key.bin';
const SEED = /^[0-9a-f]{64}$/;

export function createHostKeyStore(options: { dataDir: string; safeStorage: SafeStorageLike }): HostKeyStore {
  const file = path.join(options.dataDir, KEY_FILE);
  let pending: Promise<{ seed: Uint8Array; created: boolean }> | null = null;

  const readSeed = async (): Promise<Uint8Array | null> => {
    let encrypted: Buffer;
    try {
      encrypted = await readFile(file);
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return null;
      throw error;
    }
    const text = options.safeStorage.decryptString(encrypted);
    if (!SEED.test(text)) throw new Error(`${KEY_FILE} does not hold a key`);
    return hexToBytes(text);
  };

  const load = async (): Promise<{ seed: Uint8Array; created: boolean }> => {
    if (!options.safeStorage.isEncryptionAvailable()) throw new KeyUnavailable('the operating system offers no key store (safeStorage)');
    // A hard-coded password is no custody: the browser's non-extractable key is the better keeper then.
    if (options.safeStorage.getSelectedStorageBackend?.() === 'basic_text') throw new KeyUnavailable('no secret service on this Linux session (safeStorage basic_text)');
    const existing = await readSeed();
    if (existing) return { seed: existing, created: false };
    const seed = new Uint8Array(randomBytes(32));
    await mkdir(options.dataDir, { recursive: true });
    // 'wx': never replace a key file (another start made one first: use that one).
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(options.safeStorage.encryptString(bytesToHex(seed)));
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST') {
        const other = await readSeed();
        if (other) return { seed: other, created: false };
      }
      throw error;
    }
    return { seed, created: true };
  };

  // One load at a time; a failed one is retried on the next call. The seed
  // is read again (decrypted) for every use rather than kept in memory.
  const withSeed = async (): Promise<{ seed: Uint8Array; created: boolean }> => {
    pending ??= load().finally(() => {
      pending = null;
    });
    return pending;
  };

  return {
    publicKey: async () => {
      const { seed, created } = await withSeed();
      return { publicKey: bytesToHex(ed25519.getPublicKey(seed)), created };
    },
    sign: async (message) => {
      const { seed } = await withSeed();
      return bytesToHex(ed25519.sign(message, seed));
    },
  };
}
