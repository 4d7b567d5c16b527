/**
 * What the till shows around printing: the on-screen receipt (the same rows
 * the printer gets, from layoutReceiptRows), the one-sentence print status
 * with "Réimprimer", and the system print dialog fallback for tills without
 * a thermal printer.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import QRCode from 'qrcode';
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '../../../shared/format';
import { layoutReceiptRows, type Receipt } from '../../../shared/receipt';
import { printHeightMm } from '../../../shared/receipt-paper';
import { PAPER_COLUMNS, paperWidthMm, type PrinterConfig } from '../../../shared/schemas/printer';
import type { Sale } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { copiesPrinted, returnCopy, takeCopy } from '../../db/prints';
import { Banner, Button } from '../../ui/components';
import { printFailureSentence, printReceipt, receiptForSale, type PrintJobKind, type PrintOutcome } from './printing';
import './printing.css';

export type PrintStatusValue =
  | { kind: 'idle' }
  | { kind: 'printing' }
  | { kind: 'printed'; ms: number; warning?: string | undefined }
  | { kind: 'failed'; sentence: string };

/** The status a printer answer gives, in the user's words. */
export function usePrintStatus() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<PrintStatusValue>({ kind: 'idle' });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const run = useCallback(
    async (printer: PrinterConfig, job: () => Promise<PrintOutcome>, kind: PrintJobKind = 'receipt') => {
      setStatus({ kind: 'printing' });
      const outcome = await job();
      if (!live.current) return outcome;
      if (outcome.ok) setStatus({ kind: 'printed', ms: outcome.ms, warning: outcome.warning });
      else {
        console.warn('printing failed', outcome.code, outcome.detail);
        setStatus({ kind: 'failed', sentence: printFailureSentence(t, printer, outcome.code, kind) });
      }
      return outcome;
    },
    [t],
  );
  return { status, run, reset: () => setStatus({ kind: 'idle' }) };
}

export function PrintStatus({ status, onRetry, printedKey = 'printing.printed' }: { status: PrintStatusValue; onRetry?: () => void; printedKey?: string }) {
  const { t } = useTranslation();
  switch (status.kind) {
    case 'idle':
      return null;
    case 'printing':
      return (
        <Banner kind="info" testId="print-status">
          🖨️ {t('printing.printing')}
        </Banner>
      );
    case 'printed':
      return (
        <Banner kind={status.warning ? 'warning' : 'ok'} testId="print-status">
          ✅ {t(printedKey, { ms: formatInteger(status.ms) })}
          {status.warning === 'paper-low' ? ` ${t('printing.paperLow')}` : ''}
        </Banner>
      );
    case 'failed':
      return (
        <Banner kind="error" testId="print-error">
          <p className="print-error-sentence">⚠️ {status.sentence}</p>
          {onRetry ? (
            <Button variant="primary" size="large" onClick={onRetry} testId="print-retry">
              🔁 {t('printing.reprint')}
            </Button>
          ) : null}
        </Banner>
      );
  }
}

/** The receipt of a saved sale as copy `duplicate` (0: the original), built once per copy. */
export function useSaleReceipt(sale: Sale, duplicate: number): Receipt | null {
  const { db, coop, members } = useApp();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  useEffect(() => {
    let live = true;
    receiptForSale(db, coop, members, sale, duplicate).then(
      (r) => live && setReceipt(r),
      (error: unknown) => console.error('receipt', error),
    );
    return () => {
      live = false;
    };
  }, [db, coop, members, sale, duplicate]);
  return receipt;
}

/** Failures where the printer certainly printed nothing: the copy is given back, so a retry keeps its number. */
const NOTHING_PRINTED = new Set(['refused', 'not-found', 'permission', 'unsupported', 'host-unreachable']);

/**
 * Prints a saved sale's receipt on the configured printer (never touches the
 * sale). Each print takes the next copy of the sale (db/prints.ts): the
 * first is the original, every later one a numbered DUPLICATA, whichever
 * button asked. `reprint`: the sales list, where the original is taken as
 * handed over even when no copy was counted.
 */
export function useSalePrinter(sale: Sale, options: { reprint?: boolean } = {}) {
  const { db, coop, members } = useApp();
  const { status, run } = usePrintStatus();
  const reprint = options.reprint ?? false;
  const print = useCallback(
    async ({ openDrawer }: { openDrawer: boolean }) => {
      const printer = coop.printer;
      if (!printer) return null;
      const doc = { kind: 'sale', id: sale.id } as const;
      const duplicate = await takeCopy(db, doc, { assumeOriginalGiven: reprint });
      const outcome = await run(
        printer,
        async () => printReceipt(printer, await receiptForSale(db, coop, members, sale, duplicate), openDrawer && duplicate === 0),
        duplicate > 0 ? 'duplicate' : 'receipt',
      );
      if (!outcome.ok && NOTHING_PRINTED.has(outcome.code)) await returnCopy(db, doc);
      return outcome;
    },
    [coop, db, members, run, sale, reprint],
  );
  return { status, print };
}

