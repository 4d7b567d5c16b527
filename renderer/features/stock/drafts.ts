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
  type StockMovement,
} from '../../../shared/schemas';
import { check, type Checked } from '../../ui/checked';
import { parseSignedQuantity } from '../catalog/drafts';

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

/** A typed quantity that must be more than 0 (a loss, a transfer): its value, or the sentence refusing it. */
export function positiveQuantity(text: string): { value: number; problem?: string } {
  const q = typedQuantity(text);
  if (text.trim() === '') return { value: Number.NaN, problem: 'err.required' };
  if (q.problem) return q;
  if (!Number.isFinite(q.value)) return { value: q.value, problem: 'err.quantity' };
  if (!Number.isSafeInteger(q.value)) return { value: q.value, problem: 'err.quantityDecimals' };
  if (q.value < 0) return { value: q.value, problem: 'err.quantityNegative' };
  if (q.value === 0) return { value: q.value, problem: 'err.quantityZero' };
  return { value: q.value };
}

/** "Perte / cadeau" as typed: which item (a levels row key), how much, why, who. */
export type LossDraft = { itemKey: string; quantity: string; note: string; memberId: string };
export type CheckedLoss = { ok: true; value: { quantity: number; note: string; memberId: string } } | { ok: false; problems: Partial<Record<keyof LossDraft, string>> };

/** Refuses an empty, zero, negative or over-3-decimals quantity, a missing reason or a missing member, each on its field. */
export function checkLoss(draft: LossDraft): CheckedLoss {
  const problems: Partial<Record<keyof LossDraft, string>> = {};
  if (!draft.itemKey) problems.itemKey = 'stock.errChooseItem';
  const q = positiveQuantity(draft.quantity);
  if (q.problem) problems.quantity = q.problem;
  const note = draft.note.trim();
  if (note === '') problems.note = 'stock.errLossReason';
  else if (note.length > 200) problems.note = 'stock.errLossReasonLong';
  if (!draft.memberId) problems.memberId = 'stock.whoLost';
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value: { quantity: q.value, note, memberId: draft.memberId } };
}

/**
 * "Transférer" as typed: which way, which item (a levels row key), how much,
 * the other market (an event id) and/or the other till (a name), who, and an
 * optional note.
 */
export type TransferDraft = {
  direction: 'out' | 'in';
  itemKey: string;
  quantity: string;
  eventId: string;
  till: string;
  memberId: string;
  note: string;
};
export type CheckedTransfer =
  | { ok: true; value: { direction: 'out' | 'in'; quantity: number; eventId: string; till: string; memberId: string; note: string } }
  | { ok: false; problems: Partial<Record<keyof TransferDraft, string>> };

/**
 * Refuses an empty, zero, negative or over-3-decimals quantity, no item, no
 * other side (neither a market nor a till), a till name over 60 characters, a
 * note over 200 and no member, each on its field.
 */
export function checkTransfer(draft: TransferDraft): CheckedTransfer {
  const problems: Partial<Record<keyof TransferDraft, string>> = {};
  if (!draft.itemKey) problems.itemKey = 'stock.errChooseItem';
  const q = positiveQuantity(draft.quantity);
  if (q.problem) problems.quantity = q.problem;
  const till = draft.till.trim();
  if (till.length > 60) problems.till = 'stock.errTillLong';
  else if (!draft.eventId && till === '') problems.eventId = 'stock.errTransferOtherSide';
  const note = draft.note.trim();
  if (note.length > 200) problems.note = 'stock.errLossReasonLong';
  if (!draft.memberId) problems.memberId = 'stock.whoTransferred';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { direction: draft.direction, quantity: q.value, eventId: draft.eventId, till, memberId: draft.memberId, note } };
}

/**
 * How the stock history names a movement: an i18n key and its values.
 * A transfer says where the goods went or came from ("Transfert vers Fête de
 * la Goutte d'Or", "Transfert depuis Caisse 2"); `eventName` looks the other
 * event up.
 */
export function movementReason(
  movement: Pick<StockMovement, 'reason' | 'delta' | 'transferEventId' | 'counterpart'>,
  eventName: (id: string) => string | undefined,
): { key: string; params: Record<string, string> } {
  if (movement.reason !== 'transfer') return { key: `stock.reasons.${movement.reason}`, params: {} };
  const event = movement.transferEventId ? (eventName(movement.transferEventId) ?? '?') : undefined;
  const other = [event, movement.counterpart].filter((part): part is string => Boolean(part)).join(' · ');
  return { key: movement.delta < 0 ? 'stock.reasons.transferOut' : 'stock.reasons.transferIn', params: { other } };
}
