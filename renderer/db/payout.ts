/**
 * The payout's data: what a period holds (all tills' sales, invoices,
 * charges and purchases, work logged), the payout exports (journalled like
 * sales, type 'payout'), signed by this till's key (renderer/db/custody.ts).
 */
import { canonicalJson, GENESIS_HASH, nextEntry, sha256Hex } from '../../shared/journal';
import { PayoutError, chargesFrom, computePayout, type PayoutInput, type PayoutResult } from '../../shared/payout';
import {
  accountingEntriesCsv,
  csvBytes,
  payoutCsv,
  payoutFileStem,
  payoutPdf,
  payoutXlsx,
  signPayoutFiles,
  sha256OfBytes,
  type AccountingSettings,
  type PayoutReport,
  type PayoutSignature,
} from '../../shared/payout-export';
import { payoutExportSchema, payoutPeriodSchema, type Coop, type PayoutExport, type PayoutPeriod, type PayoutRule } from '../../shared/schemas';
import { inPayoutPeriod, listCharges, listShifts } from './charges';
import { tillSigner } from './custody';
import { rollbackLine, rollbacksSince } from './rollback';
import { newId, nowIso, type EtalDb } from './db';
import { rememberHead, withoutForeign } from './anchors';
import { lastJournalEntry } from './sales';

/**
 * Everything the payout of `period` is computed from. Sales of every till
 * (tills merged into this one count too), cancellations included; invoices
 * and credit notes by issue day; charges and material purchases by day;
 * productions, contributions and shifts by day. A period narrowed to events
 * drops records tagged with another event (an invoice follows its order's
 * event). Contributions also include every contribution of the orders
 * invoiced in the period: they share that revenue out.
 */
