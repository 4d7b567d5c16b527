/**
 * Markets and fairs. The current one is kept on the co-op record, so that
 * recordSale (which already receives the co-op) tags each sale with it.
 */
import { marketEventFormSchema, marketEventSchema, type MarketEvent, type MarketEventForm } from '../../shared/schemas';
import { updateCoop } from './catalog';
import { newId, nowIso, type EtalDb } from './db';

export async function saveEvent(db: EtalDb, form: MarketEventForm, id?: string): Promise<MarketEvent> {
  const parsed = marketEventFormSchema.parse(form);
  return db.transaction('rw', db.events, async () => {
    const existing = id ? await db.events.get(id) : undefined;
    const event = marketEventSchema.parse({
      ...existing,
      ...parsed,
      id: existing?.id ?? newId(),
      archived: existing?.archived ?? false,
      createdAt: existing?.createdAt ?? nowIso(),
    });
    await db.events.put(event);
    return event;
  });
}

/** The event the till works in, named on the co-op record; undefined when none (or when it no longer exists). */
export async function currentEvent(db: EtalDb, coop: { currentEventId?: string | undefined }): Promise<MarketEvent | undefined> {
  return coop.currentEventId ? db.events.get(coop.currentEventId) : undefined;
}

/** Makes `eventId` the event the till works in (undefined: none). */
export async function setCurrentEvent(db: EtalDb, eventId: string | undefined): Promise<void> {
  if (eventId && !(await db.events.get(eventId))) throw new Error('no such event');
  await updateCoop(db, { currentEventId: eventId });
}

export type EventSummary = {
  /** Sales less cancellations, incl. VAT. */
  sales: number;
  tickets: number;
  /** Thousandths of product units made, per member id. */
  madeBy: Record<string, number>;
  /** What is left once the stall is paid (incl. VAT, before costs). */
  afterFee: number;
};

/** What an event brought: its sales, less its stall fee, and who made what for it. */
export async function eventSummary(db: EtalDb, event: MarketEvent): Promise<EventSummary> {
  const [sales, productions] = await Promise.all([
    db.sales.filter((s) => s.eventId === event.id).toArray(),
    db.productions.filter((p) => p.eventId === event.id).toArray(),
  ]);
  const total = sales.reduce((a, s) => a + s.totals.ttc, 0);
  const madeBy: Record<string, number> = {};
  for (const p of productions) madeBy[p.memberId] = (madeBy[p.memberId] ?? 0) + p.quantity;
  return {
    sales: total,
    tickets: sales.filter((s) => s.type === 'sale').length,
    madeBy,
    afterFee: total - event.stallFee,
  };
}
