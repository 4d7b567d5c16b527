import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildClosingReceipt } from '../../../shared/closing-receipt';
import { formatDateTime, formatDay, formatInteger, formatMonth } from '../../../shared/format';
import { PAPER_COLUMNS } from '../../../shared/schemas/printer';
import type { Closing } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { browserDownload } from '../../ui/download';
import { Banner, Button } from '../../ui/components';
import { printReceipt } from '../printing/printing';
import { PrintStatus, ReceiptPreview, SystemPrintButton, usePrintStatus } from '../printing/ReceiptPanel';
import { ZFigures } from './ZFigures';

/** A recorded Z: its figures, who counted, the journal hash, printing and the paper preview. */
export function ZReport({ closing }: { closing: Closing }) {
  const { t } = useTranslation();
  const { coop } = useApp();
  const { status, run } = usePrintStatus();
  const receipt = buildClosingReceipt(closing, coop);
  const printer = coop.printer;
  const [pdfBusy, setPdfBusy] = useState(false);
  const [pdfFailed, setPdfFailed] = useState(false);
  const savePdf = async () => {
    setPdfBusy(true);
    setPdfFailed(false);
    try {
      // pdfmake is loaded on first use only.
      const { closingPdf, closingPdfFileName } = await import('../../../shared/closing-pdf');
      browserDownload(closingPdfFileName(closing), await closingPdf(closing, coop), 'application/pdf');
    } catch (error) {
      console.error('z pdf', error);
      setPdfFailed(true);
    } finally {
      setPdfBusy(false);
    }
  };
  return (
    <article className="closing-card z-report" data-testid="z-report">
      <h2 data-testid="z-title">
        {closing.kind === 'day'
          ? t('closing.zTitle', { number: formatInteger(closing.number), date: formatDay(closing.businessDay) })
          : t(`closing.${closing.kind}Title`, { number: formatInteger(closing.number), period: periodLabel(closing) })}
      </h2>
      <p className="muted">
        {t('closing.closedAt', { at: formatDateTime(closing.at, coop.timeZone) })} ·{' '}
        {closing.kind === 'day' ? t('closing.countedByName', { name: closing.countedBy }) : t('closing.closedByName', { name: closing.countedBy })}
        {closing.kind !== 'day' ? ` · ${t('closing.zRange', { first: closing.firstZ ?? 0, last: closing.lastZ ?? 0, count: closing.days ?? 0 })}` : ''}
        {closing.lastTicket > 0 ? ` · ${t('closing.ticketRange', { first: closing.firstTicket, last: closing.lastTicket })}` : ''}
      </p>
      <ZFigures closing={closing} />
      <p className="z-hash">
        {t('closing.lastHash')} <code data-testid="z-hash">{closing.lastJournalHash}</code>
      </p>
      <PrintStatus status={status} />
      <div className="print-actions">
        {printer ? (
          <Button variant="primary" size="large" onClick={() => void run(printer, () => printReceipt(printer, receipt, false))} disabled={status.kind === 'printing'} testId="z-print">
            🖨️ {t('closing.print')}
          </Button>
        ) : null}
        <SystemPrintButton />
        <Button size="large" onClick={() => void savePdf()} disabled={pdfBusy} testId="z-pdf">
          📄 {t('closing.pdf')}
        </Button>
      </div>
      {pdfFailed ? <Banner kind="error" testId="z-pdf-error">⚠️ {t('err.storage')}</Banner> : null}
      <ReceiptPreview receipt={receipt} columns={printer?.columns ?? PAPER_COLUMNS[80]} />
    </article>
  );
}

export const periodLabel = (c: Pick<Closing, 'kind' | 'period' | 'businessDay'>) => (c.kind === 'month' ? formatMonth(c.period ?? c.businessDay.slice(0, 7)) : (c.period ?? c.businessDay.slice(0, 4)));
