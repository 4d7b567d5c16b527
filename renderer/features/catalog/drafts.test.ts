import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { messages } from '../../ui/checked';
import { checkMember, checkProduct, emptyMemberDraft, emptyProductDraft, parseSignedQuantity, productDraftFrom, type ProductDraft } from './drafts';
import { nextColor, PALETTE } from './palette';

// Messages come back as their keys, so the tests read which sentence is shown.
const t = ((key: string) => key) as unknown as TFunction;

const draft = (patch: Partial<ProductDraft>): ProductDraft => ({ ...emptyProductDraft('#e4572e'), name: 'Trousse wax', price: '12,50', ...patch });

describe('checkProduct', () => {
  it('reads a French price into cents', () => {
    const r = checkProduct(draft({ price: '12,50' }));
    expect(r.ok && r.value.price).toBe(1250);
  });

  it('says "amount" next to the price when it is not a number, without throwing', () => {
    const r = checkProduct(draft({ price: 'abc' }));
    expect(r.ok).toBe(false);
    expect(messages(r, t).price).toBe('err.amount');
  });

  it('says "required" when the price is empty, and refuses 0', () => {
    expect(messages(checkProduct(draft({ price: '' })), t).price).toBe('err.required');
    expect(messages(checkProduct(draft({ price: '0' })), t).price).toBe('err.priceZero');
  });

  it('names every wrong field at once', () => {
    const errors = messages(checkProduct(draft({ name: '  ', price: '1,234' })), t);
    expect(errors.name).toBe('err.required');
    expect(errors.price).toBe('err.amount');
  });

  it('turns an empty emoji into a plain colour tile', () => {
    const r = checkProduct(draft({ pictureKind: 'emoji', emoji: ' ' }));
    expect(r.ok && r.value.picture).toEqual({ kind: 'none' });
  });

  it('asks for a photo when "photo" is chosen without one', () => {
    expect(messages(checkProduct(draft({ pictureKind: 'image', image: '' })), t).picture).toBe('catalog.errNoImage');
  });

  it('keeps the emoji when a photo is chosen (the draft keeps both)', () => {
    const r = checkProduct(draft({ pictureKind: 'image', emoji: '🧵', image: 'data:image/jpeg;base64,AAAA' }));
    expect(r.ok && r.value.picture).toEqual({ kind: 'image', value: 'data:image/jpeg;base64,AAAA' });
  });

  it('accepts decimal stock by the metre, whole numbers only by the piece', () => {
    const metres = checkProduct(draft({ unit: 'metre', trackStock: true, stock: '12,5' }));
    expect(metres.ok && metres.value.stock).toBe(12500);
    expect(messages(checkProduct(draft({ unit: 'piece', trackStock: true, stock: '2,5' })), t).stock).toBe('catalog.errWholeNumber');
    expect(messages(checkProduct(draft({ trackStock: true, stock: 'beaucoup' })), t).stock).toBe('err.quantity');
  });

  it('leaves the stock alone when the field is empty or stock is not tracked', () => {
    const empty = checkProduct(draft({ trackStock: true, stock: '' }));
    expect(empty.ok && 'stock' in empty.value).toBe(false);
    const untracked = checkProduct(draft({ trackStock: false, stock: '5' }));
    expect(untracked.ok && 'stock' in untracked.value).toBe(false);
  });

  it('round-trips a saved product, including a stock below zero', () => {
    const d = productDraftFrom(
      {
        id: 'p1',
        name: 'Ruban wax au mètre',
        picture: { kind: 'emoji', value: '🎀' },
        color: '#d62828',
        category: 'Tissus',
        unit: 'metre',
        price: 123450,
        vatRate: 2000,
        makerIds: ['m1'],
        trackStock: true,
        archived: false,
        createdAt: '2026-11-22T10:00:00.000Z',
        updatedAt: '2026-11-22T10:00:00.000Z',
      },
      -2500,
    );
    expect(d.stock).toBe('-2,5');
    const r = checkProduct(d);
    expect(r.ok && r.value).toMatchObject({ price: 123450, stock: -2500, picture: { kind: 'emoji', value: '🎀' }, makerIds: ['m1'] });
  });
});

describe('parseSignedQuantity', () => {
  it('reads signs and French decimals', () => {
    expect(parseSignedQuantity('1,5')).toBe(1500);
    expect(parseSignedQuantity('-2')).toBe(-2000);
    expect(parseSignedQuantity('\u22123')).toBe(-3000);
    expect(parseSignedQuantity('-0')).toBe(0);
    expect(parseSignedQuantity('--1')).toBeNull();
    expect(parseSignedQuantity('')).toBeNull();
  });
});

describe('members', () => {
  it('needs a first name, and drops an empty photo', () => {
    expect(messages(checkMember(emptyMemberDraft('#e4572e')), t).firstName).toBe('err.required');
    const r = checkMember({ ...emptyMemberDraft('#e4572e'), firstName: 'Awa' });
    expect(r.ok && r.value).toEqual({ firstName: 'Awa', color: '#e4572e', analyticCode: '' });
  });

  it('gives each new member a colour nobody has yet', () => {
    expect(nextColor([])).toBe(PALETTE[0].hex);
    expect(nextColor([PALETTE[0].hex.toUpperCase(), PALETTE[1].hex])).toBe(PALETTE[2].hex);
    expect(nextColor(PALETTE.map((c) => c.hex))).toBe(PALETTE[0].hex);
  });
});
