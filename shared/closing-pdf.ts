/**
 * The Z (day, month or year closing) as a PDF: the same blocks as the paper
 * Z (closing-receipt.ts), laid out on an A5 page by pdfmake, so the PDF, the
 * thermal paper and the preview always say the same thing. French, like
 * every legal document the till makes.
 */
import type { Alignment, Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { buildClosingReceipt } from './closing-receipt';
import { renderPdf } from './documents/pdf';
import type { ReceiptBlock } from './receipt';
import type { Closing } from './schemas/closing';
import type { Coop } from './schemas/coop';

const SIZE = { normal: 9, tall: 13, double: 15 } as const;
const align = (column: number): Alignment => (column === 0 ? 'left' : 'right');

function blockContent(block: ReceiptBlock): Content | null {
  switch (block.kind) {
    case 'text':
      return { text: block.text, alignment: block.align, bold: block.bold, fontSize: SIZE[block.size] };
    case 'row':
      return {
        columns: [
          { text: block.left, width: '*', margin: [block.indent * 4, 0, 0, 0] },
          { text: block.right, width: 'auto', alignment: 'right', noWrap: true },
        ],
        columnGap: 8,
        bold: block.bold,
        fontSize: SIZE[block.size],
      };
    case 'table':
      return {
        table: {
          headerRows: 1,
          widths: block.header.map((_, i) => (i === 0 ? '*' : 'auto')),
          body: [
            block.header.map((h, i) => ({ text: h, bold: true, alignment: align(i) })),
            ...block.rows.map((r) => r.cells.map((c, i) => ({ text: c, bold: r.bold, alignment: align(i) }))),
          ],
        },
        layout: 'lightHorizontalLines',
        fontSize: SIZE.normal,
        margin: [0, 2, 0, 2],
      };
    case 'separator':
      return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 340, y2: 0, lineWidth: block.style === 'double' ? 1.5 : 0.5 }], margin: [0, 4, 0, 4] };
    case 'blank':
      return { text: ' ', fontSize: 4 };
    case 'qr':
    case 'cut':
      return null;
  }
}

export function closingPdfDefinition(closing: Closing, coop: Pick<Coop, 'name' | 'cae' | 'tillName' | 'timeZone'>): TDocumentDefinitions {
  const receipt = buildClosingReceipt(closing, coop);
  return {
    pageSize: 'A5',
    pageMargins: [36, 36, 36, 36],
    info: { title: receipt.reference ?? 'Z', creator: 'Étal' },
    defaultStyle: { fontSize: SIZE.normal },
    content: receipt.blocks.map(blockContent).filter((c): c is Content => c !== null),
  };
}

/** e.g. `etal-Z-0001-2026-12-05.pdf`, `etal-M-0001-2026-11.pdf`, `etal-A-0001-2026.pdf`. */
export function closingPdfFileName(closing: Pick<Closing, 'kind' | 'number' | 'businessDay' | 'period'>): string {
  const prefix = closing.kind === 'month' ? 'M' : closing.kind === 'year' ? 'A' : 'Z';
  return `etal-${prefix}-${String(closing.number).padStart(4, '0')}-${closing.period ?? closing.businessDay}.pdf`;
}

export async function closingPdf(closing: Closing, coop: Pick<Coop, 'name' | 'cae' | 'tillName' | 'timeZone'>): Promise<Uint8Array> {
  return renderPdf(closingPdfDefinition(closing, coop));
}
