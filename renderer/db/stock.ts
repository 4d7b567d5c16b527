/**
 * Materials, purchases, production and stock counts.
 *
 * A stock level is the sum of its movements. The levels are cached (one row
 * per product or material) because the till reads them on every screen; the
 * cache is only ever written in the same transaction as the movement that
 * changes it, through applyProductMovements / applyMaterialMovements, so it
 * cannot diverge (stock.test.ts checks it on random sequences).
 */
import { divRound } from '../../shared/money';
import {
  materialFormSchema,
  materialSchema,
  productionFormSchema,
  productionSchema,
  purchaseFormSchema,
  purchaseSchema,
  type Material,
  type MaterialForm,
  type MaterialMovement,
  type Production,
  type ProductionForm,
  type Purchase,
  type PurchaseForm,
  type StockMovement,
} from '../../shared/schemas';
import { newId, nowIso, type EtalDb } from './db';

/** A refusal the user must read: `key` is the i18n key of the sentence. */
export class StockError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/** Writes product movements and their cached levels; call inside a transaction over both tables. */
export async function applyProductMovements(db: EtalDb, movements: readonly StockMovement[]): Promise<void> {
  for (const movement of movements) {
    const current = (await db.stockLevels.get(movement.productId))?.quantity ?? 0;
    await db.stockMovements.add(movement);
    await db.stockLevels.put({ productId: movement.productId, quantity: current + movement.delta });
  }
}

/** Writes material movements and their cached levels; call inside a transaction over both tables. */
export async function applyMaterialMovements(db: EtalDb, movements: readonly MaterialMovement[]): Promise<void> {
  for (const movement of movements) {
    const current = (await db.materialLevels.get(movement.materialId))?.quantity ?? 0;
    await db.materialMovements.add(movement);
    await db.materialLevels.put({ materialId: movement.materialId, quantity: current + movement.delta });
  }
}

// ---------------------------------------------------------------- materials

