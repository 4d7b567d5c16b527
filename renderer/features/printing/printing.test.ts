import { describe, expect, it } from 'vitest';
import type { PrinterConfig } from '../../../shared/schemas/printer';
import { i18n, initI18n } from '../../i18n/i18n';
import { messages } from '../../ui/checked';
import { checkPrinterDraft, printerDraftFrom } from '../settings/printer-draft';
import { PRINT_ERROR_CODES, printerLabel, printFailureSentence } from './printing';

const network: PrinterConfig = { connection: { kind: 'network', host: '192.168.1.50', port: 9100 }, columns: 48, codepage: 'cp858', brand: 'epson', cut: true, drawerPin: 2, drawerOnCash: true };

describe('the print failure sentence', () => {
  it('names the printer, what happened and what to try, for every code, in French and English', async () => {
    await initI18n();
    for (const lng of ['fr', 'en']) {
      const t = i18n.getFixedT(lng);
      for (const code of PRINT_ERROR_CODES) {
        const sentence = printFailureSentence(t, network, code);
        expect(sentence).toContain('192.168.1.50');
        expect(sentence).not.toMatch(/printing\.|\{\{/);
      }
    }
    const fr = i18n.getFixedT('fr');
    expect(printFailureSentence(fr, network, 'paper-out')).toBe(
      'Ticket non imprimé : l’imprimante réseau 192.168.1.50 n’a plus de papier ; mettez un rouleau neuf, puis touchez « Réimprimer » (la vente est bien enregistrée).',
    );
    // An unknown code still gives a sentence a person can act on.
    expect(printFailureSentence(fr, network, 'ENOSPC-weird')).toContain('éteignez-la et rallumez-la');
    expect(printerLabel(fr, { kind: 'network', host: '10.0.0.7', port: 9101 })).toBe('l’imprimante réseau 10.0.0.7:9101');
    expect(printerLabel(fr, { kind: 'device', path: '/dev/usb/lp0' })).toBe('l’imprimante USB /dev/usb/lp0');
  });

  it('says in one sentence, in each language, that a path which is not a printer port got nothing', async () => {
    await initI18n();
    const shm: PrinterConfig = { ...network, connection: { kind: 'device', path: '/dev/shm/lp0' } };
    expect(printFailureSentence(i18n.getFixedT('fr'), shm, 'not-a-printer')).toBe(
      'Ticket non imprimé : l’imprimante USB /dev/shm/lp0 n’est pas un vrai port d’imprimante (Étal n’y a rien écrit) ; choisissez l’imprimante dans Réglages avec « Chercher » (la vente est bien enregistrée).',
    );
    expect(printFailureSentence(i18n.getFixedT('en'), shm, 'not-a-printer', 'test')).toContain('/dev/shm/lp0 is not a real printer port (Étal wrote nothing to it)');
    expect(printFailureSentence(i18n.getFixedT('ar'), shm, 'not-a-printer')).toContain('ليست منفذ طابعة حقيقيًا');
  });
});

describe('the printer settings draft', () => {
  it('round-trips a stored printer', () => {
    const checked = checkPrinterDraft(printerDraftFrom({ ...network, columns: 32, drawerPin: 5, cut: false }));
    expect(checked).toEqual({ ok: true, value: { ...network, columns: 32, drawerPin: 5, cut: false } });
  });

  it('"Aucune" is a valid choice: no printer', () => {
    expect(checkPrinterDraft(printerDraftFrom(undefined))).toEqual({ ok: true, value: undefined });
  });

  it('refuses a missing address, a wrong port and a wrong speed, next to each field, in French', async () => {
    await initI18n();
    const t = i18n.getFixedT('fr');
    const draft = printerDraftFrom(undefined);
    const net = checkPrinterDraft({ ...draft, kind: 'network', host: ' ', port: '99999' });
    expect(messages(net.ok ? null : net, t)).toEqual({
      'connection.host': 'Adresse IP de l’imprimante, ex. : 192.168.1.50',
      'connection.port': 'Numéro de port entre 1 et 65535 (souvent 9100)',
    });
    const serial = checkPrinterDraft({ ...draft, kind: 'serial', serialPath: '/dev/rfcomm0', baudRate: 'vite' });
    expect(messages(serial.ok ? null : serial, t)).toEqual({ 'connection.baudRate': 'Vitesse incorrecte (souvent 9600)' });
    // "9 100" typed with a space is still 9100.
    expect(checkPrinterDraft({ ...draft, kind: 'network', host: '192.168.1.50', port: '9 100' })).toMatchObject({ ok: true, value: { connection: { port: 9100 } } });
  });
});
