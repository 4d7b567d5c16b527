import { describe, expect, it } from 'vitest';
import { copiesPrinted, returnCopy, takeCopy } from './prints';
import { demoDb } from './testing';

describe('copies printed of a document', () => {
  it('makes the first copy the original and numbers every later one, per document', async () => {
    const { db } = await demoDb();
    const a = { kind: 'sale', id: 'sale-a' } as const;
    const b = { kind: 'sale', id: 'sale-b' } as const;
    expect(await takeCopy(db, a)).toBe(0);
    expect(await takeCopy(db, a)).toBe(1);
    expect(await takeCopy(db, b)).toBe(0);
    expect(await takeCopy(db, a)).toBe(2);
    expect(await copiesPrinted(db, a)).toBe(3);
  });

  it('never gives two taps at once the same number', async () => {
    const { db } = await demoDb();
    const doc = { kind: 'sale', id: 'sale-c' } as const;
    const numbers = await Promise.all([takeCopy(db, doc), takeCopy(db, doc), takeCopy(db, doc)]);
    expect([...numbers].sort()).toEqual([0, 1, 2]);
  });

  it('takes the original as handed over for a reprint from the sales list', async () => {
    const { db } = await demoDb();
    const doc = { kind: 'sale', id: 'sale-d' } as const;
    expect(await takeCopy(db, doc, { assumeOriginalGiven: true })).toBe(1);
    expect(await takeCopy(db, doc)).toBe(2);
  });

  it('gives back a copy that never printed, so the retry keeps its number', async () => {
    const { db } = await demoDb();
    const doc = { kind: 'sale', id: 'sale-e' } as const;
    expect(await takeCopy(db, doc)).toBe(0);
    await returnCopy(db, doc);
    expect(await takeCopy(db, doc)).toBe(0);
    expect(await takeCopy(db, doc)).toBe(1);
  });
});
