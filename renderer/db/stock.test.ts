import { describe, expect, it } from 'vitest';
import { costBreakdown, recipeCostInput } from '../../shared/costing';
import type { EtalDb } from './db';
import { saveProduct } from './catalog';
import { cancelSale, recordSale } from './sales';
import { saveEvent } from './events';
import { correctProduction, recentMovements, recordCount, recordLoss, recordProduction, recordPurchase, recordTransfer, saveMaterial, setMaterialArchived, StockError } from './stock';
import { stockMovementSchema, materialMovementSchema } from '../../shared/schemas';
import { cartLine, demoDb } from './testing';

async function garlandWorkshop() {
  const ctx = await demoDb();
  const wax = await saveMaterial(ctx.db, { name: 'Chutes de wax', unit: 'metre', unitCost: 0, vatRate: 0, stock: 10000 });
  const ribbon = await saveMaterial(ctx.db, { name: 'Ruban', unit: 'metre', unitCost: 60, vatRate: 2000, stock: 20000, lowStock: 5000 });
  const thread = await saveMaterial(ctx.db, { name: 'Fil', unit: 'piece', unitCost: 180, vatRate: 2000, stock: 5000 });
  const metre = ctx.product('Guirlande wax au mètre');
  const recipe = {
    lines: [
      { materialId: wax.id, quantity: 400 },
      { materialId: ribbon.id, quantity: 1100 },
      { materialId: thread.id, quantity: 200 },
    ],
    labourMinutes: 30,
  };
  const { id: _id, createdAt: _c, updatedAt: _u, archived: _a, ...form } = metre;
  const garland = await saveProduct(ctx.db, { ...form, recipe }, metre.id);
  const member = (await ctx.db.members.orderBy('order').first())!;
  return { ...ctx, wax, ribbon, thread, garland, member, form };
}

async function level(db: EtalDb, kind: 'product' | 'material', id: string): Promise<number | undefined> {
  return kind === 'product' ? (await db.stockLevels.get(id))?.quantity : (await db.materialLevels.get(id))?.quantity;
}

describe('materials and recipes', () => {
  it('costs the DOMAIN.md garland from its stored recipe: 6,85 €, margin 2,15 €', async () => {
    const { db, garland, coop } = await garlandWorkshop();
    const materials = new Map((await db.materials.toArray()).map((m) => [m.id, m]));
    const b = costBreakdown(recipeCostInput(garland, garland.recipe, materials, { hourlyRate: 1200, contributionBp: coop.contributionBp }));
    expect(b).toMatchObject({ materials: 85, labour: 600, cost: 685, margin: 215, marginBp: 2150 });
  });

  it('refuses a recipe with an archived material, and saves nothing', async () => {
    const { db, ribbon, garland, form } = await garlandWorkshop();
    await setMaterialArchived(db, ribbon.id, true);
    const attempt = saveProduct(db, { ...form, price: 900, recipe: { lines: [{ materialId: ribbon.id, quantity: 1000 }], labourMinutes: 0 } }, garland.id);
    await expect(attempt).rejects.toThrow(StockError);
    await expect(attempt).rejects.toMatchObject({ key: 'err.recipeArchivedMaterial', params: { name: 'Ruban' } });
    expect((await db.products.get(garland.id))?.price).toBe(1200);
  });

  it('refuses negative quantities, absurd prices and more than 3 decimals, saving nothing', async () => {
    const { db, ribbon, member } = await garlandWorkshop();
    const before = await db.materials.count();
    await expect(saveMaterial(db, { name: 'Or', unit: 'kg', unitCost: 10_000_001, vatRate: 2000 })).rejects.toThrow(/err.amountTooBig/);
    await expect(saveMaterial(db, { name: 'Fil', unit: 'kg', unitCost: 100, vatRate: 2000, stock: -1000 })).rejects.toThrow(/err.quantityNegative/);
    await expect(saveMaterial(db, { name: 'Fil', unit: 'kg', unitCost: 100, vatRate: 2000, stock: 1.5 })).rejects.toThrow(/err.quantityDecimals/);
    expect(await db.materials.count()).toBe(before);
    await expect(recordPurchase(db, { materialId: ribbon.id, day: '2026-12-01', quantity: -5000, amount: 300, vatRate: 2000 })).rejects.toThrow(/err.quantityNegative/);
    await expect(recordPurchase(db, { materialId: ribbon.id, day: '2026-12-01', quantity: 5000, amount: 20_000_000, vatRate: 2000 })).rejects.toThrow(/err.amountTooBig/);
    expect(await db.purchases.count()).toBe(0);
    const garland = await db.products.toArray();
    await expect(recordProduction(db, { memberId: member.id, productId: garland[0]!.id, day: '2026-12-01', quantity: -1000, minutes: 0 })).rejects.toThrow(/err.quantityNegative/);
    expect(await db.productions.count()).toBe(0);
  });

  it('adds purchased stock and records who paid', async () => {
    const { db, ribbon, member } = await garlandWorkshop();
    const purchase = await recordPurchase(db, { materialId: ribbon.id, day: '2026-12-01', quantity: 50000, amount: 3000, vatRate: 2000, paidBy: member.id });
    expect(purchase.paidBy).toBe(member.id);
    expect(await level(db, 'material', ribbon.id)).toBe(70000);
  });
});

