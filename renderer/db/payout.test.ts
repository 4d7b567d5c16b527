import { describe, expect, it } from 'vitest';
import { verifyBackupJournals } from '../../shared/backup';
import { nextEntry } from '../../shared/journal';
import { computePayout, PayoutError, RULES } from '../../shared/payout';
import { DEFAULT_ACCOUNTING, csvBytes, payoutCsv, payoutFileStem, signPayoutFiles, verifyPayoutFiles } from '../../shared/payout-export';
import { coopSchema, type Coop } from '../../shared/schemas';
import { ORDER, PERIOD, contribution, NAMES, production, saleOf, shift, workedExample } from '../../test/fixtures/payout-example';
import { dumpTables } from './backup';
import { saveCharge } from './charges';
import type { EtalDb } from './db';
import { tillSigner } from './custody';
import { exportPayout, exportedPeriodWarnings, loadPayoutInput, recordPayoutExport, sourceDigest } from './payout';
import { demoDb } from './testing';

/** The worked example stored: members m1–m8, the ticket, the invoiced order and its contributions, charges, work. */
async function workedDb(): Promise<{ db: EtalDb; coop: Coop }> {
  const { db, coop: demo } = await demoDb();
  // The example's records are this till's ('till-1'); 'till-2' is a till merged in (its sales count only with their entry).
  const coop = coopSchema.parse({ ...demo, tillId: 'till-1', otherTills: [{ id: 'till-2', name: 'Caisse 2' }] });
  await db.coop.put(coop);
  const example = workedExample();
  await db.members.clear();
  await db.members.bulkAdd(example.members);
  await db.products.add(example.products[0]!);
  await db.sales.bulkAdd(example.sales);
  await db.orders.add(ORDER);
  await db.invoices.bulkAdd(example.invoices);
  await db.contributions.bulkAdd(example.contributions);
  await db.productions.bulkAdd(example.productions);
  await db.shifts.bulkAdd(example.shifts);
  await saveCharge(db, { day: '2026-12-05', label: 'Place au marché', category: 'stallFee', amount: 12000, vatRate: 2000 });
  // The ribbon and thread bought by Mariam, recorded as a material purchase: it counts once, as a charge.
  await db.materials.add({ id: 'ribbon', name: 'Ruban et fil', unit: 'metre', unitCost: 50, vatRate: 2000, lowStock: 0, supplierNote: '', archived: false, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' });
  await db.purchases.add({ id: 'pu1', materialId: 'ribbon', day: '2026-12-01', quantity: 360000, amount: 18000, vatRate: 2000, paidBy: 'm2', at: '2026-12-01T10:00:00.000Z' });
  return { db, coop };
}

describe('loadPayoutInput', () => {
  it('reads the period from the database: the worked example gives 1 227,50 €', async () => {
    const { db, coop } = await workedDb();
    const input = await loadPayoutInput(db, coop, PERIOD);
    const { figures, shares, bases } = computePayout(input, RULES.equal);
    expect(figures.toDistribute).toBe(122750);
    expect(input.charges.map((c) => [c.label, c.source])).toEqual([
      ['Ruban et fil', 'purchase'],
      ['Place au marché', 'charge'],
    ]);
    expect(shares.map((s) => s.total)).toEqual([15344, 15344, 15344, 15344, 15344, 15344, 15343, 15343]);
    expect(shares[1]?.reimbursement).toBe(18000);
    expect(bases.map((b) => b.firstName)).toEqual([...NAMES]);
  });

  it('counts every till’s sales in the period, leaves other days and other events out', async () => {
    const { db, coop } = await workedDb();
    const merged = { ...saleOf('other-till', [{ name: 'Sac', total: 1200, makerIds: ['m3'] }], 'sale', '2026-12-06'), tillId: 'till-2' };
    await db.journal.add(nextEntry(undefined, { tillId: 'till-2', type: 'sale', recordId: merged.id, at: merged.at, record: merged }));
    await db.sales.bulkAdd([
      merged,
      { ...saleOf('before', [{ name: 'Sac', total: 5000, makerIds: ['m3'] }], 'sale', '2026-11-30'), ticketNumber: 2 },
      { ...saleOf('other-event', [{ name: 'Sac', total: 7000, makerIds: ['m3'] }], 'sale', '2026-12-07'), eventId: 'salon', ticketNumber: 3 },
    ]);
    await db.events.bulkAdd([
      { id: 'noel', name: 'Noël', place: 'Place', startDay: '2026-12-01', endDay: '2026-12-24', stallFee: 0, archived: false, createdAt: '2026-11-01T00:00:00.000Z' },
      { id: 'salon', name: 'Salon', place: 'Hall', startDay: '2026-12-07', endDay: '2026-12-07', stallFee: 0, archived: false, createdAt: '2026-11-01T00:00:00.000Z' },
    ] as never);
    const all = await loadPayoutInput(db, coop, PERIOD);
    expect(all.sales.map((s) => s.id).sort()).toEqual(['other-event', 'other-till', 's1']);
    const noel = await loadPayoutInput(db, coop, { ...PERIOD, eventIds: ['noel'] });
    expect(noel.sales.map((s) => s.id).sort()).toEqual(['other-till', 's1']);
    expect(computePayout(noel, RULES.equal).figures.salesHt).toBe(104167 + 1000);
  });

  it('shares an invoiced order by all its contributions, counting only the minutes dated in the period', async () => {
    const { db, coop } = await workedDb();
    await db.contributions.add(contribution('early', 'm7', 0, 120, '2026-11-25'));
    const input = await loadPayoutInput(db, coop, PERIOD);
    expect(input.contributions.map((c) => c.id).sort()).toEqual(['early', 'k5', 'k6']);
    const nadia = computePayout(input, RULES.hours).bases.find((b) => b.memberId === 'm7');
    expect(nadia?.orderMinutes).toBe(0);
    // Work of the period on an order not invoiced yet counts as hours, not revenue.
    await db.orders.add({ ...ORDER, id: 'o2', number: 'C-2026-0008', status: 'inProduction' });
    await db.contributions.add(contribution('later', 'm8', 5000, 90, '2026-12-20', 'o2'));
    await db.productions.add(production('pr8', 'm8', 'p-garland', 1000, 30, '2026-12-21'));
    const bases = computePayout(await loadPayoutInput(db, coop, PERIOD), RULES.hours).bases;
    expect(bases.find((b) => b.memberId === 'm8')).toMatchObject({ orderMinutes: 90, productionMinutes: 30, ordersHt: 0 });
  });
});

describe('payout exports', () => {
  it('records an export with its journal entry; the backup journal still verifies', async () => {
    const { db, coop } = await workedDb();
    const input = await loadPayoutInput(db, coop, PERIOD);
    const record = await recordPayoutExport(db, coop, {
      period: PERIOD,
      rule: RULES.equal,
      amountToDistribute: 122750,
      sourceDigest: sourceDigest(input),
      files: [{ name: 'a.csv', sha256: 'a'.repeat(64) }],
    });
    const entries = await db.journal.toArray();
    expect(entries.filter((e) => e.type === 'payout').map((e) => e.recordId)).toEqual([record.id]);
    // The fixture's sales were stored without journal entries: check the chain with the payout exports alone.
    const journalled = async () => {
      const tables = await dumpTables(db);
      return verifyBackupJournals({ journal: tables['journal'] ?? [], payoutExports: tables['payoutExports'] ?? [] });
    };
    expect(await journalled()).toMatchObject({ ok: true });
    await db.payoutExports.update(record.id, { amountToDistribute: 1 });
    expect(await journalled()).toMatchObject({ ok: false, kind: 'digest' });
  });

  it('exports CSV, XLSX and a signed PDF, records their hashes; a later sale in the period shows as a change', async () => {
    const { db, coop } = await workedDb();
    const { files, record, signature, result } = await exportPayout(db, coop, PERIOD, RULES.equal);
    expect(files.map((f) => f.name)).toEqual(['csv', 'xlsx', 'pdf'].map((ext) => `${payoutFileStem({ coop: { name: coop.name, caeName: '' }, period: PERIOD })}.${ext}`));
    expect(files[0]?.name).toMatch(/^retribution-[a-z0-9-]+-2026-12-01-2026-12-24\.csv$/);
    expect(record.amountToDistribute).toBe(122750);
    expect(record.files.map((f) => f.sha256)).toEqual([signature.csvSha256, signature.xlsxSha256, expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(verifyPayoutFiles(files[0]!.bytes, files[1]!.bytes, signature)).toBe(true);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(files[0]!.bytes)).toBe(payoutCsv({ coop: { name: coop.name, caeName: coop.cae.name }, period: PERIOD, rule: RULES.equal, ...result, generatedAt: '' }));
    expect(await exportedPeriodWarnings(db, coop)).toEqual([{ exportId: record.id, period: PERIOD, at: record.at, changed: false }]);
    // A cancellation recorded afterwards on a day of the period.
    await db.sales.add({ ...saleOf('s1-x', [{ name: 'Guirlande', total: -50000, makerIds: ['m1'] }], 'cancellation', '2026-12-06'), ticketNumber: 2 });
    expect((await exportedPeriodWarnings(db, coop))[0]?.changed).toBe(true);
    // So does a charge edited or a shift added.
    await db.sales.delete('s1-x');
    expect((await exportedPeriodWarnings(db, coop))[0]?.changed).toBe(false);
    await db.shifts.add(shift('late', 'm8', 60, '2026-12-20'));
    expect((await exportedPeriodWarnings(db, coop))[0]?.changed).toBe(true);
  });

  it('refuses an empty period and a negative amount unless confirmed; nothing recorded when refused', async () => {
    const { db, coop } = await workedDb();
    const empty = { from: '2027-01-01', to: '2027-01-31', eventIds: [] };
    await expect(exportPayout(db, coop, empty, RULES.equal)).rejects.toMatchObject({ key: 'payout.err.emptyExport' });
    await saveCharge(db, { day: '2026-12-03', label: 'Stand salon', category: 'stallFee', amount: 240000, vatRate: 2000 });
    await expect(exportPayout(db, coop, PERIOD, RULES.equal)).rejects.toBeInstanceOf(PayoutError);
    await expect(exportPayout(db, coop, PERIOD, RULES.equal)).rejects.toMatchObject({ key: 'payout.err.negativeNotConfirmed' });
    expect(await db.payoutExports.count()).toBe(0);
    expect((await db.journal.toArray()).filter((e) => e.type === 'payout')).toEqual([]);
    const { record, files } = await exportPayout(db, coop, PERIOD, RULES.equal, { confirmNegative: true, accounting: DEFAULT_ACCOUNTING });
    expect(record.amountToDistribute).toBe(-77250);
    expect(files.map((f) => f.name.split('.').at(-1))).toEqual(['csv', 'xlsx', 'pdf', 'csv']);
    expect(files[3]?.name).toMatch(/^ecritures-retribution-/);
    expect(record.files.map((f) => f.name)).toEqual(files.map((f) => f.name));
  });
});

describe('the payout files are signed by the till key', () => {
  it('makes the key once on the device (not on the co-op record), journals it, signs verifiably', async () => {
    const { db, coop } = await demoDb();
    const a = await tillSigner(db, coop.tillId);
    const b = await tillSigner(db, coop.tillId);
    expect(a.publicKeyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(b.publicKeyHex).toBe(a.publicKeyHex);
    expect(Object.keys((await db.coop.get('coop')) ?? {})).not.toContain('signingKey');
    expect((await db.keyChanges.toArray()).map((c) => [c.reason, c.newPublicKey])).toEqual([['first', a.publicKeyHex]]);
    const other = await demoDb();
    expect((await tillSigner(other.db, other.coop.tillId)).publicKeyHex).not.toBe(a.publicKeyHex);
    const csv = csvBytes('x');
    const xlsx = new Uint8Array([1, 2, 3]);
    expect(verifyPayoutFiles(csv, xlsx, await signPayoutFiles(csv, xlsx, a))).toBe(true);
  });
});
