/**
 * What the forms hold while a person types (text, exactly as typed) and how
 * it becomes a record's input. Nothing here throws on bad input: a draft is
 * checked into either a value ready for catalog.ts or the problems to show
 * next to each field, and the draft itself is never touched, so a refusal
 * never loses what was typed.
 */
import { formatAmount, formatQuantity } from '../../../shared/format';
import { parseMoney, parseQuantity } from '../../../shared/money';
import {
  fractionalUnits,
  memberFormSchema,
  productFormSchema,
  type Member,
  type MemberForm,
  type Picture,
  type Product,
  type ProductForm,
  type Unit,
} from '../../../shared/schemas';
import { check, type Checked } from '../../ui/checked';

/** A quantity as typed, possibly negative (a stock that went below zero): "-2", "1,5". */
export function parseSignedQuantity(input: string): number | null {
  const trimmed = input.trim().replace(/^\u2212/, '-');
  const negative = trimmed.startsWith('-');
  const q = parseQuantity(negative ? trimmed.slice(1) : trimmed);
  if (q === null) return null;
  return negative && q !== 0 ? -q : q;
}

// ---------------------------------------------------------------- members

export type MemberDraft = { firstName: string; color: string; photo: string; analyticCode: string };

export function emptyMemberDraft(color: string): MemberDraft {
  return { firstName: '', color, photo: '', analyticCode: '' };
}

export function memberDraftFrom(member: Member): MemberDraft {
  return { firstName: member.firstName, color: member.color, photo: member.photo ?? '', analyticCode: member.analyticCode };
}

export function memberDraftToForm(draft: MemberDraft): MemberForm {
  return {
    firstName: draft.firstName,
    color: draft.color,
    analyticCode: draft.analyticCode,
    ...(draft.photo ? { photo: draft.photo } : {}),
  };
}

export function checkMember(draft: MemberDraft): Checked<MemberForm> {
  const form = memberDraftToForm(draft);
  const result = check(memberFormSchema, form);
  return result.ok ? { ok: true, value: form } : result;
}

// ---------------------------------------------------------------- products

export type PictureKind = Picture['kind'];

export type ProductDraft = {
  name: string;
  pictureKind: PictureKind;
  /** Kept when switching to a photo and back, so nothing chosen is lost. */
  emoji: string;
  /** JPEG data URL, '' when none. */
  image: string;
  color: string;
  category: string;
  unit: Unit;
  /** As typed: "12,50". */
  price: string;
  vatRate: number;
  makerIds: string[];
  trackStock: boolean;
  /** As typed; '' leaves the stock as it is. */
  stock: string;
  /** As typed; '' = no low-stock warning. */
  lowStock: string;
  /** The recipe, quantities as typed ("0,4"). */
  recipeLines: { materialId: string; quantity: string }[];
  labourMinutes: string;
  /** '' = the co-op's hourly rate. */
  hourlyRate: string;
};

export function emptyProductDraft(color: string): ProductDraft {
  return {
    name: '',
    pictureKind: 'emoji',
    emoji: '',
    image: '',
    color,
    category: '',
    unit: 'piece',
    price: '',
    vatRate: 2000,
    makerIds: [],
    trackStock: false,
    stock: '',
    lowStock: '',
    recipeLines: [],
    labourMinutes: '',
    hourlyRate: '',
  };
}

export function productDraftFrom(product: Product, stockLevel: number | undefined): ProductDraft {
  return {
    name: product.name,
    pictureKind: product.picture.kind,
    emoji: product.picture.kind === 'emoji' ? product.picture.value : '',
    image: product.picture.kind === 'image' ? product.picture.value : '',
    color: product.color,
    category: product.category,
    unit: product.unit,
    price: formatAmount(product.price),
    vatRate: product.vatRate,
    makerIds: [...product.makerIds],
    trackStock: product.trackStock,
    stock: product.trackStock ? formatQuantity(stockLevel ?? 0) : '',
    lowStock: product.lowStock !== undefined ? formatQuantity(product.lowStock) : '',
    recipeLines: (product.recipe?.lines ?? []).map((l) => ({ materialId: l.materialId, quantity: formatQuantity(l.quantity) })),
    labourMinutes: product.recipe?.labourMinutes ? String(product.recipe.labourMinutes) : '',
    hourlyRate: product.recipe?.hourlyRate !== undefined ? formatAmount(product.recipe.hourlyRate) : '',
  };
}

