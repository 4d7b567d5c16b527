/**
 * Honest restores (issue 15, item 2): a backup of this till that would drop
 * or rewrite its history is refused and nothing changes; the explicit
 * rollback is journalled, keeps what it replaced in a sealed file, and shows
 * on the next Z; a file signed by a key the till never journalled says so.
 */
import { describe, expect, it } from 'vitest';
import { buildClosingReceipt } from '../../shared/closing-receipt';
import { canonicalJson, GENESIS_HASH, nextEntry } from '../../shared/journal';
import { verifySignature } from '../../shared/keys';
import { sealBackup, type BackupDocument } from '../../shared/backup';
import type { JournalEntry, Sale } from '../../shared/schemas';
import { checkRestore, createBackup, dumpTables, readBackup, restoreBackup, RestoreError, type WriteBackupResult } from './backup';
import { closeDay } from './closings';
import { tillSigner } from './custody';
import { rollbackToBackup, sealedHash, type RollbackDeps } from './rollback';
import { recordSale, verifyTillJournal } from './sales';
import { cartLine, demoDb, resealAsForger } from './testing';

const savedOk = (): Promise<WriteBackupResult> =>
  Promise.resolve({ saved: true, at: '2026-12-05T12:00:00.000Z', fileName: 'etal-sauvegarde-2026-12-05T12-00-00-000Z.json', path: '/b/etal-sauvegarde-2026-12-05T12-00-00-000Z.json', sha256: 'a'.repeat(64), lastJournalHash: 'b'.repeat(64) });

function sealedStore() {
  const written: { createdAt: string; content: string }[] = [];
  const deps: RollbackDeps = {
    backup: savedOk,
    writeSealed: (input) => {
      written.push(input);
      return Promise.resolve({ saved: true, fileName: 'etal-remplacees-2026-12-05T13-00-00-000Z-abc123.json', path: '/b/etal-remplacees-2026-12-05T13-00-00-000Z-abc123.json' });
    },
  };
  return { written, deps };
}

async function tillWithSales() {
  const ctx = await demoDb();
  const garland = ctx.product('Guirlande wax 1 m');
  const sell = (at: string, amount = 1200) => recordSale(ctx.db, ctx.coop, { cart: { lines: [cartLine(garland, 1000)] }, payments: [{ method: 'card', amount }], at });
  await sell('2026-12-05T10:00:00.000Z');
  await tillSigner(ctx.db, ctx.coop.tillId);
  return { ...ctx, sell };
}

/** A forger's copy of this till's backup: one sale's amount changed, the chain after it recomputed, resealed and signed with a key of theirs. */
function rechained(text: string, tillId: string): string {
  const doc = JSON.parse(text) as BackupDocument;
  const sales = doc.tables['sales'] as Sale[];
  (sales[0] as Sale).totals.ttc = 100;
  const records = new Map<string, unknown>(Object.values(doc.tables).flat().map((r) => [(r as { id?: string }).id ?? '', r]));
  let previous: JournalEntry | undefined;
  doc.tables['journal'] = (doc.tables['journal'] as JournalEntry[])
    .filter((e) => e.tillId === tillId)
    .sort((a, b) => a.seq - b.seq)
    .map((e) => (previous = nextEntry(previous, { tillId, type: e.type, recordId: e.recordId, at: e.at, record: records.get(e.recordId) })));
  doc.lastJournalHash = previous?.hash ?? GENESIS_HASH;
  return resealAsForger(doc);
}

