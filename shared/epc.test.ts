import { describe, expect, it } from 'vitest';
import { EpcError, epcAmount, epcPayload, formatIban, ibanErrorKey, isValidIban } from './epc';

const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const base = { name: 'Coopaname', iban: IBAN, bic: 'SOGEFRPP', amount: 50400, remittance: 'Solde F-2026-0001' };

function refusal(fn: () => unknown): EpcError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EpcError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('IBAN', () => {
  it('accepts good IBANs with or without spaces, in any case', () => {
    expect(isValidIban(IBAN)).toBe(true);
    expect(isValidIban('fr7630006000011234567890189')).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('FR1420041010050500013M02606')).toBe(true);
  });

  it('refuses a bad checksum, saying it is the checksum', () => {
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 188')).toBe(false);
    expect(ibanErrorKey('FR76 3000 6000 0112 3456 7890 188')).toBe('err.ibanChecksum');
    // Two digits swapped: the classic typing slip mod 97 catches.
    expect(ibanErrorKey('FR76 3000 6000 0112 3456 7809 189')).toBe('err.ibanChecksum');
  });

  it('refuses a French IBAN of the wrong length or with bad characters as a format problem', () => {
    expect(ibanErrorKey('FR76 3000 6000 0112 3456 7890 18')).toBe('err.iban');
    expect(ibanErrorKey('FR76 3000 6000 0112 3456 7890 1899')).toBe('err.iban');
    expect(ibanErrorKey('FR76-3000-6000')).toBe('err.iban');
    expect(ibanErrorKey('')).toBe('err.iban');
    expect(ibanErrorKey(IBAN)).toBeUndefined();
  });

  it('prints in groups of four', () => {
    expect(formatIban('fr7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
  });
});

describe('EPC QR payload (DOMAIN.md field list)', () => {
  it('gives the eleven lines, version 002, UTF-8, SCT, IBAN without spaces and EUR504.00', () => {
    const payload = epcPayload({ ...base, remittance: 'Solde C-2026-0007' });
    expect(payload.split('\n')).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      'SOGEFRPP',
      'Coopaname',
      'FR7630006000011234567890189',
      'EUR504.00',
      '',
      '',
      'Solde C-2026-0007',
    ]);
    expect(payload).not.toMatch(/\r|\n$/);
  });

  it('formats amounts with a dot and two decimals, from 0,01 € to 999 999 999,99 €', () => {
    expect(epcAmount(50400)).toBe('EUR504.00');
    expect(epcAmount(21600)).toBe('EUR216.00');
    expect(epcAmount(1)).toBe('EUR0.01');
    expect(epcAmount(123456)).toBe('EUR1234.56');
    expect(epcAmount(99_999_999_999)).toBe('EUR999999999.99');
    for (const bad of [0, -100, 100_000_000_000, 12.5]) {
      expect(refusal(() => epcPayload({ ...base, amount: bad })).key).toBe('err.epcAmount');
    }
  });

  it('leaves the BIC line empty when there is none (allowed in version 002) and refuses a malformed one', () => {
    expect(epcPayload({ ...base, bic: '' }).split('\n')[4]).toBe('');
    expect(epcPayload({ ...base, bic: 'sogefrpp xxx' }).split('\n')[4]).toBe('SOGEFRPPXXX');
    expect(refusal(() => epcPayload({ ...base, bic: 'SOGE' })).key).toBe('err.bic');
  });

  it('takes a 70-character name and refuses 71, and refuses an empty name', () => {
    const seventy = 'C'.repeat(70);
    expect(epcPayload({ ...base, name: seventy }).split('\n')[5]).toBe(seventy);
    const tooLong = refusal(() => epcPayload({ ...base, name: 'C'.repeat(71) }));
    expect(tooLong.key).toBe('err.epcName');
    expect(tooLong.params).toEqual({ max: 70 });
    expect(refusal(() => epcPayload({ ...base, name: '   ' })).key).toBe('err.epcName');
  });

  it('takes a 140-character remittance text and refuses 141', () => {
    const text = 'R'.repeat(140);
    expect(epcPayload({ ...base, remittance: text }).split('\n')[10]).toBe(text);
    expect(refusal(() => epcPayload({ ...base, remittance: 'R'.repeat(141) })).key).toBe('err.epcRemittance');
  });

  it('counts characters, not bytes, for the limits, but bytes (UTF-8) for the 331 total', () => {
    // 70 accented characters are 140 bytes: within the name limit.
    const name = 'é'.repeat(70);
    const fits = epcPayload({ ...base, name, remittance: 'Solde F-2026-0001' });
    expect(fits.split('\n')[5]).toBe(name);
    expect(new TextEncoder().encode(fits).length).toBeLessThanOrEqual(331);
    // Longest possible fields in plain ASCII stay within 331 bytes…
    const ascii = epcPayload({ ...base, bic: 'SOGEFRPPXXX', name: 'N'.repeat(70), remittance: 'R'.repeat(140), amount: 99_999_999_999 });
    expect(new TextEncoder().encode(ascii).length).toBeLessThanOrEqual(331);
    // …but 70 + 140 two-byte characters do not: refused, with the byte count.
    const tooBig = refusal(() => epcPayload({ ...base, name, remittance: 'è'.repeat(140) }));
    expect(tooBig.key).toBe('err.epcTooLong');
    expect(Number(tooBig.params.bytes)).toBeGreaterThan(331);
  });

  it('refuses a bad IBAN before building anything, with the reason', () => {
    expect(refusal(() => epcPayload({ ...base, iban: 'FR76 3000 6000 0112 3456 7890 188' })).key).toBe('err.ibanChecksum');
    expect(refusal(() => epcPayload({ ...base, iban: 'FR76 3000' })).key).toBe('err.iban');
  });

  it('keeps line breaks typed into a field from shifting the other fields', () => {
    const payload = epcPayload({ ...base, name: 'Coop\nDupont', remittance: 'Solde\r\nF-2026-0001' });
    expect(payload.split('\n')).toHaveLength(11);
    expect(payload.split('\n')[5]).toBe('Coop Dupont');
    expect(payload.split('\n')[10]).toBe('Solde F-2026-0001');
  });
});
