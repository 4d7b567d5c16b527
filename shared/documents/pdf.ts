/**
 * pdfmake 0.3, loaded once and only when a PDF is made (3 MB of code and
 * fonts the till's start-up should not pay for).
 *
 * Its browser bundle (`pdfmake/build/pdfmake.js`, self-contained, no eval,
 * no network) runs unchanged in Node, so the app and the tests make the same
 * bytes; the Roboto fonts come from `pdfmake/build/vfs_fonts.js` (base64
 * inside the script: nothing fetched). The same setup as the order documents'
 * (order-pdf.ts), shared here so every PDF Étal makes loads pdfmake the same
 * way.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

type PdfMakeApi = {
  createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Uint8Array> };
  addVirtualFileSystem(vfs: unknown): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
};

/** A CommonJS module seen through `import()`: the exports are `default` in Node, sometimes spread by bundlers. */
function commonJs<T>(module: unknown): T {
  const m = module as { default?: unknown };
  return (m.default ?? m) as T;
}

let pdfMake: Promise<PdfMakeApi> | undefined;

export function loadPdfMake(): Promise<PdfMakeApi> {
  pdfMake ??= Promise.all([import('pdfmake/build/pdfmake.js'), import('pdfmake/build/vfs_fonts.js')]).then(([lib, fonts]) => {
    const api = commonJs<PdfMakeApi>(lib);
    api.addVirtualFileSystem(commonJs(fonts));
    // Every resource is in the document or the bundled fonts: never fetch anything.
    api.setUrlAccessPolicy(() => false);
    return api;
  });
  return pdfMake;
}

/**
 * Roboto has no narrow no-break space (U+202F, which fr-FR number formatting
 * puts between thousands): it would print as a box. A plain no-break space
 * keeps "1 234,50 €" on one line. Applied to every string of a definition,
 * including what header and footer functions return.
 */
export function withPdfSpaces<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\u202f/g, '\u00a0') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => withPdfSpaces(v)) as T;
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => withPdfSpaces(fn(...args))) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPdfSpaces(v)])) as T;
  }
  return value;
}

/** The PDF's bytes for a pdfmake document definition (narrow no-break spaces made printable). */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Uint8Array> {
  const api = await loadPdfMake();
  const buffer = await api.createPdf(withPdfSpaces(definition)).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