describe('production', () => {
  it('adds product stock and consumes materials by the recipe; a counter-entry undoes it exactly', async () => {
    const { db, garland, wax, ribbon, thread, member } = await garlandWorkshop();
    const made = await recordProduction(db, { memberId: member.id, productId: garland.id, day: '2026-12-01', quantity: 5000, minutes: 150 });
    expect(await level(db, 'product', garland.id)).toBe(45000);
    expect(await level(db, 'material', wax.id)).toBe(8000);
    expect(await level(db, 'material', ribbon.id)).toBe(14500);
    expect(await level(db, 'material', thread.id)).toBe(4000);

    const correction = await correctProduction(db, made.id);
    expect(correction).toMatchObject({ quantity: -5000, minutes: -150, correctsId: made.id, memberId: member.id });
    expect(await level(db, 'product', garland.id)).toBe(40000);
    expect(await level(db, 'material', ribbon.id)).toBe(20000);
    expect(await db.productions.get(made.id)).toEqual(made);
    await expect(correctProduction(db, made.id)).rejects.toMatchObject({ key: 'err.alreadyCorrected' });
    await expect(correctProduction(db, correction.id)).rejects.toMatchObject({ key: 'err.cannotCorrectCorrection' });
  });

  it('rounds consumption of decimal quantities to the thousandth', async () => {
    const { db, garland, ribbon, member } = await garlandWorkshop();
    await recordProduction(db, { memberId: member.id, productId: garland.id, day: '2026-12-01', quantity: 1333, minutes: 40 });
    // 1,1 m × 1,333 = 1,4663 m → 1,466 m
    expect(await level(db, 'material', ribbon.id)).toBe(20000 - 1466);
  });
});

describe('counts', () => {
  it('records the difference as a count with who counted, and nothing when it matches', async () => {
    const { db, garland, member } = await garlandWorkshop();
    expect(await recordCount(db, { target: { kind: 'product', id: garland.id }, counted: 38500, memberId: member.id })).toBe(-1500);
    const moves = await db.stockMovements.where('productId').equals(garland.id).toArray();
    // Movements come back in id order (random ids): look the count up by its reason.
    expect(moves.filter((m) => m.reason === 'count')).toEqual([expect.objectContaining({ delta: -1500, memberId: member.id })]);
    expect(await recordCount(db, { target: { kind: 'product', id: garland.id }, counted: 38500 })).toBe(0);
    expect(await db.stockMovements.where('productId').equals(garland.id).count()).toBe(moves.length);
    await expect(recordCount(db, { target: { kind: 'product', id: garland.id }, counted: -1 })).rejects.toMatchObject({ key: 'err.quantityNegative' });
  });
});

