/**
 * How many copies of each document have been printed (device-local store
 * `prints`, keyed by printDocId). Only the first copy of a receipt is the
 * original: every later one, from whichever button, is DUPLICATA n° k,
 * k counting per document. Issue #17 extends the same count to Zs and
 * invoices and journals each reprint.
 */
import { nowIso, type EtalDb } from './db';

export type PrintedDocument = { kind: 'sale' | 'closing' | 'invoice'; id: string };

export function printDocId(doc: PrintedDocument): string {
  return `${doc.kind}:${doc.id}`;
}

export async function copiesPrinted(db: EtalDb, doc: PrintedDocument): Promise<number> {
  return (await db.prints.get(printDocId(doc)))?.copies ?? 0;
}

/**
 * Takes the next copy of a document, atomically (two taps in a row never get
 * the same number), and returns its duplicate number: 0 for the original.
 * `assumeOriginalGiven`: the copy is a reprint by nature (from the sales
 * list), so when no copy was counted (sales from before the count, a till
 * that never prints) the original is taken as handed over at the till.
 */
export async function takeCopy(db: EtalDb, doc: PrintedDocument, options: { assumeOriginalGiven?: boolean } = {}): Promise<number> {
  const docId = printDocId(doc);
  return db.transaction('rw', db.prints, async () => {
    const before = (await db.prints.get(docId))?.copies ?? 0;
    const counted = options.assumeOriginalGiven ? Math.max(before, 1) : before;
    await db.prints.put({ docId, copies: counted + 1, lastAt: nowIso() });
    return counted;
  });
}

/** Gives back a copy the printer certainly never printed (refused, not found…), so the next try keeps its number. */
export async function returnCopy(db: EtalDb, doc: PrintedDocument): Promise<void> {
  const docId = printDocId(doc);
  await db.transaction('rw', db.prints, async () => {
    const record = await db.prints.get(docId);
    if (!record) return;
    if (record.copies <= 1) await db.prints.delete(docId);
    else await db.prints.put({ ...record, copies: record.copies - 1 });
  });
}
