import { describe, expect, it } from 'vitest';
import { contract } from './contract';
import { fileNameProblem } from './file-names';

describe('file names every system can hold', () => {
  it('refuses the names Windows keeps for devices, with any extension and in any case', () => {
    for (const name of ['CON', 'con', 'NUL.txt', 'nul.tar.gz', 'COM1.csv', 'com9', 'LPT1.pdf', 'Lpt9.zip', 'PRN.json', 'aux.xlsx', 'CON .txt', 'COM¹.csv']) {
      expect(fileNameProblem(name), name).toBe('reserved');
    }
  });

  it('refuses a trailing dot or space', () => {
    for (const name of ['ventes.', 'ventes.csv.', 'ventes ', 'ventes.csv ', 'CON.']) expect(fileNameProblem(name), name).toBe('trailing');
  });

  it('accepts the names Étal makes, and look-alikes that are not reserved', () => {
    for (const name of ['etal-archive-2026-12-01-2026-12-31.zip', 'COM0.csv', 'COM10.csv', 'LPT0', 'CONSOLE.txt', 'nul-part.csv', 'aux-couleurs.pdf', 'facture-F-2026-0001.pdf', '.env']) {
      expect(fileNameProblem(name), name).toBeNull();
    }
  });

  it('is enforced at the bridge: files:save refuses such a suggested name and says why', () => {
    const parsed = contract['files:save'].input.safeParse({ suggestedName: 'COM1.csv', content: 'x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('"COM1.csv" is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension): choose another name');
    expect(contract['files:save'].input.safeParse({ suggestedName: 'ventes.csv', content: 'x' }).success).toBe(true);
  });
});