describe('losses and gifts', () => {
  it('takes a loss out of product or material stock, with the reason and who, in one movement', async () => {
    const { db, garland, ribbon, member } = await garlandWorkshop();
    expect(await recordLoss(db, { target: { kind: 'product', id: garland.id }, quantity: 1500, note: ' offert à la voisine ', memberId: member.id, eventId: 'ev1' })).toBe(-1500);
    expect(await level(db, 'product', garland.id)).toBe(38500);
    const moves = (await db.stockMovements.where('productId').equals(garland.id).toArray()).filter((m) => m.reason === 'loss');
    expect(moves).toEqual([expect.objectContaining({ delta: -1500, note: 'offert à la voisine', memberId: member.id, eventId: 'ev1', refId: '' })]);
    await recordLoss(db, { target: { kind: 'material', id: ribbon.id }, quantity: 250 });
    expect(await level(db, 'material', ribbon.id)).toBe(19750);
    const materialLoss = (await db.materialMovements.where('materialId').equals(ribbon.id).toArray()).find((m) => m.reason === 'loss');
    expect(materialLoss).toMatchObject({ delta: -250 });
    expect(materialLoss).not.toHaveProperty('note');
    expect(materialLoss).not.toHaveProperty('memberId');
  });

  it('refuses zero, negative, over-3-decimals and unreadable quantities, saving nothing', async () => {
    const { db, garland, ribbon } = await garlandWorkshop();
    const before = { p: await db.stockMovements.count(), m: await db.materialMovements.count() };
    const product = { kind: 'product' as const, id: garland.id };
    await expect(recordLoss(db, { target: product, quantity: 0 })).rejects.toMatchObject({ key: 'err.quantityZero' });
    await expect(recordLoss(db, { target: product, quantity: -1000 })).rejects.toMatchObject({ key: 'err.quantityNegative' });
    await expect(recordLoss(db, { target: product, quantity: 1.5 })).rejects.toMatchObject({ key: 'err.quantityDecimals' });
    await expect(recordLoss(db, { target: { kind: 'material', id: ribbon.id }, quantity: Number.NaN })).rejects.toMatchObject({ key: 'err.quantity' });
    await expect(recordLoss(db, { target: product, quantity: 1000, note: 'x'.repeat(201) })).rejects.toMatchObject({ key: 'err.tooLong' });
    await expect(recordLoss(db, { target: { kind: 'material', id: 'nope' }, quantity: 1000 })).rejects.toMatchObject({ key: 'err.materialNotFound' });
    expect({ p: await db.stockMovements.count(), m: await db.materialMovements.count() }).toEqual(before);
    expect(await level(db, 'product', garland.id)).toBe(40000);
    expect(await level(db, 'material', ribbon.id)).toBe(20000);
  });
});