export async function loadPayoutInput(db: EtalDb, coop: Coop, period: PayoutPeriod): Promise<PayoutInput> {
  const p = payoutPeriodSchema.parse(period);
  const [members, products, materials, salesAll, invoicesAll, charges, purchases, productionsAll, contributionsInRange, shifts] = await Promise.all([
    db.members.orderBy('order').toArray(),
    db.products.toArray(),
    db.materials.toArray(),
    db.sales.where('businessDay').between(p.from, p.to, true, true).toArray(),
    db.invoices.where('issueDay').between(p.from, p.to, true, true).toArray(),
    listCharges(db, p),
    db.purchases.where('day').between(p.from, p.to, true, true).toArray(),
    db.productions.where('day').between(p.from, p.to, true, true).toArray(),
    db.contributions.where('day').between(p.from, p.to, true, true).toArray(),
    listShifts(db, p),
  ]);
  const orderIdsOfInvoices = [...new Set(invoicesAll.map((i) => i.orderId))];
  const invoicedOrders = await db.orders.bulkGet(orderIdsOfInvoices);
  const orderEvent = new Map(invoicedOrders.flatMap((o) => (o ? [[o.id, o.eventId] as const] : [])));
  const invoices = (await withoutForeign(db, 'invoices', invoicesAll)).filter((i) => inPayoutPeriod(p, i.issueDay, orderEvent.get(i.orderId)));
  const invoicedIds = new Set(invoices.map((i) => i.orderId));
  const ofInvoiced = invoicedIds.size > 0 ? await db.contributions.where('orderId').anyOf([...invoicedIds]).toArray() : [];
  const contributions = [...new Map([...contributionsInRange, ...ofInvoiced].map((c) => [c.id, c])).values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const orderIds = [...new Set([...invoicedIds, ...contributions.map((c) => c.orderId)])];
  const orders = (await db.orders.bulkGet(orderIds)).flatMap((o) => (o ? [o] : []));
  return {
    period: p,
    members,
    products,
    // Another till's records count only when they came in through a merge (renderer/db/anchors.ts).
    sales: (await withoutForeign(db, 'sales', salesAll)).filter((s) => inPayoutPeriod(p, s.businessDay, s.eventId)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
    invoices,
    charges: chargesFrom(charges, purchases, materials),
    productions: productionsAll.filter((x) => inPayoutPeriod(p, x.day, x.eventId)),
    contributions,
    orders,
    shifts,
    contributionBp: coop.contributionBp,
  };
}

const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * SHA-256 of what the period's payout is computed from (sales, invoices,
 * charges, work logged, members, contribution rate), in canonical form: an
 * export records it, and a later change to the period shows as a warning.
 */
export function sourceDigest(input: PayoutInput): string {
  return sha256Hex(
    canonicalJson({
      period: input.period,
      contributionBp: input.contributionBp,
      members: byId(input.members).map((m) => [m.id, m.archived ? 1 : 0, m.analyticCode]),
      sales: byId(input.sales).map((s) => [s.id, s.totals.ttc, s.totals.ht]),
      invoices: byId(input.invoices).map((i) => [i.id, i.ttc, i.ht]),
      charges: byId(input.charges).map((c) => [c.id, c.amount, c.vatRate, c.paidBy ?? '']),
      productions: byId(input.productions).map((x) => [x.id, x.memberId, x.quantity, x.minutes]),
      contributions: byId(input.contributions).map((c) => [c.id, c.memberId, c.quantity, c.minutes, c.day]),
      shifts: byId(input.shifts).map((s) => [s.id, s.memberId, s.minutes]),
    }),
  );
}

/** Records an export with its journal entry (type 'payout'), in one transaction. */
export async function recordPayoutExport(
  db: EtalDb,
  coop: Coop,
  input: { period: PayoutPeriod; rule: PayoutRule; amountToDistribute: number; sourceDigest: string; files: { name: string; sha256: string }[]; memberId?: string | undefined },
): Promise<PayoutExport> {
  const at = nowIso();
  const record = payoutExportSchema.parse({
    id: newId(),
    tillId: coop.tillId,
    at,
    period: input.period,
    rule: input.rule,
    amountToDistribute: input.amountToDistribute,
    sourceDigest: input.sourceDigest,
    files: input.files,
    ...(input.memberId ? { memberId: input.memberId } : {}),
  });
  return db.transaction('rw', [db.payoutExports, db.journal, db.anchors], async () => {
    const last = await lastJournalEntry(db, coop.tillId);
    await db.payoutExports.add(record);
    await db.journal.add(nextEntry(last, { tillId: coop.tillId, type: 'payout', recordId: record.id, at, record }));
    await rememberHead(db, { tillId: coop.tillId, kind: 'payout', seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH, name: `${input.period.from} → ${input.period.to}`, at });
    return record;
  });
}

const periodKey = (p: PayoutPeriod) => `${p.from}|${p.to}|${[...p.eventIds].sort().join(',')}`;

/**
 * Each exported period (its latest export, newest first) and whether what it
 * was computed from has changed since (a late sale, a cancellation, a
 * charge edited…).
 */
export async function exportedPeriodWarnings(db: EtalDb, coop: Coop): Promise<{ exportId: string; period: PayoutPeriod; changed: boolean; at: string }[]> {
  const exports = (await db.payoutExports.toArray()).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const latest = new Map<string, PayoutExport>();
  for (const e of exports) if (!latest.has(periodKey(e.period))) latest.set(periodKey(e.period), e);
  return Promise.all(
    [...latest.values()].map(async (e) => ({
      exportId: e.id,
      period: e.period,
      at: e.at,
      changed: sourceDigest(await loadPayoutInput(db, coop, e.period)) !== e.sourceDigest,
    })),
  );
}

/** The rollbacks this till made since its last payout export (the next export tells the CAE). */
async function rollbacksToReport(db: EtalDb, tillId: string): Promise<Pick<PayoutReport, 'rollbacks'>> {
  const last = (await db.payoutExports.where('tillId').equals(tillId).toArray()).map((e) => e.at).sort().at(-1);
  const list = (await rollbacksSince(db, tillId, last)).map(rollbackLine);
  if (list.length === 0) return {};
  return { rollbacks: list.map(({ id: _id, ...line }) => line) };
}

export type PayoutFile = { name: string; mime: string; bytes: Uint8Array };

/**
 * The whole export in one call: computes the period, refuses an empty one
 * (payout.err.emptyExport) or a negative amount not confirmed
 * (payout.err.negativeNotConfirmed), builds the CSV, XLSX and signed PDF,
 * and records the export (journalled). Returns the files to save; with
 * `accounting` settings, a fourth file: the accounting entries (enDi layout).
 */
export async function exportPayout(
  db: EtalDb,
  coop: Coop,
  period: PayoutPeriod,
  rule: PayoutRule,
  options: { confirmNegative?: boolean; memberId?: string | undefined; accounting?: AccountingSettings } = {},
): Promise<{ result: PayoutResult; files: PayoutFile[]; record: PayoutExport; signature: PayoutSignature }> {
  const input = await loadPayoutInput(db, coop, period);
  const result = computePayout(input, rule);
  if (result.warnings.some((w) => w.key === 'payout.warn.noSales')) throw new PayoutError('payout.err.emptyExport');
  if (result.shares.length === 0) throw new PayoutError('payout.err.noMembers');
  if (result.figures.toDistribute < 0 && !options.confirmNegative) throw new PayoutError('payout.err.negativeNotConfirmed');
  const report: PayoutReport = {
    coop: { name: coop.name, caeName: coop.cae.name },
    period: input.period,
    rule,
    figures: result.figures,
    shares: result.shares,
    bases: result.bases,
    generatedAt: nowIso(),
    ...(await rollbacksToReport(db, coop.tillId)),
  };
  const stem = payoutFileStem(report);
  const csv = csvBytes(payoutCsv(report));
  const xlsx = await payoutXlsx(report);
  // Signed before the export is recorded: signing is asynchronous, the record's transaction must not wait on it.
  const signature = await signPayoutFiles(csv, xlsx, await tillSigner(db, coop.tillId));
  const pdf = await payoutPdf(report, signature);
  const files: PayoutFile[] = [
    { name: `${stem}.csv`, mime: 'text/csv;charset=utf-8', bytes: csv },
    { name: `${stem}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: xlsx },
    { name: `${stem}.pdf`, mime: 'application/pdf', bytes: pdf },
    // Asked for: the period's sales and invoices as entries for the CAE's accounting software.
    ...(options.accounting ? [{ name: `ecritures-${stem}.csv`, mime: 'text/csv;charset=utf-8', bytes: csvBytes(accountingEntriesCsv(input, options.accounting)) }] : []),
  ];
  const record = await recordPayoutExport(db, coop, {
    period: input.period,
    rule,
    amountToDistribute: result.figures.toDistribute,
    sourceDigest: sourceDigest(input),
    files: files.map((f) => ({ name: f.name, sha256: sha256OfBytes(f.bytes) })),
    memberId: options.memberId,
  });
  return { result, files, record, signature };
}
