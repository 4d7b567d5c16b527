/**
 * Where this till's signing key lives, and the journal of its changes
 * (issue 15, item 1).
 *
 * - In the desktop app the host keeps the key, encrypted by the OS key store
 *   (electron/keys/custody.ts); the renderer only asks for the public key and
 *   for signatures ('key:get-public', 'key:sign').
 * - In web mode (or when the OS offers no key store) the browser keeps a
 *   non-extractable WebCrypto Ed25519 key in the `deviceKeys` store: script
 *   can sign with it but cannot read it, and that store is never dumped into
 *   a backup, restored, merged or archived (LOCAL_TABLES in db.ts).
 *
 * Either way the key is this device's: a database restored or set up on
 * another laptop finds no key there, makes one, and `tillSigner` journals
 * the change (a 'key' entry naming old and new public keys) before the first
 * signature, so every signed file is signed by a key its chain names.
 *
 * Signing is asynchronous (WebCrypto, IPC): callers sign outside Dexie
 * transactions (ARCHITECTURE.md, pitfall) and write what they signed after.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { keyFingerprint } from '../../shared/fingerprint';
import { nextEntry } from '../../shared/journal';
import type { Signer } from '../../shared/keys';
import { keyChangeSchema, type KeyChange, type KeyChangeReason } from '../../shared/schemas/custody';
import { BridgeFailure, bridgeMode, invoke } from '../bridge';
import { newId, nowIso, type DeviceKey, type EtalDb } from './db';
import { lastJournalEntry } from './sales';

export type DeviceSigner = Signer & { custody: KeyChange['custody'] };

export type Custody = {
  kind: KeyChange['custody'];
  /** This device's key, made on first call. */
  deviceKey(): Promise<DeviceSigner>;
};

function toHex(buffer: ArrayBuffer): string {
  return bytesToHex(new Uint8Array(buffer));
}

/**
 * The browser's custody. `extractable` exists for tests only: a test that
 * must look for the private key's bytes in every file needs to know them,
 * and a non-extractable key would not say. The app never passes it.
 */
export function browserCustody(db: EtalDb, options: { extractable?: boolean } = {}): Custody {
  const signerOf = (record: DeviceKey): DeviceSigner => {
    const key = record.privateKey as CryptoKey;
    return {
      publicKeyHex: record.publicKeyHex,
      custody: 'browser',
      sign: async (bytes) => toHex(await crypto.subtle.sign('Ed25519', key, bytes as Uint8Array<ArrayBuffer>)),
    };
  };
  return {
    kind: 'browser',
    deviceKey: async () => {
      const stored = await db.deviceKeys.get('device');
      if (stored?.privateKey) return signerOf(stored);
      const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, options.extractable ?? false, ['sign', 'verify']);
      const record: DeviceKey = { id: 'device', publicKeyHex: toHex(await crypto.subtle.exportKey('raw', pair.publicKey)), privateKey: pair.privateKey, createdAt: nowIso() };
      // Another tab may have made one meanwhile: the first one stays.
      const kept = await db.transaction('rw', db.deviceKeys, async () => {
        const existing = await db.deviceKeys.get('device');
        if (existing?.privateKey) return existing;
        await db.deviceKeys.put(record);
        return record;
      });
      return signerOf(kept);
    },
  };
}

/** The desktop host's custody; falls back on the browser's when the OS has no key store. */
export function hostCustody(db: EtalDb): Custody {
  const fallback = browserCustody(db);
  const host: Custody = {
    kind: 'os',
    deviceKey: async () => {
      let publicKey: string;
      try {
        publicKey = (await invoke('key:get-public', {})).publicKey;
      } catch (error) {
        if (error instanceof BridgeFailure && error.code === 'key-unavailable') return fallback.deviceKey();
        throw error;
      }
      return {
        publicKeyHex: publicKey,
        custody: 'os',
        sign: async (bytes) => (await invoke('key:sign', { message: toBase64(bytes) })).signature,
      };
    },
  };
  return host;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

let override: ((db: EtalDb) => Custody) | null = null;

/** Tests only: every signer of `db` uses this custody (null restores the default). */
export function setCustodyForTests(make: ((db: EtalDb) => Custody) | null): void {
  override = make;
}

export function defaultCustody(db: EtalDb): Custody {
  if (override) return override(db);
  return bridgeMode() === 'electron' ? hostCustody(db) : browserCustody(db);
}

/** The last key change journalled on `tillId`'s chain, if any. */
export async function lastKeyChange(db: EtalDb, tillId: string): Promise<KeyChange | undefined> {
  // A till has a handful of key changes and a season of entries: read the changes and their entries
  // (by the recordId index), never walk the journal back to the last 'key' entry.
  const changes = await db.keyChanges.where('tillId').equals(tillId).toArray();
  if (changes.length === 0) return undefined;
  const entries = await db.journal.where('recordId').anyOf(changes.map((c) => c.id)).toArray();
  const seqOf = new Map(entries.filter((e) => e.tillId === tillId && e.type === 'key').map((e) => [e.recordId, e.seq]));
  let last: KeyChange | undefined;
  for (const change of changes) {
    const seq = seqOf.get(change.id);
    if (seq !== undefined && (last === undefined || seq > (seqOf.get(last.id) ?? -1))) last = change;
  }
  return last;
}

/** Every public key `tillId`'s chain has journalled, oldest first. */
export async function journalledKeys(db: EtalDb, tillId: string): Promise<string[]> {
  const changes = await db.keyChanges.where('tillId').equals(tillId).toArray();
  return [...new Set(changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).flatMap((c) => [...(c.oldPublicKey ? [c.oldPublicKey] : []), c.newPublicKey]))];
}

/**
 * Journals a key change when the chain's last key is not `key` (first key,
 * the old clear key replaced, another device). One transaction; returns the
 * change written, or null when the chain already names this key.
 */
async function journalKey(db: EtalDb, tillId: string, key: DeviceSigner): Promise<KeyChange | null> {
  return db.transaction('rw', [db.journal, db.keyChanges, db.deviceKeys], async () => {
    const previous = await lastKeyChange(db, tillId);
    if (previous?.newPublicKey === key.publicKeyHex) return null;
    const legacy = await db.deviceKeys.get('legacy');
    const old = previous?.newPublicKey ?? legacy?.publicKeyHex;
    const reason: KeyChangeReason = previous ? 'new-device' : legacy ? 'custody' : 'first';
    const at = nowIso();
    const change = keyChangeSchema.parse({ id: newId(), tillId, at, reason, ...(old ? { oldPublicKey: old } : {}), newPublicKey: key.publicKeyHex, custody: key.custody });
    await db.keyChanges.add(change);
    await db.journal.add(nextEntry(await lastJournalEntry(db, tillId), { tillId, type: 'key', recordId: change.id, at, record: change }));
    if (legacy) await db.deviceKeys.delete('legacy');
    return change;
  });
}

export type TillSigner = DeviceSigner & { fingerprint: string };

/**
 * This till's signer: the device's key, journalled on the till's chain if it
 * is not the chain's last key yet. Call it before a signing transaction,
 * never inside one.
 */
export async function tillSigner(db: EtalDb, tillId: string, custody: Custody = defaultCustody(db)): Promise<TillSigner> {
  const key = await custody.deviceKey();
  await journalKey(db, tillId, key);
  return { ...key, fingerprint: keyFingerprint(key.publicKeyHex) };
}
