import { describe, expect, it } from 'vitest';
import { encodeReceipt, type PrinterConfig } from '../../electron/printing/encode';
import { decodeEscPos } from '../fixtures/fake-printer';
import { fixedCoop } from '../fixtures/worked-ticket';
import { WORKED_CUSTOMER, workedOrder } from '../fixtures/worked-order';
import { layoutReceipt, receiptSchema } from '../../shared/receipt';
import { productionSheetReceipt, type ProductionSheetInput } from '../../shared/documents/production-sheet';

const printer = (columns: number): PrinterConfig => ({
  connection: { kind: 'network', host: '127.0.0.1', port: 9100 },
  columns,
  codepage: 'cp858',
  cut: true,
  drawerPin: 2,
});

const squash = (lines: string[]) => lines.map((l) => l.replace(/ +/g, ' ').trim());

/** 38 of 60 m made by three members (20 + 12 + 6), plus a 40-portion buffet line not started. */
function input(patch: Partial<ProductionSheetInput> = {}): ProductionSheetInput {
  return {
    order: workedOrder(),
    customer: WORKED_CUSTOMER,
    progress: [
      { key: 'l1', name: 'Guirlande wax au mètre', unit: 'metre', ordered: 60000, produced: 38000 },
      { key: 'l2', name: 'Buffet pour 40', unit: 'portion', ordered: 40000, produced: 0 },
    ],
    contributors: [
      { name: 'Aminata', quantity: 20000, minutes: 0 },
      { name: 'Fatoumata', quantity: 12000, minutes: 90 },
      { name: 'Mariam', quantity: 6000, minutes: 0 },
      { name: 'Hawa', quantity: 0, minutes: 0 },
    ],
    ...patch,
  };
}

describe('the production sheet on the thermal printer', () => {
  const coop = fixedCoop();

  it('prints the order, customer, due date, what is made and what remains, through the receipt encoder', () => {
    const receipt = productionSheetReceipt(input(), coop, { printedAt: '2026-11-24T13:05:00.000Z' });
    // What the bridge checks before the main process prints it.
    expect(receiptSchema.parse(receipt)).toEqual(receipt);
    const paper = decodeEscPos(encodeReceipt(receipt, printer(48)));
    const lines = squash(paper.lines);
    expect(lines).toEqual(
      expect.arrayContaining([
        'FICHE DE PRODUCTION',
        'Commande C-2026-0007',
        // Long text wraps at 48 columns.
        'Client : Fatou Diallo (Associations de la Goutte',
        "d'Or)",
        'Tél. 06 12 34 56 78',
        'Pour le 28/11/2026 14:00',
        'Livraison : Salle Saint-Bruno, 9 rue',
        'Saint-Bruno, 75018 Paris',
        'Réf. client BC-2026-118',
        'Statut En production',
        'Guirlande wax au mètre',
        'Commandé 60 m',
        'Déjà fait 38 m',
        'Reste à faire 22 m',
        'Buffet pour 40',
        'Commandé 40 portions',
        'Déjà fait 0 portion',
        'Reste à faire 40 portions',
        'Qui a fait quoi',
        'Aminata 20 m',
        'Fatoumata 12 m + 90 min',
        'Mariam 6 m',
        'Notes',
        'Couleurs vives, pas de violet.',
        'Oeillets tous les 2 m pour accrocher.',
        // 13:05 UTC is 14:05 in Paris in November.
        'Imprimée le 24/11/2026 14:05',
      ]),
    );
    // A member with nothing logged is not listed; the sheet is cut once and opens no drawer.
    expect(lines.join('\n')).not.toContain('Hawa');
    expect(paper.cuts).toBe(1);
    expect(paper.pulses).toEqual([]);
    expect(paper.qr).toEqual([]);
    // The paper is exactly the on-screen preview (the double-size order number aside).
    expect(squash(layoutReceipt(receipt, 48)).filter(Boolean)).toEqual(
      expect.arrayContaining(lines.filter((l) => l && l !== 'Commande C-2026-0007')),
    );
  });

  it('says a finished line is done, and fits 58 mm paper', () => {
    const receipt = productionSheetReceipt(
      input({ progress: [{ key: 'l1', name: 'Guirlande wax au mètre', unit: 'metre', ordered: 60000, produced: 61500 }], contributors: [] }),
      { ...coop, name: 'Wax & Fils' },
    );
    const preview = layoutReceipt(receipt, 32);
    expect(preview.every((l) => l.length <= 32)).toBe(true);
    const lines = squash(decodeEscPos(encodeReceipt(receipt, printer(32))).lines);
    expect(lines).toContain('Déjà fait 61,5 m');
    expect(lines).toContain('Reste à faire Terminé');
    expect(lines).not.toContain('Qui a fait quoi');
    expect(lines.join('\n')).not.toContain('Imprimée le');
  });

  it('pick-up at the stall, no phone, no notes; control characters in names cannot reach the printer', () => {
    const receipt = productionSheetReceipt(
      input({
        order: workedOrder({ delivery: { kind: 'stall' }, notes: '', dueTime: '', customerRef: '' }),
        customer: { name: 'Mairie\u001b@ du 18e', organisation: '', phone: '' },
        contributors: [],
      }),
      coop,
    );
    expect(receiptSchema.safeParse(receipt).success).toBe(true);
    const lines = squash(decodeEscPos(encodeReceipt(receipt, printer(48))).lines);
    expect(lines).toContain('Client : Mairie @ du 18e');
    expect(lines).toContain('Pour le 28/11/2026');
    expect(lines).toContain('Livraison Retrait au stand');
    expect(lines.join('\n')).not.toMatch(/Notes|Tél\.|Réf\. client/);
  });
});
