/**
 * Key custody (issue 15, item 1): where the till's signing key lives, that
 * it is in no file that leaves the device, and that every change of key is
 * journalled. fake-indexeddb stores a CryptoKey by structured clone as a
 * browser does (checked here: the key read back still signs), so the browser
 * custody runs for real on Node 20's WebCrypto Ed25519.
 */
import { Dexie } from 'dexie';
import { strToU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../shared/fingerprint';
import { sealBackup, type BackupDocument } from '../../shared/backup';
import { legacyPublicKey, verifySignature } from '../../shared/keys';
import { tillArchiveZip } from './archive';
import { createBackup, readBackup, restoreBackup, type WriteBackupResult } from './backup';
import { browserCustody, journalledKeys, setCustodyForTests, tillSigner } from './custody';
import { EtalDb } from './db';
import { SCHEMA_VERSIONS } from './schema';
import { RULES } from '../../shared/payout';
import { exportPayout } from './payout';
import { recordSale, verifyTillJournal } from './sales';
import { cartLine, demoDb } from './testing';

const savedOk = (): Promise<WriteBackupResult> =>
  Promise.resolve({ saved: true, at: '2026-12-05T12:00:00.000Z', fileName: 'etal-sauvegarde-2026-12-05T12-00-00-000Z.json', sha256: 'a'.repeat(64), lastJournalHash: 'b'.repeat(64) });

afterEach(() => setCustodyForTests(null));

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Does `haystack` hold `needle` as a run of bytes? */
function holdsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) >= 0;
}

describe('the browser custody', () => {
  it('keeps a non-extractable Ed25519 key in IndexedDB that still signs after being read back', async () => {
    const { db, coop } = await demoDb();
    const signer = await tillSigner(db, coop.tillId);
    const stored = await db.deviceKeys.get('device');
    expect(stored?.privateKey).toBeInstanceOf(CryptoKey);
    expect(stored?.privateKey?.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', stored?.privateKey as CryptoKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', stored?.privateKey as CryptoKey)).rejects.toThrow();
    const message = new TextEncoder().encode('Z n° 1');
    expect(verifySignature(signer.publicKeyHex, await signer.sign(message), message)).toBe(true);
    // Read again from the database (a new page load): same key.
    const again = await browserCustody(db).deviceKey();
    expect(again.publicKeyHex).toBe(signer.publicKeyHex);
    expect(signer.fingerprint).toBe(keyFingerprint(signer.publicKeyHex));
  });

  it('journals the first key once, as a verified record of the chain', async () => {
    const { db, coop } = await demoDb();
    const signer = await tillSigner(db, coop.tillId);
    await tillSigner(db, coop.tillId);
    const journal = await db.journal.toArray();
    expect(journal.map((e) => e.type)).toEqual(['key']);
    expect(await db.keyChanges.toArray()).toEqual([expect.objectContaining({ tillId: coop.tillId, reason: 'first', newPublicKey: signer.publicKeyHex, custody: 'browser' })]);
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 1 });
    await db.keyChanges.toCollection().modify({ newPublicKey: 'e'.repeat(64) });
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: false, problem: { kind: 'digest', seq: 1 } });
  });
});

describe('no file that leaves the till holds the private key', () => {
  it('in hex, base64, base64url, JWK d or raw bytes: backups, the USB copy, merge files, archives, payout exports', async () => {
    // Test-only: an extractable key, so that this test knows the bytes it looks for.
    // (The app's key is non-extractable; what this proves is that no code path writes the key material into these files.)
    setCustodyForTests((db) => browserCustody(db, { extractable: true }));
    const { db, coop, product } = await demoDb();
    await recordSale(db, coop, { cart: { lines: [cartLine(product('Guirlande wax 1 m'), 1000)] }, payments: [{ method: 'card', amount: 1200 }], at: '2026-12-05T10:00:00.000Z' });
    await tillSigner(db, coop.tillId);
    const key = (await db.deviceKeys.get('device'))?.privateKey as CryptoKey;
    const jwk = await crypto.subtle.exportKey('jwk', key);
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', key));
    const seed = pkcs8.slice(-32);
    expect(b64url(seed)).toBe(jwk.d);
    const textForms = [hex(seed), hex(seed).toUpperCase(), b64(seed), b64url(seed), jwk.d as string, b64(pkcs8), hex(pkcs8)];

    const backup = await createBackup(db, { reason: 'manual' }); // also what "Sauvegarder sur une clé USB" and a merge read
    const archive = await tillArchiveZip(db, coop);
    const payout = await exportPayout(db, coop, { from: '2026-12-01', to: '2026-12-31', eventIds: [] }, RULES.equal);
    const archiveFiles = Object.values(unzipSync(archive.bytes));
    const files: { name: string; bytes: Uint8Array }[] = [
      { name: backup.fileName, bytes: strToU8(backup.text) },
      { name: archive.fileName, bytes: archive.bytes },
      ...archiveFiles.map((bytes, i) => ({ name: `archive file ${i}`, bytes })),
      ...payout.files.map((f) => ({ name: f.name, bytes: f.bytes })),
    ];
    expect(archiveFiles.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = new TextDecoder().decode(file.bytes);
      for (const form of textForms) expect(text.includes(form), `${file.name} holds the key as ${form.slice(0, 6)}…`).toBe(false);
      expect(holdsBytes(file.bytes, seed), `${file.name} holds the key's raw bytes`).toBe(false);
    }
    // Checked the other way: the public key IS in them (the search works).
    expect(backup.text).toContain((await tillSigner(db, coop.tillId)).publicKeyHex);
  }, 30_000);
});