/** Quantity typed in a recipe or threshold: more than 3 decimals gets its own sentence. */
function typedMilli(text: string): { value: number; problem?: string } {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (/^[-\u2212]?\d+\.\d{4,}$/.test(cleaned)) return { value: Number.NaN, problem: 'err.quantityDecimals' };
  return { value: parseSignedQuantity(text) ?? Number.NaN };
}

/** The recipe part of the draft as record input (also used live by the cost panel). */
export function recipeFromDraft(draft: Pick<ProductDraft, 'recipeLines' | 'labourMinutes' | 'hourlyRate'>): {
  recipe: { lines: { materialId: string; quantity: number }[]; labourMinutes: number; hourlyRate?: number };
  extra: Record<string, string>;
} {
  const extra: Record<string, string> = {};
  const lines = draft.recipeLines.map((line, i) => {
    const q = typedMilli(line.quantity);
    if (line.quantity.trim() === '') extra[`recipe.lines.${i}.quantity`] = 'err.required';
    else if (q.problem) extra[`recipe.lines.${i}.quantity`] = q.problem;
    if (!line.materialId) extra[`recipe.lines.${i}.materialId`] = 'catalog.errChooseMaterial';
    return { materialId: line.materialId, quantity: q.value };
  });
  const minutesText = draft.labourMinutes.trim();
  const labourMinutes = minutesText === '' ? 0 : /^-?\d+$/.test(minutesText) ? Number(minutesText) : Number.NaN;
  const rateText = draft.hourlyRate.trim();
  const hourlyRate = rateText === '' ? undefined : (parseMoney(rateText) ?? Number.NaN);
  return { recipe: { lines, labourMinutes, ...(hourlyRate !== undefined ? { hourlyRate } : {}) }, extra };
}

/**
 * The draft as saveProduct's input. Unreadable numbers become NaN so that
 * the schema refuses them with its own message ("Montant incorrect"); an
 * empty emoji means a plain colour tile.
 */
export function checkProduct(draft: ProductDraft): Checked<ProductForm> {
  const extra: Record<string, string> = {};

  const priceText = draft.price.trim();
  if (priceText === '') extra.price = 'err.required';
  const price = parseMoney(priceText) ?? Number.NaN;

  let picture: Picture = { kind: 'none' };
  if (draft.pictureKind === 'emoji' && draft.emoji.trim() !== '') picture = { kind: 'emoji', value: draft.emoji.trim() };
  if (draft.pictureKind === 'image') {
    if (draft.image) picture = { kind: 'image', value: draft.image };
    else extra.picture = 'catalog.errNoImage';
  }

  let stock: number | undefined;
  const stockText = draft.stock.trim();
  if (draft.trackStock && stockText !== '') {
    stock = parseSignedQuantity(stockText) ?? Number.NaN;
    if (Number.isInteger(stock) && !fractionalUnits.includes(draft.unit) && stock % 1000 !== 0) {
      extra.stock = 'catalog.errWholeNumber';
    }
  }

  let lowStock: number | undefined;
  if (draft.lowStock.trim() !== '') {
    const q = typedMilli(draft.lowStock);
    if (q.problem) extra.lowStock = q.problem;
    lowStock = q.value;
  }
  const { recipe, extra: recipeProblems } = recipeFromDraft(draft);
  Object.assign(extra, recipeProblems);

  const form: ProductForm = {
    name: draft.name,
    picture,
    color: draft.color,
    category: draft.category,
    unit: draft.unit,
    price,
    vatRate: draft.vatRate,
    makerIds: draft.makerIds,
    trackStock: draft.trackStock,
    ...(stock !== undefined ? { stock } : {}),
    ...(lowStock !== undefined ? { lowStock } : {}),
    recipe,
  };
  const result = check(productFormSchema, form, extra);
  return result.ok ? { ok: true, value: form } : result;
}