describe('restore refusals', () => {
  it('refuses a re-chained backup of this till (edited ticket, chain and seal recomputed, re-signed): the database is unchanged byte for byte', async () => {
    const { db, coop } = await tillWithSales();
    const forged = rechained((await createBackup(db, { reason: 'manual' })).text, coop.tillId);
    const parsed = readBackup(db, forged);
    const check = await checkRestore(db, parsed);
    expect(check).toMatchObject({ signature: 'unknown', chain: { kind: 'diverged', seq: 1 } });
    const before = canonicalJson(await dumpTables(db));
    const error = await restoreBackup(db, parsed, savedOk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect(error).toMatchObject({ key: 'backup.err.refusedDiverged', params: { seq: 1 } });
    expect(canonicalJson(await dumpTables(db))).toBe(before);
  });

  it('tells a backup signed by this till’s key from an old unsigned one and from one signed by a key it never journalled', async () => {
    const { db, coop } = await tillWithSales();
    const own = readBackup(db, (await createBackup(db, { reason: 'manual' })).text);
    expect(await checkRestore(db, own)).toMatchObject({ signature: 'known', chain: { kind: 'same' } });
    const doc = JSON.parse((await createBackup(db, { reason: 'manual' })).text) as BackupDocument;
    expect((await checkRestore(db, readBackup(db, resealAsForger(doc)))).signature).toBe('unknown');
    // A format 2 file (before signing): same content, no key, no signature.
    const { publicKey: _key, signature: _signature, ...rest } = JSON.parse((await createBackup(db, { reason: 'manual' })).text) as BackupDocument;
    const unsigned = readBackup(db, JSON.stringify(sealBackup({ ...rest, version: 2 })));
    expect(unsigned.summary).toMatchObject({ fileVersion: 2, tillId: coop.tillId });
    expect(unsigned.summary.signedBy).toBeUndefined();
    expect((await checkRestore(db, unsigned)).signature).toBe('unsigned');
  });
});

describe('Revenir à cette sauvegarde', () => {
  it('needs a reason and who, journals a rollback on the restored chain, seals what it replaced, and the next Z says so', async () => {
    const { db, coop, sell } = await tillWithSales();
    const file = await createBackup(db, { reason: 'manual', createdAt: '2026-12-05T10:30:00.000Z' });
    await sell('2026-12-05T11:00:00.000Z');
    await sell('2026-12-05T11:30:00.000Z', 1200);
    const replacedHead = (await db.journal.toArray()).at(-1) as JournalEntry;
    const parsed = readBackup(db, file.text);
    const { written, deps } = sealedStore();
    const before = canonicalJson(await dumpTables(db));

    await expect(rollbackToBackup(db, parsed, { reason: ' ', by: 'Awa' }, deps)).rejects.toMatchObject({ key: 'backup.rollback.err.reason' });
    await expect(rollbackToBackup(db, parsed, { reason: 'ventes en double', by: '' }, deps)).rejects.toMatchObject({ key: 'backup.rollback.err.by' });
    expect(written).toEqual([]);
    expect(canonicalJson(await dumpTables(db))).toBe(before);

    const result = await rollbackToBackup(db, parsed, { reason: 'ventes saisies en double', by: 'Awa', fileName: 'cle/etal.json', at: '2026-12-05T13:00:00.000Z' }, deps);
    expect(await db.sales.count()).toBe(1);
    const journal = (await db.journal.toArray()).sort((a, b) => a.seq - b.seq);
    // key, sale (file) + the rollback: the two later sales are gone from the chain, kept in the sealed file.
    expect(journal.map((e) => e.type)).toEqual(['sale', 'key', 'rollback']);
    expect(result.rollback).toMatchObject({ reason: 'ventes saisies en double', by: 'Awa', replaced: { keptSeq: 2, toSeq: 4, entries: 2, lastHash: replacedHead.hash }, sealed: { fileName: 'etal-remplacees-2026-12-05T13-00-00-000Z-abc123.json' } });
    expect(await verifyTillJournal(db, coop.tillId)).toMatchObject({ ok: true, entries: 3 });

    const sealed = JSON.parse(written[0]?.content ?? '{}') as typeof result.sealed;
    expect(sealed.entries.map((e) => e.seq)).toEqual([3, 4]);
    expect((sealed.records['sales'] as Sale[]).map((s) => s.ticketNumber)).toEqual([2, 3]);
    expect(sealed.sha256).toBe(sealedHash(sealed));
    expect(result.rollback.sealed.sha256).toBe(sealed.sha256);
    expect(verifySignature(sealed.publicKey, sealed.signature, sealed.sha256)).toBe(true);

    // The next Z carries a line for it.
    const z = await closeDay(db, coop, { day: '2026-12-05', count: [], countedBy: 'Awa', at: '2026-12-05T18:00:00.000Z' });
    expect(z.rollbacks).toEqual([{ id: result.rollback.id, at: '2026-12-05T13:00:00.000Z', entries: 2, fromSeq: 3, toSeq: 4, by: 'Awa', reason: 'ventes saisies en double' }]);
    const text = buildClosingReceipt(z, coop).blocks.map((b) => ('text' in b ? b.text : 'left' in b ? `${b.left} ${b.right}` : '')).join('\n');
    expect(text).toContain('RETOUR À UNE SAUVEGARDE');
    expect(text).toContain('2 écritures remplacées (n° 3 à 4)');
    expect(text).toContain(z.keyFingerprint ?? 'no fingerprint');
    // The Z after it does not repeat it.
    await sell('2026-12-06T10:00:00.000Z');
    const z2 = await closeDay(db, coop, { day: '2026-12-06', count: [], countedBy: 'Awa', at: '2026-12-06T18:00:00.000Z' });
    expect(z2.rollbacks).toBeUndefined();
  });

  it('is refused when a plain restore does (the file extends this chain), and writes nothing when the sealed file cannot be written', async () => {
    const { db, sell } = await tillWithSales();
    const same = readBackup(db, (await createBackup(db, { reason: 'manual' })).text);
    const { deps } = sealedStore();
    await expect(rollbackToBackup(db, same, { reason: 'x', by: 'Awa' }, deps)).rejects.toMatchObject({ key: 'backup.rollback.err.notNeeded' });
    await sell('2026-12-05T11:00:00.000Z');
    const before = canonicalJson(await dumpTables(db));
    const failing: RollbackDeps = { backup: savedOk, writeSealed: () => Promise.resolve({ saved: false, error: { code: 'io', detail: 'disk full' } }) };
    await expect(rollbackToBackup(db, same, { reason: 'x', by: 'Awa' }, failing)).rejects.toMatchObject({ key: 'backup.rollback.err.sealed' });
    expect(canonicalJson(await dumpTables(db))).toBe(before);
  });

});