function useQrDataUrl(payload: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 1, width: 176 }).then(
      (u) => live && setUrl(u),
      (error: unknown) => console.warn('qr', error),
    );
    return () => {
      live = false;
    };
  }, [payload]);
  return url;
}

function QrImage({ payload }: { payload: string }) {
  const { t } = useTranslation();
  const url = useQrDataUrl(payload);
  return <div className="receipt-qr">{url ? <img src={url} alt={t('printing.qrAlt', { payload })} data-testid="receipt-qr" /> : null}</div>;
}

/**
 * The receipt as it comes out of the printer: monospace, one character per
 * column, the paper's width, bold and double-size rows, the QR code drawn.
 * Marked printable: window.print() prints only this, sized to the paper.
 */
export function ReceiptPreview({ receipt, columns }: { receipt: Receipt; columns: number }) {
  const { t } = useTranslation();
  const rows = layoutReceiptRows(receipt, columns);
  const mm = paperWidthMm(columns);
  const heightMm = printHeightMm(rows, mm, columns);
  return (
    <figure className="receipt-preview" data-testid="receipt-preview">
      {/*
        @page only matters when printing. Chromium ignores `size: 80mm auto` (not valid CSS), so the
        length is the receipt's own, worked out from its rows; and an @page nested in @media print was
        ignored here too (measured with page.pdf), so it stands alone.
      */}
      <style>{`@page { size: ${mm}mm ${heightMm}mm; margin: 0; }`}</style>
      <div className={`receipt-paper receipt-paper-${mm}`} style={{ inlineSize: `calc(${columns}ch + 24px)`, ['--columns' as string]: columns }} aria-label={t('printing.previewLabel', { mm })}>
        {rows.map((row, i) => {
          if (row.kind === 'qr') return <QrImage key={i} payload={row.payload} />;
          if (row.kind === 'cut') return <div key={i} className="receipt-cut" aria-hidden="true" />;
          const classes = ['receipt-row', row.bold ? 'receipt-bold' : '', row.size !== 'normal' ? `receipt-${row.size}` : ''].filter(Boolean).join(' ');
          return (
            <div key={i} className={classes}>
              <span>{row.text || '\u00a0'}</span>
            </div>
          );
        })}
      </div>
      <figcaption className="receipt-caption">{t('printing.previewCaption', { mm, columns })}</figcaption>
    </figure>
  );
}

/** For a till with no thermal printer: the browser's / OS print dialog, on paper of the right width. */
export function SystemPrintButton({ onPrint = () => window.print() }: { onPrint?: () => void }) {
  const { t } = useTranslation();
  return (
    <Button onClick={onPrint} testId="system-print">
      🖨️ {t('printing.systemPrint')}
    </Button>
  );
}

/**
 * The preview with its system-print fallback, for the configured paper (80 mm
 * when no printer is set). It shows the copy the next print would be; the
 * system print takes that copy from the count like the thermal printer does.
 */
export function SaleReceiptPreview({ sale, reprint = false }: { sale: Sale; reprint?: boolean }) {
  const { t } = useTranslation();
  const { db, coop, members } = useApp();
  const copies = useLiveQuery(() => copiesPrinted(db, { kind: 'sale', id: sale.id }), [db, sale.id]);
  const next = copies === undefined ? null : reprint ? Math.max(copies, 1) : copies;
  const shown = useSaleReceipt(sale, next ?? 0);
  // The copy being sent to the system dialog, drawn in place of the preview while it prints.
  const [printing, setPrinting] = useState<Receipt | null>(null);
  const receipt = printing ?? shown;
  if (!receipt || next === null) return null;
  const systemPrint = async () => {
    const duplicate = await takeCopy(db, { kind: 'sale', id: sale.id }, { assumeOriginalGiven: reprint });
    const copy = await receiptForSale(db, coop, members, sale, duplicate);
    // window.print() prints the page as it is drawn right now: draw this copy first.
    flushSync(() => setPrinting(copy));
    window.print();
    setPrinting(null);
  };
  return (
    <div className="receipt-box">
      {coop.printer ? null : <p className="receipt-no-printer">{t('printing.noPrinterHint')}</p>}
      <div className="actions">
        <SystemPrintButton onPrint={() => void systemPrint()} />
      </div>
      <ReceiptPreview receipt={receipt} columns={coop.printer?.columns ?? PAPER_COLUMNS[80]} />
    </div>
  );
}
