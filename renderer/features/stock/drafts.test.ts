import { describe, expect, it } from 'vitest';
import { checkProduct, emptyProductDraft } from '../catalog/drafts';
import { checkLoss, checkMaterial, checkProduction, checkPurchase, emptyMaterialDraft, typedQuantity } from './drafts';

const problems = (checked: { ok: boolean; problems?: { zod: { issues: { path: PropertyKey[]; message: string }[] } | undefined; extra: Record<string, string> } }) => {
  if (checked.ok || !checked.problems) return {};
  const out: Record<string, string> = { ...checked.problems.extra };
  for (const issue of checked.problems.zod?.issues ?? []) out[issue.path.join('.')] ??= issue.message;
  return out;
};

describe('typed quantities', () => {
  it('reads decimals with a comma, and names the problem of a 4th decimal', () => {
    expect(typedQuantity('0,4')).toEqual({ value: 400 });
    expect(typedQuantity('1.1')).toEqual({ value: 1100 });
    expect(typedQuantity('1,2345')).toMatchObject({ problem: 'err.quantityDecimals' });
    expect(typedQuantity('-2')).toEqual({ value: -2000 });
  });
});

describe('material, purchase and production forms', () => {
  it('refuses an absurd price, a negative stock and a 4th decimal, each on its field', () => {
    const checked = checkMaterial({ ...emptyMaterialDraft(), name: 'Ruban', unitCost: '150000', stock: '-1', lowStock: '0,0001' });
    expect(problems(checked)).toMatchObject({ unitCost: 'err.amountTooBig', stock: 'err.quantityNegative', lowStock: 'err.quantityDecimals' });
  });

  it('accepts a donated material at 0 €', () => {
    expect(checkMaterial({ ...emptyMaterialDraft(), name: 'Chutes de wax', unitCost: '0', vatRate: 0, stock: '10' })).toMatchObject({ ok: true, value: { unitCost: 0, stock: 10000 } });
  });

  it('refuses a negative purchase and a production with no member', () => {
    expect(problems(checkPurchase('m1', { quantity: '-5', amount: '3', vatRate: 2000, day: '2026-12-01', paidBy: '' }))).toMatchObject({ quantity: 'err.quantityNegative' });
    expect(problems(checkProduction({ memberId: '', productId: 'p1', quantity: '5', minutes: '30', day: '2026-12-01' }))).toHaveProperty('memberId');
    expect(checkProduction({ memberId: 'a', productId: 'p1', quantity: '2,5', minutes: '75', day: '2026-12-01' })).toMatchObject({ ok: true, value: { quantity: 2500, minutes: 75 } });
  });

  it('refuses a recipe line with 4 decimals or no material, and a price over 100 000 €', () => {
    const draft = { ...emptyProductDraft('#e4572e'), name: 'Guirlande', price: '100000,01', recipeLines: [{ materialId: '', quantity: '0,12345' }], labourMinutes: '30' };
    expect(problems(checkProduct(draft))).toMatchObject({
      price: 'err.amountTooBig',
      'recipe.lines.0.quantity': 'err.quantityDecimals',
      'recipe.lines.0.materialId': 'catalog.errChooseMaterial',
    });
  });
});

describe('loss / gift form', () => {
  const draft = { itemKey: 'p:1', quantity: '1,5', note: ' offert ', memberId: 'a' };
  it('reads the quantity in thousandths and trims the reason', () => {
    expect(checkLoss(draft)).toEqual({ ok: true, value: { quantity: 1500, note: 'offert', memberId: 'a' } });
  });

  it('refuses zero, negative, 4 decimals, empty and unreadable quantities, each with its sentence', () => {
    const problem = (quantity: string) => {
      const checked = checkLoss({ ...draft, quantity });
      return checked.ok ? undefined : checked.problems.quantity;
    };
    expect(problem('0')).toBe('err.quantityZero');
    expect(problem('0,000')).toBe('err.quantityZero');
    expect(problem('-1')).toBe('err.quantityNegative');
    expect(problem('1,2345')).toBe('err.quantityDecimals');
    expect(problem('')).toBe('err.required');
    expect(problem('abc')).toBe('err.quantity');
  });

  it('asks for the item, the reason and who', () => {
    expect(checkLoss({ itemKey: '', quantity: '1', note: '  ', memberId: '' })).toEqual({
      ok: false,
      problems: { itemKey: 'stock.errChooseItem', note: 'stock.errLossReason', memberId: 'stock.whoLost' },
    });
  });
});
