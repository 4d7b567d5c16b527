import { describe, expect, it } from 'vitest';
import { ChargeError, deleteCharge, deleteShift, inPayoutPeriod, listCharges, listShifts, saveCharge, saveShift } from './charges';
import { demoDb } from './testing';

describe('charges', () => {
  it('saves, updates (creation kept), lists by period and deletes a charge', async () => {
    const { db } = await demoDb();
    const members = await db.members.orderBy('order').toArray();
    const payer = members[1]!;
    const a = await saveCharge(db, { day: '2026-12-01', label: ' Ruban et fil ', category: 'materials', amount: 18000, vatRate: 2000, paidBy: payer.id });
    expect(a).toMatchObject({ label: 'Ruban et fil', amount: 18000, paidBy: payer.id });
    const b = await saveCharge(db, { day: '2026-12-05', label: 'Place', category: 'stallFee', amount: 12000, vatRate: 2000 });
    await saveCharge(db, { day: '2026-11-20', label: 'Essence', category: 'transport', amount: 3000, vatRate: 2000 });
    const updated = await saveCharge(db, { day: '2026-12-05', label: 'Place marché de Noël', category: 'stallFee', amount: 12500, vatRate: 2000 }, b.id);
    expect(updated.id).toBe(b.id);
    expect(updated.createdAt).toBe(b.createdAt);
    expect((await listCharges(db)).map((c) => c.label)).toEqual(['Place marché de Noël', 'Ruban et fil', 'Essence']);
    expect((await listCharges(db, { from: '2026-12-01', to: '2026-12-31', eventIds: [] })).map((c) => c.amount)).toEqual([12500, 18000]);
    await deleteCharge(db, a.id);
    expect((await listCharges(db)).map((c) => c.label)).toEqual(['Place marché de Noël', 'Essence']);
  });

  it('refuses a zero amount, a wrong VAT rate, an unknown payer; nothing saved', async () => {
    const { db } = await demoDb();
    const base = { day: '2026-12-01', label: 'Place', category: 'stallFee' as const, amount: 12000, vatRate: 2000 };
    await expect(saveCharge(db, { ...base, amount: 0 })).rejects.toMatchObject({ key: 'err.amountZero' });
    await expect(saveCharge(db, { ...base, vatRate: 1900 })).rejects.toMatchObject({ key: 'err.vatRate' });
    await expect(saveCharge(db, { ...base, paidBy: 'nobody' })).rejects.toBeInstanceOf(ChargeError);
    await expect(saveCharge(db, { ...base, paidBy: 'nobody' })).rejects.toMatchObject({ key: 'payout.err.unknownMember' });
    await expect(saveCharge(db, base, 'missing-id')).rejects.toMatchObject({ key: 'payout.err.notFound' });
    expect(await db.charges.count()).toBe(0);
  });

  it('narrows a period to events: other events out, untagged records of the range in', () => {
    const period = { from: '2026-12-01', to: '2026-12-31', eventIds: ['noel'] };
    expect(inPayoutPeriod(period, '2026-12-05', 'noel')).toBe(true);
    expect(inPayoutPeriod(period, '2026-12-05', 'autre')).toBe(false);
    expect(inPayoutPeriod(period, '2026-12-05')).toBe(true);
    expect(inPayoutPeriod(period, '2027-01-01', 'noel')).toBe(false);
    expect(inPayoutPeriod(undefined, '1999-01-01')).toBe(true);
  });
});

describe('stall shifts', () => {
  it('records and deletes hours at the stall; refuses 0 minutes, more than a day, an unknown member', async () => {
    const { db } = await demoDb();
    const [awa] = await db.members.orderBy('order').toArray();
    const s = await saveShift(db, { memberId: awa!.id, day: '2026-12-05', minutes: 360 });
    await saveShift(db, { memberId: awa!.id, day: '2026-12-06', minutes: 90 });
    expect((await listShifts(db)).map((x) => x.minutes)).toEqual([90, 360]);
    expect((await listShifts(db, { from: '2026-12-05', to: '2026-12-05', eventIds: [] })).map((x) => x.id)).toEqual([s.id]);
    await expect(saveShift(db, { memberId: awa!.id, day: '2026-12-05', minutes: 0 })).rejects.toMatchObject({ key: 'err.minutes' });
    await expect(saveShift(db, { memberId: awa!.id, day: '2026-12-05', minutes: 24 * 60 + 1 })).rejects.toMatchObject({ key: 'err.minutes' });
    await expect(saveShift(db, { memberId: 'ghost', day: '2026-12-05', minutes: 60 })).rejects.toMatchObject({ key: 'payout.err.unknownMember' });
    await deleteShift(db, s.id);
    expect(await db.shifts.count()).toBe(1);
  });
});
