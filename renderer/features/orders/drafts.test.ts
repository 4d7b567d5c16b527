import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/schemas';
import { checkCustomer, checkOrder, emptyCustomerDraft, emptyOrderDraft, freeLine, isPastDue, lineFromProduct, orderDraftFrom, readableLines, type OrderDraft } from './drafts';

const garland = {
  id: 'p1',
  name: 'Guirlande wax au mètre',
  unit: 'metre',
  price: 1200,
  vatRate: 2000,
} as Product;

function draft(patch: Partial<OrderDraft> = {}): OrderDraft {
  return { ...emptyOrderDraft('2026-11-28'), customerId: 'c1', lines: [{ ...lineFromProduct('l1', garland), quantity: '60' }], ...patch };
}

function problems(d: OrderDraft): Record<string, string> {
  const result = checkOrder(d);
  if (result.ok) return {};
  const out: Record<string, string> = { ...result.problems.extra };
  for (const issue of result.problems.zod?.issues ?? []) out[issue.path.join('.')] ??= issue.message;
  return out;
}

describe('order drafts', () => {
  it('turns the garland line as typed into the repository form: 60 m at 12,00 € incl. VAT', () => {
    const result = checkOrder(draft({ dueTime: '14:30' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.lines).toEqual([{ key: 'l1', productId: 'p1', name: 'Guirlande wax au mètre', unit: 'metre', quantity: 60000, unitPrice: 1200, vatRate: 2000 }]);
    expect(result.value.delivery).toEqual({ kind: 'stall' });
    expect(result.value.dueTime).toBe('14:30');
  });

  it('refuses a negative quantity with its own reason, and an empty one as required', () => {
    expect(problems(draft({ lines: [{ ...lineFromProduct('l1', garland), quantity: '-60' }] }))['lines.0.quantity']).toBe('err.quantityNegative');
    expect(problems(draft({ lines: [{ ...lineFromProduct('l1', garland), quantity: '' }] }))['lines.0.quantity']).toBe('err.required');
    expect(problems(draft({ lines: [{ ...lineFromProduct('l1', garland), quantity: '0' }] }))['lines.0.quantity']).toBe('err.quantityZero');
    expect(problems(draft({ lines: [{ ...lineFromProduct('l1', garland), quantity: '1,2345' }] }))['lines.0.quantity']).toBeDefined();
  });

  it('needs a customer, at least one line, a priced free line with its name, and an address when delivered', () => {
    expect(problems(draft({ customerId: '' })).customerId).toBe('orders.errChooseCustomer');
    expect(problems(draft({ lines: [] })).lines).toBe('err.noLines');
    const free = problems(draft({ lines: [freeLine('l2')] }));
    expect(free['lines.0.name']).toBe('err.required');
    expect(free['lines.0.unitPrice']).toBe('err.required');
    expect(problems(draft({ deliveryKind: 'address', place: '' }))['delivery.place']).toBe('err.required');
  });

  it('a free service line defaults to catering at 10 % by the portion', () => {
    const result = checkOrder(draft({ lines: [{ ...freeLine('l2'), name: 'Buffet pour 40', quantity: '40', unitPrice: '15' }] }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.lines[0]).toMatchObject({ unit: 'portion', vatRate: 1000, quantity: 40000, unitPrice: 1500 });
  });

  it('a free line is a service unless marked as an object; a catalogue product carries no marking (always goods)', () => {
    const buffet = { ...freeLine('l2'), name: 'Buffet pour 40', quantity: '40', unitPrice: '15' };
    const service = checkOrder(draft({ lines: [buffet] }));
    expect(service.ok && service.value.lines[0]?.nature).toBe('service');
    const goods = checkOrder(draft({ lines: [{ ...buffet, name: 'Nappe sur mesure', nature: 'goods' }] }));
    expect(goods.ok && goods.value.lines[0]?.nature).toBe('goods');
    const product = checkOrder(draft());
    expect(product.ok && Object.keys(product.value.lines[0] ?? {})).not.toContain('nature');
    // A free line saved before the marking existed comes back as a service.
    const back = orderDraftFrom({
      id: 'o1',
      number: 'C-2026-0001',
      customerId: 'c1',
      lines: [{ key: 'l2', name: 'Buffet', unit: 'portion', quantity: 40000, unitPrice: 1500, vatRate: 1000 }],
      dueDay: '2026-11-28',
      dueTime: '',
      delivery: { kind: 'stall' },
      notes: '',
      customerRef: '',
      quoteValidUntil: '2026-12-23',
      status: 'quote',
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:00.000Z',
    });
    expect(back.lines[0]?.nature).toBe('service');
  });

  it('only readable lines reach the live totals', () => {
    const d = draft({ lines: [{ ...lineFromProduct('l1', garland), quantity: '60' }, { ...freeLine('l2'), quantity: 'abc', unitPrice: '3' }] });
    expect(readableLines(d).map((l) => l.key)).toEqual(['l1']);
  });

  it('a due day before today is past (a warning, not a refusal)', () => {
    expect(isPastDue('2026-11-21', '2026-11-23')).toBe(true);
    expect(isPastDue('2026-11-23', '2026-11-23')).toBe(false);
    expect(checkOrder(draft({ dueDay: '2020-01-01' })).ok).toBe(true);
  });

  it('an order comes back into the form as it was typed', () => {
    const d = orderDraftFrom({
      id: 'o1',
      number: 'C-2026-0001',
      customerId: 'c1',
      lines: [{ key: 'l1', productId: 'p1', name: 'Guirlande wax au mètre', unit: 'metre', quantity: 1500, unitPrice: 1200, vatRate: 2000 }],
      dueDay: '2026-11-28',
      dueTime: '',
      delivery: { kind: 'address', place: '12 rue Polonceau' },
      notes: '',
      customerRef: 'BC-12',
      quoteValidUntil: '2026-12-23',
      status: 'quote',
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:00.000Z',
    });
    expect(d.lines[0]).toMatchObject({ quantity: '1,5', unitPrice: '12,00' });
    expect(d).toMatchObject({ deliveryKind: 'address', place: '12 rue Polonceau', customerRef: 'BC-12' });
  });

  it('checks a customer with its schema: name required, SIRET checksum', () => {
    const bad = checkCustomer({ ...emptyCustomerDraft(), siret: '12345678901234' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.zod?.issues.map((i) => `${i.path.join('.')}:${i.message}`)).toEqual(['name:err.required', 'siret:err.siretChecksum']);
    expect(checkCustomer({ ...emptyCustomerDraft(), name: 'Associations de la Goutte d’Or' }).ok).toBe(true);
  });
});
