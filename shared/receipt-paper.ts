/**
 * A receipt on a paper roll when it goes through a page-based print path
 * (the browser's print dialog, Electron's silent print to a Windows driver):
 * how long the page must be, and the standalone HTML page the main process
 * prints. The ESC/POS path does not need either: the printer feeds as it goes.
 */
import { paperWidthMm } from './schemas/printer';
import type { LaidRow } from './receipt';

/** Millimetres of paper the rows take when the print font fills the roll. */
export function printHeightMm(rows: readonly LaidRow[], mm: number, columns: number): number {
  // A character is 0.6 em, a row 1.3 em; 2 mm margin each side.
  const rowMm = ((mm - 4) / columns / 0.6) * 1.3;
  const QR_MM = 40;
  const total = rows.reduce((sum, row) => {
    if (row.kind === 'qr') return sum + QR_MM;
    if (row.kind === 'cut') return sum;
    return sum + (row.size === 'normal' ? rowMm : 2 * rowMm);
  }, 0);
  return Math.ceil(total + 12);
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * A self-contained page (no script, no remote anything: its own CSP) that
 * prints the rows exactly as the preview shows them. `qrSvg` holds one SVG
 * per QR row, in order.
 */
export function receiptPageHtml(rows: readonly LaidRow[], columns: number, qrSvg: readonly string[]): string {
  const mm = paperWidthMm(columns);
  const height = printHeightMm(rows, mm, columns);
  let qrIndex = 0;
  const body = rows
    .map((row) => {
      if (row.kind === 'cut') return '';
      if (row.kind === 'qr') return `<div class="qr">${qrSvg[qrIndex++] ?? ''}</div>`;
      const classes = [row.bold ? 'b' : '', row.size !== 'normal' ? row.size : ''].filter(Boolean).join(' ');
      return `<div${classes ? ` class="${classes}"` : ''}>${escapeHtml(row.text) || '&nbsp;'}</div>`;
    })
    .join('');
  const fontMm = ((mm - 4) / columns / 0.6).toFixed(3);
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<style>@page { size: ${mm}mm ${height}mm; margin: 0; }`,
    `html, body { margin: 0; padding: 0; background: #fff; color: #000; }`,
    `body { width: ${mm}mm; padding: 0 2mm; box-sizing: border-box; font: ${fontMm}mm/1.3 "Consolas", "DejaVu Sans Mono", monospace; }`,
    `div { white-space: pre; overflow: hidden; } .b { font-weight: bold; } .tall { transform: scaleY(2); transform-origin: top; margin-block-end: 1.3em; }`,
    `.double { font-size: 2em; } .qr { text-align: center; height: 40mm; } .qr svg { height: 36mm; width: 36mm; }</style>`,
    '</head><body>',
    body,
    '</body></html>',
  ].join('');
}

/**
 * Electron's `webContents.print` options for the roll: page size in integer
 * microns (else it falls back to A4), taller than wide (else it turns the
 * page), no margins (LIBRARIES.md, "Thermal printing").
 */
export function silentPrintOptions(deviceName: string, rows: readonly LaidRow[], columns: number) {
  const mm = paperWidthMm(columns);
  const width = mm * 1000;
  const height = Math.max(width + 1000, printHeightMm(rows, mm, columns) * 1000);
  return {
    silent: true,
    deviceName,
    printBackground: false,
    margins: { marginType: 'none' as const },
    pageSize: { width, height },
  };
}
