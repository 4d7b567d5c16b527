/**
 * The desktop custody with Electron's safeStorage replaced by a stand-in
 * (no test may import electron). What this proves: the module writes only
 * what safeStorage returns, never the seed itself; the key survives a
 * restart; the bridge channels answer a public key and signatures, never
 * the key; with no OS key store it says so ('key-unavailable') and writes
 * nothing. It cannot prove the OS encryption itself (DPAPI, Keychain, libsecret).
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../shared/keys';
import { createHandlers, dispatch, sealedFileName } from '../handlers';
import { createHostKeyStore, KEY_FILE, type SafeStorageLike } from './custody';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'etal-key-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in that really transforms the text (XOR, then a marker), so the clear seed cannot be on disk by accident. */
function fakeSafeStorage(available = true): SafeStorageLike & { decrypted: string[] } {
  const decrypted: string[] = [];
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    decrypted,
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.concat([Buffer.from('OSKEY1'), xor(Buffer.from(plain, 'utf8'))]),
    decryptString: (encrypted) => {
      if (encrypted.subarray(0, 6).toString() !== 'OSKEY1') throw new Error('not ours');
      const text = xor(encrypted.subarray(6)).toString('utf8');
      decrypted.push(text);
      return text;
    },
  };
}

describe('the host key store', () => {
  it('makes the key once, keeps only the OS-encrypted seed on disk, and signs with it after a restart', async () => {
    const storage = fakeSafeStorage();
    const store = createHostKeyStore({ dataDir: dir, safeStorage: storage });
    const first = await store.publicKey();
    expect(first).toMatchObject({ created: true });
    const message = new TextEncoder().encode('manifest.json');
    const signature = await store.sign(message);
    expect(verifySignature(first.publicKey, signature, message)).toBe(true);

    const onDisk = await readFile(path.join(dir, KEY_FILE));
    const seedHex = storage.decrypted[0] ?? '';
    expect(seedHex).toMatch(/^[0-9a-f]{64}$/);
    expect(onDisk.toString('latin1')).not.toContain(seedHex);
    expect(onDisk.includes(Buffer.from(seedHex, 'hex'))).toBe(false);
    expect(onDisk.subarray(0, 6).toString()).toBe('OSKEY1');

    const restarted = createHostKeyStore({ dataDir: dir, safeStorage: fakeSafeStorage() });
    expect(await restarted.publicKey()).toEqual({ publicKey: first.publicKey, created: false });
  });

  it('answers the public key and signatures over the bridge, never the key; without an OS key store it says key-unavailable and writes nothing', async () => {
    const storage = fakeSafeStorage();
    const handlers = createHandlers({ app: { name: 'Étal', version: '0', mode: 'electron', platform: 'linux' }, chooseSavePath: () => Promise.resolve(null), backupsDir: path.join(dir, 'b'), keyStore: createHostKeyStore({ dataDir: dir, safeStorage: storage }) });
    const { publicKey } = (await dispatch(handlers, 'key:get-public', {})) as { publicKey: string };
    const message = Buffer.from('seal').toString('base64');
    const answer = (await dispatch(handlers, 'key:sign', { message })) as Record<string, string>;
    expect(Object.keys(answer)).toEqual(['signature']);
    expect(verifySignature(publicKey, answer['signature'] ?? '', new TextEncoder().encode('seal'))).toBe(true);
    expect(JSON.stringify(answer)).not.toContain(storage.decrypted[0] ?? 'no seed');
    await expect(dispatch(handlers, 'key:sign', { message: 'not base64!' })).rejects.toMatchObject({ code: 'invalid-input' });

    const none = createHandlers({ app: { name: 'Étal', version: '0', mode: 'electron', platform: 'linux' }, chooseSavePath: () => Promise.resolve(null), backupsDir: dir, keyStore: createHostKeyStore({ dataDir: path.join(dir, 'none'), safeStorage: fakeSafeStorage(false) }) });
    await expect(dispatch(none, 'key:get-public', {})).rejects.toMatchObject({ code: 'key-unavailable' });
    await expect(readdir(path.join(dir, 'none'))).rejects.toMatchObject({ code: 'ENOENT' });
    // Linux without a secret service: safeStorage "encrypts" with a fixed password, which is no custody either.
    const basic = createHostKeyStore({ dataDir: path.join(dir, 'basic'), safeStorage: { ...fakeSafeStorage(), getSelectedStorageBackend: () => 'basic_text' } });
    await expect(basic.publicKey()).rejects.toThrow(/basic_text/);
    await expect(readdir(path.join(dir, 'basic'))).rejects.toMatchObject({ code: 'ENOENT' });
    const web = createHandlers({ app: { name: 'Étal', version: '0', mode: 'web', platform: 'linux' }, chooseSavePath: () => Promise.resolve(null), backupsDir: dir });
    await expect(dispatch(web, 'key:sign', { message })).rejects.toMatchObject({ code: 'key-unavailable' });
  });
});

describe('backup:write-sealed', () => {
  it('writes beside the backups under a name of its own, never over another file, out of the rotation', async () => {
    const backupsDir = path.join(dir, 'backups');
    const handlers = createHandlers({ app: { name: 'Étal', version: '0', mode: 'web', platform: 'linux' }, chooseSavePath: () => Promise.resolve(null), backupsDir });
    const createdAt = '2026-12-05T13:00:00.123Z';
    const a = (await dispatch(handlers, 'backup:write-sealed', { createdAt, content: '{"a":1}' })) as { saved: boolean; fileName: string; path: string };
    const b = (await dispatch(handlers, 'backup:write-sealed', { createdAt, content: '{"b":2}' })) as { saved: boolean; fileName: string; path: string };
    expect(a.saved && b.saved).toBe(true);
    expect(a.fileName).toMatch(/^etal-remplacees-2026-12-05T13-00-00-123Z-[0-9a-f]{6}\.json$/);
    expect(a.fileName).not.toBe(b.fileName);
    expect(path.dirname(a.path)).toBe(backupsDir);
    expect(await readFile(a.path, 'utf8')).toBe('{"a":1}');
    expect(await readFile(b.path, 'utf8')).toBe('{"b":2}');
    // Rotation only deletes files the host's backup index lists (electron/files/backups.ts), which a sealed file never enters; its name
    // is not a backup's either, so no person takes it for one.
    expect(a.fileName.startsWith('etal-sauvegarde-')).toBe(false);
    expect(sealedFileName(createdAt, 'abcdef')).toBe('etal-remplacees-2026-12-05T13-00-00-123Z-abcdef.json');
  });
});
