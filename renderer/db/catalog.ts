/**
 * Products, members and the co-op settings. Forms hand raw values in; every
 * write goes through the record's zod schema, so a bad value is refused with
 * the field named and nothing half-valid reaches the database.
 */
import { demoData } from '../../shared/demo';
import {
  coopFormSchema,
  coopSchema,
  memberFormSchema,
  memberSchema,
  productFormSchema,
  productSchema,
  type Coop,
  type CoopForm,
  type Member,
  type MemberForm,
  type Product,
  type ProductForm,
} from '../../shared/schemas';
import { newId, nowIso, type EtalDb } from './db';
import { StockError } from './stock';

export async function loadCoop(db: EtalDb): Promise<Coop | undefined> {
  return db.coop.get('coop');
}

/** First run: the co-op, its CAE, the till and its first members. */
export async function createCoop(db: EtalDb, form: CoopForm, members: MemberForm[]): Promise<Coop> {
  const parsed = coopFormSchema.parse(form);
  const now = nowIso();
  const coop = coopSchema.parse({ ...parsed, id: 'coop', tillId: newId(), createdAt: now });
  const memberRecords = members.map((m, order) =>
    memberSchema.parse({ ...memberFormSchema.parse(m), id: newId(), order, archived: false, createdAt: now, updatedAt: now }),
  );
  await db.transaction('rw', db.coop, db.members, async () => {
    if (await db.coop.get('coop')) throw new Error('the co-op is already set up');
    await db.coop.add(coop);
    await db.members.bulkAdd(memberRecords);
  });
  return coop;
}

export async function updateCoop(db: EtalDb, patch: Partial<Coop>): Promise<Coop> {
  return db.transaction('rw', db.coop, async () => {
    const current = await db.coop.get('coop');
    if (!current) throw new Error('no co-op yet');
    const merged: Record<string, unknown> = { ...current, ...patch, id: 'coop', tillId: current.tillId };
    // A patch field set to undefined clears it (e.g. no current event any more).
    for (const [key, value] of Object.entries(patch)) if (value === undefined) delete merged[key];
    const next = coopSchema.parse(merged);
    await db.coop.put(next);
    return next;
  });
}

export async function loadDemo(db: EtalDb): Promise<Coop> {
  const now = nowIso();
  const data = demoData({ newId, now, tillId: newId() });
  await db.transaction('rw', [db.coop, db.members, db.products, db.stockLevels, db.stockMovements], async () => {
    if (await db.coop.get('coop')) throw new Error('the co-op is already set up');
    await db.coop.add(coopSchema.parse(data.coop));
    await db.members.bulkAdd(data.members.map((m) => memberSchema.parse(m)));
    await db.products.bulkAdd(data.products.map((p) => productSchema.parse(p)));
    for (const { productId, quantity } of data.stock) {
      await db.stockMovements.add({ id: newId(), productId, delta: quantity, reason: 'initial', refId: '', at: now });
      await db.stockLevels.put({ productId, quantity });
    }
  });
  return data.coop;
}

export async function saveMember(db: EtalDb, form: MemberForm, id?: string): Promise<Member> {
  const parsed = memberFormSchema.parse(form);
  const now = nowIso();
  return db.transaction('rw', db.members, async () => {
    const existing = id ? await db.members.get(id) : undefined;
    const order = existing?.order ?? (await db.members.count());
    const member = memberSchema.parse({
      ...existing,
      ...parsed,
      id: existing?.id ?? newId(),
      order,
      archived: existing?.archived ?? false,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await db.members.put(member);
    return member;
  });
}

export async function setMemberArchived(db: EtalDb, id: string, archived: boolean): Promise<void> {
  await db.members.update(id, { archived, updatedAt: nowIso() });
}

/**
 * Creates or edits a product. A stock figure that differs from the current
 * level is recorded as a count correction (a movement), never by overwriting
 * the level, so the level always equals the sum of movements.
 */
export async function saveProduct(db: EtalDb, form: ProductForm, id?: string): Promise<Product> {
  const { stock, ...fields } = productFormSchema.parse(form);
  const now = nowIso();
  return db.transaction('rw', [db.products, db.materials, db.stockLevels, db.stockMovements], async () => {
    // A recipe costs with live materials only: an archived one may have a
    // stale price, so the group must choose a current material instead.
    const lines = fields.recipe?.lines ?? [];
    const materials = await db.materials.bulkGet(lines.map((l) => l.materialId));
    for (const material of materials) {
      if (!material) throw new StockError('err.materialNotFound');
      if (material.archived) throw new StockError('err.recipeArchivedMaterial', { name: material.name });
    }
    const existing = id ? await db.products.get(id) : undefined;
    const product = productSchema.parse({
      ...existing,
      ...fields,
      id: existing?.id ?? newId(),
      archived: existing?.archived ?? false,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await db.products.put(product);
    if (product.trackStock && stock !== undefined) {
      const level = (await db.stockLevels.get(product.id))?.quantity ?? 0;
      if (stock !== level) {
        await db.stockMovements.add({
          id: newId(),
          productId: product.id,
          delta: stock - level,
          reason: existing ? 'count' : 'initial',
          refId: '',
          at: now,
        });
        await db.stockLevels.put({ productId: product.id, quantity: stock });
      }
    }
    return product;
  });
}

export async function setProductArchived(db: EtalDb, id: string, archived: boolean): Promise<void> {
  await db.products.update(id, { archived, updatedAt: nowIso() });
}
