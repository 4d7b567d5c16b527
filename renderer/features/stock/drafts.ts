/**
 * The stock forms as typed, and how they become repository input. Like the
 * catalogue's drafts: nothing throws, a refusal names each field, and the
 * typed text is kept.
 */
import { formatAmount, formatQuantity } from '../../../shared/format';
import { parseMoney } from '../../../shared/money';
import {
  materialFormSchema,
  productionFormSchema,
  purchaseFormSchema,
  type Material,
  type MaterialForm,
  type MaterialUnit,
  type ProductionForm,
  type PurchaseForm,
} from '../../../shared/schemas';
import { check, parseSignedQuantity, type Checked } from '../catalog/drafts';

/**
 * A typed quantity in thousandths, or the reason it is refused: more than 3
 * decimals gets its own sentence (the schema only sees the number). Negative
 * numbers come through so that the schema says "cannot be negative".
 */
export function typedQuantity(text: string): { value: number; problem?: string } {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (/^[-\u2212]?\d+\.\d{4,}$/.test(cleaned)) return { value: Number.NaN, problem: 'err.quantityDecimals' };
  return { value: parseSignedQuantity(text) ?? Number.NaN };
}

/** A typed amount in cents; '' is required, unreadable is NaN (the schema says "Montant incorrect"). */
export function typedMoney(text: string): { value: number; problem?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: Number.NaN, problem: 'err.required' };
  return { value: parseMoney(trimmed) ?? Number.NaN };
}

export type MaterialDraft = {
  name: string;
  unit: MaterialUnit;
  unitCost: string;
  vatRate: number;
  stock: string;
  lowStock: string;
  supplierNote: string;
};

export function emptyMaterialDraft(): MaterialDraft {
  return { name: '', unit: 'metre', unitCost: '', vatRate: 2000, stock: '', lowStock: '', supplierNote: '' };
}

export function materialDraftFrom(material: Material, level: number | undefined): MaterialDraft {
  return {
    name: material.name,
    unit: material.unit,
    unitCost: formatAmount(material.unitCost),
    vatRate: material.vatRate,
    stock: formatQuantity(level ?? 0),
    lowStock: material.lowStock ? formatQuantity(material.lowStock) : '',
    supplierNote: material.supplierNote,
  };
}

export function checkMaterial(draft: MaterialDraft): Checked<MaterialForm> {
  const extra: Record<string, string> = {};
  const cost = typedMoney(draft.unitCost);
  if (cost.problem) extra.unitCost = cost.problem;
  let stock: number | undefined;
  if (draft.stock.trim() !== '') {
    const q = typedQuantity(draft.stock);
    if (q.problem) extra.stock = q.problem;
    stock = q.value;
  }
  let lowStock = 0;
  if (draft.lowStock.trim() !== '') {
    const q = typedQuantity(draft.lowStock);
    if (q.problem) extra.lowStock = q.problem;
    lowStock = q.value;
  }
  const form: MaterialForm = {
    name: draft.name,
    unit: draft.unit,
    unitCost: cost.value,
    vatRate: draft.vatRate,
    lowStock,
    supplierNote: draft.supplierNote,
    ...(stock !== undefined ? { stock } : {}),
  };
  const result = check(materialFormSchema, form, extra);
  return result.ok ? { ok: true, value: form } : result;
}

export type PurchaseDraft = { quantity: string; amount: string; vatRate: number; day: string; paidBy: string };

export function checkPurchase(materialId: string, draft: PurchaseDraft): Checked<PurchaseForm> {
  const extra: Record<string, string> = {};
  const q = typedQuantity(draft.quantity);
  if (q.problem) extra.quantity = q.problem;
  const amount = typedMoney(draft.amount);
  if (amount.problem) extra.amount = amount.problem;
  const form: PurchaseForm = {
    materialId,
    day: draft.day,
    quantity: q.value,
    amount: amount.value,
    vatRate: draft.vatRate,
    ...(draft.paidBy ? { paidBy: draft.paidBy } : {}),
  };
  const result = check(purchaseFormSchema, form, extra);
  return result.ok ? { ok: true, value: form } : result;
}

export type ProductionDraft = { memberId: string; productId: string; quantity: string; minutes: string; day: string };

export function checkProduction(draft: ProductionDraft): Checked<ProductionForm> {
  const extra: Record<string, string> = {};
  const q = typedQuantity(draft.quantity);
  if (q.problem) extra.quantity = q.problem;
  const minutesText = draft.minutes.trim();
  const minutes = minutesText === '' ? 0 : /^-?\d+$/.test(minutesText) ? Number(minutesText) : Number.NaN;
  const form: ProductionForm = { memberId: draft.memberId, productId: draft.productId, day: draft.day, quantity: q.value, minutes };
  const result = check(productionFormSchema, form, extra);
  return result.ok ? { ok: true, value: form } : result;
}

/** "Perte / cadeau" as typed: which item (a levels row key), how much, why, who. */
export type LossDraft = { itemKey: string; quantity: string; note: string; memberId: string };
export type CheckedLoss = { ok: true; value: { quantity: number; note: string; memberId: string } } | { ok: false; problems: Partial<Record<keyof LossDraft, string>> };

/** Refuses an empty, zero, negative or over-3-decimals quantity, a missing reason or a missing member, each on its field. */
export function checkLoss(draft: LossDraft): CheckedLoss {
  const problems: Partial<Record<keyof LossDraft, string>> = {};
  if (!draft.itemKey) problems.itemKey = 'stock.errChooseItem';
  const q = typedQuantity(draft.quantity);
  if (draft.quantity.trim() === '') problems.quantity = 'err.required';
  else if (q.problem) problems.quantity = q.problem;
  else if (!Number.isFinite(q.value)) problems.quantity = 'err.quantity';
  else if (!Number.isSafeInteger(q.value)) problems.quantity = 'err.quantityDecimals';
  else if (q.value < 0) problems.quantity = 'err.quantityNegative';
  else if (q.value === 0) problems.quantity = 'err.quantityZero';
  const note = draft.note.trim();
  if (note === '') problems.note = 'stock.errLossReason';
  else if (note.length > 200) problems.note = 'stock.errLossReasonLong';
  if (!draft.memberId) problems.memberId = 'stock.whoLost';
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value: { quantity: q.value, note, memberId: draft.memberId } };
}