describe('transfers to and from another stall', () => {
  const fair = (db: EtalDb) => saveEvent(db, { name: 'Fête de la Goutte d’Or', place: 'Paris 18e', startDay: '2026-12-05', endDay: '2026-12-06', stallFee: 0 });

  it('sends 10 garlands to another event (level −10) and receives 3 back from a till (+3), each one movement naming the other side', async () => {
    const { db, product, member } = await garlandWorkshop();
    const garland = product('Guirlande wax 1 m');
    const event = await fair(db);
    const sent = await recordTransfer(db, { target: { kind: 'product', id: garland.id }, direction: 'out', quantity: 10000, otherEventId: event.id, memberId: member.id, eventId: 'here', note: ' pour le stand du samedi ' });
    expect(await level(db, 'product', garland.id)).toBe(10000);
    expect(sent).toMatchObject({ productId: garland.id, delta: -10000, reason: 'transfer', transferEventId: event.id, memberId: member.id, eventId: 'here', note: 'pour le stand du samedi' });
    expect(sent).not.toHaveProperty('counterpart');
    const received = await recordTransfer(db, { target: { kind: 'product', id: garland.id }, direction: 'in', quantity: 3000, otherTill: { id: 'till-2', name: ' Caisse 2 ' } });
    expect(received).toMatchObject({ delta: 3000, reason: 'transfer', counterpart: 'Caisse 2', counterpartTillId: 'till-2' });
    expect(received).not.toHaveProperty('transferEventId');
    expect(await level(db, 'product', garland.id)).toBe(13000);
    const stored = (await db.stockMovements.where('productId').equals(garland.id).toArray()).filter((m) => m.reason === 'transfer');
    expect(stored.map((m) => m.delta).sort((a, b) => a - b)).toEqual([-10000, 3000]);
    // What is stored parses back (a backup restores it), and so do movements from before transfers existed.
    for (const m of stored) expect(stockMovementSchema.parse(m)).toEqual(m);
    const old = { id: 'm1', productId: garland.id, delta: -1000, reason: 'sale', refId: 's1', at: '2025-12-01T10:00:00.000Z' };
    expect(stockMovementSchema.parse(old)).toEqual(old);
    expect(materialMovementSchema.parse({ id: 'm2', materialId: 'x', delta: 500, reason: 'purchase', refId: 'p1', at: '2025-12-01T10:00:00.000Z' })).toMatchObject({ reason: 'purchase' });
    expect(() => stockMovementSchema.parse({ ...old, reason: 'teleport' })).toThrow();
  });

  it('moves material stock too; a typed till name keeps no id', async () => {
    const { db, ribbon } = await garlandWorkshop();
    const moved = await recordTransfer(db, { target: { kind: 'material', id: ribbon.id }, direction: 'out', quantity: 2500, otherTill: { name: 'Caisse de Mariam' } });
    expect(moved).toMatchObject({ materialId: ribbon.id, delta: -2500, reason: 'transfer', counterpart: 'Caisse de Mariam' });
    expect(moved).not.toHaveProperty('counterpartTillId');
    expect(await level(db, 'material', ribbon.id)).toBe(17500);
    expect(materialMovementSchema.parse(moved)).toEqual(moved);
    const history = await recentMovements(db, 50);
    expect(history[0]).toMatchObject({ kind: 'material', id: moved.id, reason: 'transfer' });
  });

  it('refuses zero, negative, over-3-decimals quantities, no other side, an unknown event or item, saving nothing', async () => {
    const { db, product, ribbon } = await garlandWorkshop();
    const garland = { kind: 'product' as const, id: product('Guirlande wax 1 m').id };
    const event = await fair(db);
    const before = { p: await db.stockMovements.count(), m: await db.materialMovements.count() };
    const base = { target: garland, direction: 'out' as const, otherEventId: event.id };
    await expect(recordTransfer(db, { ...base, quantity: 0 })).rejects.toMatchObject({ key: 'err.quantityZero' });
    await expect(recordTransfer(db, { ...base, quantity: -10000 })).rejects.toMatchObject({ key: 'err.quantityNegative' });
    await expect(recordTransfer(db, { ...base, quantity: 1.5 })).rejects.toMatchObject({ key: 'err.quantityDecimals' });
    await expect(recordTransfer(db, { ...base, quantity: Number.NaN })).rejects.toMatchObject({ key: 'err.quantity' });
    await expect(recordTransfer(db, { target: garland, direction: 'in', quantity: 1000 })).rejects.toMatchObject({ key: 'stock.err.transferNoOtherSide' });
    await expect(recordTransfer(db, { target: garland, direction: 'in', quantity: 1000, otherTill: { name: '   ' } })).rejects.toMatchObject({ key: 'stock.err.transferNoOtherSide' });
    await expect(recordTransfer(db, { target: garland, direction: 'in', quantity: 1000, otherTill: { name: 'x'.repeat(61) } })).rejects.toMatchObject({ key: 'err.tooLong' });
    await expect(recordTransfer(db, { ...base, quantity: 1000, otherEventId: 'nope' })).rejects.toMatchObject({ key: 'stock.err.eventNotFound' });
    await expect(recordTransfer(db, { ...base, quantity: 1000, note: 'x'.repeat(201) })).rejects.toMatchObject({ key: 'err.tooLong' });
    await expect(recordTransfer(db, { ...base, target: { kind: 'material', id: 'nope' }, quantity: 1000 })).rejects.toMatchObject({ key: 'err.materialNotFound' });
    await expect(recordTransfer(db, { ...base, target: { kind: 'product', id: 'nope' }, quantity: 1000 })).rejects.toMatchObject({ key: 'err.productNotFound' });
    await expect(recordTransfer(db, { ...base, direction: 'sideways' as 'out', quantity: 1000 })).rejects.toMatchObject({ key: 'stock.err.transferDirection' });
    expect({ p: await db.stockMovements.count(), m: await db.materialMovements.count() }).toEqual(before);
    expect(await level(db, 'product', garland.id)).toBe(20000);
    expect(await level(db, 'material', ribbon.id)).toBe(20000);
  });
});

