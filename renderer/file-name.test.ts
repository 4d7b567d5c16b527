import { describe, expect, it } from 'vitest';
import { assertSaveableName } from './file-name';
import { i18n, initI18n } from './i18n/i18n';

describe('a file name refused before saving', () => {
  it('says why in the person’s language, naming the file', async () => {
    await initI18n();
    await i18n.changeLanguage('fr');
    expect(() => assertSaveableName('CON.csv')).toThrow('« CON.csv » est un nom que Windows réserve à un appareil (CON, PRN, AUX, NUL, COM1 à 9, LPT1 à 9) : choisissez un autre nom.');
    expect(() => assertSaveableName('ventes.')).toThrow('« ventes. » finit par un point ou une espace, que Windows efface : enlevez-le.');
    // Arabic isolates the Latin name (FSI … PDI) so it reads in its own direction.
    await i18n.changeLanguage('ar');
    expect(() => assertSaveableName('nul.pdf')).toThrow('« \u2068nul.pdf\u2069 » اسم يحجزه Windows لجهاز');
    await i18n.changeLanguage('fr');
    expect(() => assertSaveableName('ventes.csv')).not.toThrow();
  });
});
