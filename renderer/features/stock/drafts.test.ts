import { describe, expect, it } from 'vitest';
import { checkProduct, emptyProductDraft } from '../catalog/drafts';
import { checkLoss, checkMaterial, checkProduction, checkPurchase, checkTransfer, emptyMaterialDraft, movementReason, typedQuantity, type TransferDraft } from './drafts';

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

describe('transfer form', () => {
  const draft: TransferDraft = { direction: 'out', itemKey: 'p:1', quantity: '10', eventId: 'ev1', till: '', memberId: 'a', note: '' };

  it('accepts a market or a till as the other side, trimmed', () => {
    expect(checkTransfer(draft)).toEqual({ ok: true, value: { direction: 'out', quantity: 10000, eventId: 'ev1', till: '', memberId: 'a', note: '' } });
    expect(checkTransfer({ ...draft, direction: 'in', eventId: '', till: ' Caisse 2 ', quantity: '0,5', note: ' retour ' })).toEqual({
      ok: true,
      value: { direction: 'in', quantity: 500, eventId: '', till: 'Caisse 2', memberId: 'a', note: 'retour' },
    });
  });

  it('refuses zero, negative, 4 decimals, empty and unreadable quantities, each with its sentence', () => {
    const problem = (quantity: string) => {
      const checked = checkTransfer({ ...draft, quantity });
      return checked.ok ? undefined : checked.problems.quantity;
    };
    expect(problem('0')).toBe('err.quantityZero');
    expect(problem('-10')).toBe('err.quantityNegative');
    expect(problem('1,2345')).toBe('err.quantityDecimals');
    expect(problem('')).toBe('err.required');
    expect(problem('dix')).toBe('err.quantity');
  });

  it('asks for the item, the other side and who; refuses a too long till name or note', () => {
    expect(checkTransfer({ ...draft, itemKey: '', eventId: '', till: '  ', memberId: '' })).toEqual({
      ok: false,
      problems: { itemKey: 'stock.errChooseItem', eventId: 'stock.errTransferOtherSide', memberId: 'stock.whoTransferred' },
    });
    expect(checkTransfer({ ...draft, till: 'x'.repeat(61), note: 'y'.repeat(201) })).toEqual({ ok: false, problems: { till: 'stock.errTillLong', note: 'stock.errLossReasonLong' } });
  });
});

describe('stock history wording', () => {
  const events = new Map([['ev1', 'Fête de la Goutte d’Or']]);
  const name = (id: string) => events.get(id);

  it('names a transfer by where the goods went or came from', () => {
    expect(movementReason({ reason: 'transfer', delta: -10000, transferEventId: 'ev1' }, name)).toEqual({ key: 'stock.reasons.transferOut', params: { other: 'Fête de la Goutte d’Or' } });
    expect(movementReason({ reason: 'transfer', delta: 3000, counterpart: 'Caisse 2' }, name)).toEqual({ key: 'stock.reasons.transferIn', params: { other: 'Caisse 2' } });
    expect(movementReason({ reason: 'transfer', delta: 3000, transferEventId: 'ev1', counterpart: 'Caisse 2' }, name)).toMatchObject({ params: { other: 'Fête de la Goutte d’Or · Caisse 2' } });
  });

  it('names the other reasons by their own key', () => {
    expect(movementReason({ reason: 'loss', delta: -1000 }, name)).toEqual({ key: 'stock.reasons.loss', params: {} });
  });
});