describe('an existing till moves to the new custody at the upgrade', () => {
  it('drops the clear key from the co-op record (version 8) and journals the change from that key to a device key', async () => {
    const name = `etal-v6-key-${Math.random().toString(36).slice(2)}`;
    const old = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.filter((x) => x.version <= 6)) old.version(v.version).stores(v.stores);
    const { coop } = await demoDb();
    const secret = '11'.repeat(32);
    await old.table('coop').add({ ...coop, signingKey: secret });
    old.close();

    const db = new EtalDb(name);
    const upgraded = await db.coop.get('coop');
    expect(upgraded).toBeDefined();
    expect(Object.keys(upgraded ?? {})).not.toContain('signingKey');
    const legacy = await db.deviceKeys.get('legacy');
    expect(legacy?.publicKeyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(legacy?.privateKey).toBeUndefined();

    const signer = await tillSigner(db, coop.tillId);
    expect(signer.publicKeyHex).not.toBe(legacy?.publicKeyHex);
    expect(await db.keyChanges.toArray()).toEqual([expect.objectContaining({ reason: 'custody', oldPublicKey: legacy?.publicKeyHex, newPublicKey: signer.publicKeyHex })]);
    expect(await db.deviceKeys.get('legacy')).toBeUndefined();
    expect(await journalledKeys(db, coop.tillId)).toEqual([legacy?.publicKeyHex, signer.publicKeyHex]);
    expect((await createBackup(db, { reason: 'manual' })).text).not.toContain(secret);
    db.close();
  });
});

describe('a till restored on another laptop', () => {
  it('makes a new key there and journals the change (old and new public keys, reason)', async () => {
    const { db, coop, product } = await demoDb();
    await recordSale(db, coop, { cart: { lines: [cartLine(product('Guirlande wax 1 m'), 1000)] }, payments: [{ method: 'card', amount: 1200 }], at: '2026-12-05T10:00:00.000Z' });
    const first = await tillSigner(db, coop.tillId);
    const file = await createBackup(db, { reason: 'manual' });

    const laptop = new EtalDb(`etal-new-laptop-${Math.random().toString(36).slice(2)}`);
    const parsed = readBackup(laptop, file.text);
    expect(parsed.summary.signedBy?.publicKey).toBe(first.publicKeyHex);
    await restoreBackup(laptop, parsed, savedOk);
    const changes = await laptop.keyChanges.toArray();
    const latest = changes.find((c) => c.reason === 'new-device');
    expect(latest).toMatchObject({ tillId: coop.tillId, oldPublicKey: first.publicKeyHex });
    expect(latest?.newPublicKey).toBe((await laptop.deviceKeys.get('device'))?.publicKeyHex);
    expect(latest?.newPublicKey).not.toBe(first.publicKeyHex);
    expect((await laptop.journal.toArray()).map((e) => e.type)).toEqual(['sale', 'key', 'restore', 'key']);
    expect(await verifyTillJournal(laptop, coop.tillId)).toMatchObject({ ok: true, entries: 4 });
    // Its next backup is signed by the new key, which its chain names.
    const next = readBackup(laptop, (await createBackup(laptop, { reason: 'manual' })).text);
    expect(next.summary.signedBy?.publicKey).toBe(latest?.newPublicKey);
    expect(next.summary.fileKeys).toEqual([first.publicKeyHex, latest?.newPublicKey]);
    laptop.close();
  });

  it('an old backup (format 2, clear key on its co-op record) restores without that key and journals the move to custody', async () => {
    const { db, coop } = await demoDb();
    const { publicKey: _key, signature: _signature, ...rest } = JSON.parse((await createBackup(db, { reason: 'manual' })).text) as BackupDocument;
    const secret = '22'.repeat(32);
    rest.tables['coop'] = [{ ...(rest.tables['coop']?.[0] as object), signingKey: secret }];
    rest.tables['journal'] = [];
    rest.tables['keyChanges'] = [];
    rest.lastJournalHash = '0'.repeat(64);
    const text = JSON.stringify(sealBackup({ ...rest, counts: Object.fromEntries(Object.entries(rest.tables).map(([n, r]) => [n, r.length])), version: 2 }));
    const laptop = new EtalDb(`etal-old-file-${Math.random().toString(36).slice(2)}`);
    const parsed = readBackup(laptop, text);
    expect(parsed.summary.legacyPublicKey).toBe(legacyPublicKey(secret));
    await restoreBackup(laptop, parsed, savedOk);
    expect(Object.keys((await laptop.coop.get('coop')) ?? {})).not.toContain('signingKey');
    expect(await laptop.keyChanges.toArray()).toEqual([expect.objectContaining({ tillId: coop.tillId, reason: 'custody', oldPublicKey: legacyPublicKey(secret) })]);
    expect((await createBackup(laptop, { reason: 'manual' })).text).not.toContain(secret);
    laptop.close();
  });
});