/** A small seeded generator, so a failing sequence can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('stock levels are the sum of their movements', () => {
  it.each([1, 2, 3, 4, 5])('after a random sequence of sales, cancellations, productions, purchases, counts, losses and transfers (seed %i)', async (seed) => {
    const { db, coop, garland, wax, ribbon, thread, member, product } = await garlandWorkshop();
    const random = rng(seed);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const products = [garland, product('Guirlande wax 1 m'), product('Chouchou wax'), product('Bandeau wax')];
    const materials = [wax, ribbon, thread];
    const saleIds: string[] = [];
    const productionIds: string[] = [];
    const event = await saveEvent(db, { name: 'Fête de la Goutte d’Or', place: '', startDay: '2026-12-05', endDay: '2026-12-05', stallFee: 0 });
    let losses = 0;
    let transfers = 0;
    for (let step = 0; step < 60; step += 1) {
      const op = Math.floor(random() * 8);
      const qty = 1 + Math.floor(random() * 3000);
      if (op === 0) {
        const p = pick(products);
        const line = cartLine(p, p.unit === 'metre' ? qty : 1000 * (1 + Math.floor(random() * 3)));
        const total = Math.round((line.unitPrice * line.quantity) / 1000);
        const sale = await recordSale(db, coop, { cart: { lines: [line] }, payments: [{ method: 'card', amount: total }] }).catch(() => undefined);
        if (sale) saleIds.push(sale.id);
      } else if (op === 1 && saleIds.length > 0) {
        await cancelSale(db, coop, { saleId: pick(saleIds), reason: 'erreur' }).catch(() => undefined);
      } else if (op === 2) {
        const made = await recordProduction(db, { memberId: member.id, productId: garland.id, day: '2026-12-01', quantity: qty, minutes: 10 });
        productionIds.push(made.id);
      } else if (op === 3 && productionIds.length > 0) {
        await correctProduction(db, pick(productionIds)).catch(() => undefined);
      } else if (op === 4) {
        await recordPurchase(db, { materialId: pick(materials).id, day: '2026-12-01', quantity: qty, amount: 500, vatRate: 2000 });
      } else if (op === 5) {
        const target = random() < 0.5 ? { kind: 'product' as const, id: pick(products).id } : { kind: 'material' as const, id: pick(materials).id };
        await recordLoss(db, { target, quantity: qty, note: 'cassé', memberId: member.id });
        losses += 1;
      } else if (op === 6) {
        const target = random() < 0.5 ? { kind: 'product' as const, id: pick(products).id } : { kind: 'material' as const, id: pick(materials).id };
        const direction = random() < 0.6 ? ('out' as const) : ('in' as const);
        const other = random() < 0.5 ? { otherEventId: event.id } : { otherTill: { id: 'till-2', name: 'Caisse 2' } };
        await recordTransfer(db, { target, direction, quantity: qty, memberId: member.id, ...other });
        transfers += 1;
      } else {
        const target = random() < 0.5 ? { kind: 'product' as const, id: pick(products).id } : { kind: 'material' as const, id: pick(materials).id };
        await recordCount(db, { target, counted: Math.floor(random() * 50) * 100, memberId: member.id });
      }
    }
    for (const { productId, quantity } of await db.stockLevels.toArray()) {
      const sum = (await db.stockMovements.where('productId').equals(productId).toArray()).reduce((a, m) => a + m.delta, 0);
      expect(quantity, productId).toBe(sum);
    }
    for (const { materialId, quantity } of await db.materialLevels.toArray()) {
      const sum = (await db.materialMovements.where('materialId').equals(materialId).toArray()).reduce((a, m) => a + m.delta, 0);
      expect(quantity, materialId).toBe(sum);
    }
    expect(await db.materialLevels.count()).toBe(3);
    expect(losses, 'the sequence includes losses').toBeGreaterThan(0);
    expect(transfers, 'the sequence includes transfers').toBeGreaterThan(0);
    const moved = [...(await db.stockMovements.toArray()), ...(await db.materialMovements.toArray())].filter((m) => m.reason === 'transfer');
    expect(moved.some((m) => m.delta < 0) && moved.some((m) => m.delta > 0), 'transfers both ways').toBe(true);
  });
});