/** Creates or edits a material; a stock figure that differs from the level is recorded as a count. */
export async function saveMaterial(db: EtalDb, form: MaterialForm, id?: string): Promise<Material> {
  const { stock, ...fields } = materialFormSchema.parse(form);
  const now = nowIso();
  return db.transaction('rw', [db.materials, db.materialLevels, db.materialMovements], async () => {
    const existing = id ? await db.materials.get(id) : undefined;
    const material = materialSchema.parse({
      ...existing,
      ...fields,
      id: existing?.id ?? newId(),
      archived: existing?.archived ?? false,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await db.materials.put(material);
    if (stock !== undefined) {
      const level = (await db.materialLevels.get(material.id))?.quantity ?? 0;
      if (stock !== level) {
        await applyMaterialMovements(db, [
          { id: newId(), materialId: material.id, delta: stock - level, reason: existing ? 'count' : 'initial', refId: '', at: now },
        ]);
      }
    }
    return material;
  });
}

export async function setMaterialArchived(db: EtalDb, id: string, archived: boolean): Promise<void> {
  await db.materials.update(id, { archived, updatedAt: nowIso() });
}

/** A purchase adds its quantity to the material's stock, in one transaction. */
export async function recordPurchase(db: EtalDb, form: PurchaseForm, at = nowIso()): Promise<Purchase> {
  const parsed = purchaseFormSchema.parse(form);
  const purchase = purchaseSchema.parse({ ...parsed, id: newId(), at });
  return db.transaction('rw', [db.materials, db.purchases, db.materialLevels, db.materialMovements], async () => {
    const material = await db.materials.get(purchase.materialId);
    if (!material) throw new StockError('err.materialNotFound');
    await db.purchases.add(purchase);
    await applyMaterialMovements(db, [
      { id: newId(), materialId: material.id, delta: purchase.quantity, reason: 'purchase', refId: purchase.id, at },
    ]);
    return purchase;
  });
}

// ---------------------------------------------------------------- production

const productionTables = (db: EtalDb) => [
  db.products,
  db.materials,
  db.productions,
  db.stockLevels,
  db.stockMovements,
  db.materialLevels,
  db.materialMovements,
];

/**
 * "J'ai fabriqué": adds the product's stock (when it is tracked) and takes
 * the recipe's materials out, quantity × quantity per unit, rounded to the
 * thousandth of the material's unit.
 */
export async function recordProduction(db: EtalDb, form: ProductionForm, at = nowIso()): Promise<Production> {
  const parsed = productionFormSchema.parse(form);
  const production = productionSchema.parse({ ...parsed, id: newId(), at });
  const tag = production.eventId ? { eventId: production.eventId } : {};
  return db.transaction('rw', productionTables(db), async () => {
    const product = await db.products.get(production.productId);
    if (!product || product.archived) throw new StockError('err.productNotFound');
    await db.productions.add(production);
    if (product.trackStock) {
      await applyProductMovements(db, [
        { id: newId(), productId: product.id, delta: production.quantity, reason: 'production', refId: production.id, at, memberId: production.memberId, ...tag },
      ]);
    }
    const lines = product.recipe?.lines ?? [];
    await applyMaterialMovements(
      db,
      lines.map((line) => ({
        id: newId(),
        materialId: line.materialId,
        delta: -divRound(line.quantity * production.quantity, 1000),
        reason: 'production' as const,
        refId: production.id,
        at,
        memberId: production.memberId,
        ...tag,
      })),
    );
    return production;
  });
}

/** The counter-entry of a production: its movements reversed exactly, the original untouched. */
export async function correctProduction(db: EtalDb, productionId: string, at = nowIso()): Promise<Production> {
  return db.transaction('rw', productionTables(db), async () => {
    const original = await db.productions.get(productionId);
    if (!original) throw new StockError('err.productionNotFound');
    if (original.correctsId) throw new StockError('err.cannotCorrectCorrection');
    if ((await db.productions.where('correctsId').equals(original.id).count()) > 0) throw new StockError('err.alreadyCorrected');
    const correction = productionSchema.parse({
      ...original,
      id: newId(),
      quantity: -original.quantity,
      minutes: -original.minutes,
      correctsId: original.id,
      at,
    });
    await db.productions.add(correction);
    const productMoves = await db.stockMovements.where('refId').equals(original.id).toArray();
    const materialMoves = await db.materialMovements.where('refId').equals(original.id).toArray();
    await applyProductMovements(
      db,
      productMoves.map((m) => ({ ...m, id: newId(), delta: -m.delta, refId: correction.id, at })),
    );
    await applyMaterialMovements(
      db,
      materialMoves.map((m) => ({ ...m, id: newId(), delta: -m.delta, refId: correction.id, at })),
    );
    return correction;
  });
}

// ---------------------------------------------------------------- counts

export type CountTarget = { kind: 'product'; id: string } | { kind: 'material'; id: string };

/**
 * End-of-day count: what is really there. The difference from the level is
 * recorded as a 'count' movement naming who counted; no difference, no
 * movement. Returns the difference.
 */
export async function recordCount(
  db: EtalDb,
  input: { target: CountTarget; counted: number; memberId?: string; eventId?: string; at?: string },
): Promise<number> {
  const { target, counted } = input;
  if (!Number.isSafeInteger(counted)) throw new StockError('err.quantityDecimals');
  if (counted < 0) throw new StockError('err.quantityNegative');
  const at = input.at ?? nowIso();
  const who = { ...(input.memberId ? { memberId: input.memberId } : {}), ...(input.eventId ? { eventId: input.eventId } : {}) };
  if (target.kind === 'product') {
    return db.transaction('rw', [db.stockLevels, db.stockMovements], async () => {
      const delta = counted - ((await db.stockLevels.get(target.id))?.quantity ?? 0);
      if (delta !== 0) await applyProductMovements(db, [{ id: newId(), productId: target.id, delta, reason: 'count', refId: '', at, ...who }]);
      return delta;
    });
  }
  return db.transaction('rw', [db.materialLevels, db.materialMovements], async () => {
    const delta = counted - ((await db.materialLevels.get(target.id))?.quantity ?? 0);
    if (delta !== 0) await applyMaterialMovements(db, [{ id: newId(), materialId: target.id, delta, reason: 'count', refId: '', at, ...who }]);
    return delta;
  });
}

// ---------------------------------------------------------------- losses and gifts

/**
 * "Perte / cadeau": what left the stall without being sold (broken, spoiled,
 * given away). A 'loss' movement of minus `quantity`, with the reason in the
 * member's words and who recorded it, written with the cached level in one
 * transaction. A zero, negative or over-3-decimals quantity is refused and
 * nothing is saved. Returns the movement's delta.
 */
export async function recordLoss(
  db: EtalDb,
  input: { target: CountTarget; quantity: number; note?: string; memberId?: string; eventId?: string; at?: string },
): Promise<number> {
  const { target, quantity } = input;
  if (!Number.isFinite(quantity)) throw new StockError('err.quantity');
  if (!Number.isSafeInteger(quantity)) throw new StockError('err.quantityDecimals');
  if (quantity < 0) throw new StockError('err.quantityNegative');
  if (quantity === 0) throw new StockError('err.quantityZero');
  const note = (input.note ?? '').trim();
  if (note.length > 200) throw new StockError('err.tooLong', { max: 200 });
  const at = input.at ?? nowIso();
  const extra = {
    ...(input.memberId ? { memberId: input.memberId } : {}),
    ...(input.eventId ? { eventId: input.eventId } : {}),
    ...(note ? { note } : {}),
  };
  const delta = -quantity;
  if (target.kind === 'product') {
    return db.transaction('rw', [db.products, db.stockLevels, db.stockMovements], async () => {
      if (!(await db.products.get(target.id))) throw new StockError('err.productNotFound');
      await applyProductMovements(db, [{ id: newId(), productId: target.id, delta, reason: 'loss', refId: '', at, ...extra }]);
      return delta;
    });
  }
  return db.transaction('rw', [db.materials, db.materialLevels, db.materialMovements], async () => {
    if (!(await db.materials.get(target.id))) throw new StockError('err.materialNotFound');
    await applyMaterialMovements(db, [{ id: newId(), materialId: target.id, delta, reason: 'loss', refId: '', at, ...extra }]);
    return delta;
  });
}

// ---------------------------------------------------------------- transfers

/** Goods carried to another stall ('out': taken off this till's stock) or brought from one ('in': added). */
export type TransferDirection = 'out' | 'in';

export type TransferInput = {
  target: CountTarget;
  direction: TransferDirection;
  /** Thousandths of the item's unit, more than 0. */
  quantity: number;
  /** The other market or fair, from the events list. */
  otherEventId?: string | undefined;
  /** The other till: one of coop.otherTills (with its id) or a typed name. */
  otherTill?: { id?: string | undefined; name: string } | undefined;
  memberId?: string | undefined;
  note?: string | undefined;
  /** The event this till works in (coop.currentEventId), as on every movement. */
  eventId?: string | undefined;
  at?: string | undefined;
};

/**
 * "Transférer": goods that physically move between stalls or tills (10
 * garlands taken from the Christmas market to the Goutte d'Or fair). One
 * 'transfer' movement of minus (sent) or plus (received) the quantity, naming
 * the other event and/or the other till, who did it and an optional note,
 * written with the cached level in one transaction. Refused, nothing saved:
 * a zero, negative or over-3-decimals quantity, no other side named, an
 * unknown event or item, a till name or note too long. Returns the movement.
 */
export async function recordTransfer(db: EtalDb, input: TransferInput): Promise<StockMovement | MaterialMovement> {
  const { target, quantity } = input;
  if (input.direction !== 'out' && input.direction !== 'in') throw new StockError('stock.err.transferDirection');
  if (!Number.isFinite(quantity)) throw new StockError('err.quantity');
  if (!Number.isSafeInteger(quantity)) throw new StockError('err.quantityDecimals');
  if (quantity < 0) throw new StockError('err.quantityNegative');
  if (quantity === 0) throw new StockError('err.quantityZero');
  const tillName = (input.otherTill?.name ?? '').trim();
  if (tillName.length > 60) throw new StockError('err.tooLong', { max: 60 });
  const note = (input.note ?? '').trim();
  if (note.length > 200) throw new StockError('err.tooLong', { max: 200 });
  if (!input.otherEventId && !tillName) throw new StockError('stock.err.transferNoOtherSide');
  const at = input.at ?? nowIso();
  const tillId = tillName ? input.otherTill?.id : undefined;
  const extra = {
    ...(input.memberId ? { memberId: input.memberId } : {}),
    ...(input.eventId ? { eventId: input.eventId } : {}),
    ...(note ? { note } : {}),
    ...(input.otherEventId ? { transferEventId: input.otherEventId } : {}),
    ...(tillName ? { counterpart: tillName } : {}),
    ...(tillId ? { counterpartTillId: tillId } : {}),
  };
  const delta = input.direction === 'out' ? -quantity : quantity;
  const checkEvent = async () => {
    if (input.otherEventId && !(await db.events.get(input.otherEventId))) throw new StockError('stock.err.eventNotFound');
  };
  if (target.kind === 'product') {
    return db.transaction('rw', [db.products, db.events, db.stockLevels, db.stockMovements], async () => {
      if (!(await db.products.get(target.id))) throw new StockError('err.productNotFound');
      await checkEvent();
      const movement: StockMovement = { id: newId(), productId: target.id, delta, reason: 'transfer', refId: '', at, ...extra };
      await applyProductMovements(db, [movement]);
      return movement;
    });
  }
  return db.transaction('rw', [db.materials, db.events, db.materialLevels, db.materialMovements], async () => {
    if (!(await db.materials.get(target.id))) throw new StockError('err.materialNotFound');
    await checkEvent();
    const movement: MaterialMovement = { id: newId(), materialId: target.id, delta, reason: 'transfer', refId: '', at, ...extra };
    await applyMaterialMovements(db, [movement]);
    return movement;
  });
}

/** A product or material movement, with which kind it is. */
export type AnyMovement = ({ kind: 'product' } & StockMovement) | ({ kind: 'material' } & MaterialMovement);

/** The latest movements of products and materials together, newest first: the stock history. */
export async function recentMovements(db: EtalDb, limit = 20): Promise<AnyMovement[]> {
  const [products, materials] = await Promise.all([
    db.stockMovements.orderBy('at').reverse().limit(limit).toArray(),
    db.materialMovements.orderBy('at').reverse().limit(limit).toArray(),
  ]);
  const all: AnyMovement[] = [...products.map((m) => ({ kind: 'product' as const, ...m })), ...materials.map((m) => ({ kind: 'material' as const, ...m }))];
  return all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}
