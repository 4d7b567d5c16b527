/**
 * The order's papers: the quote as a PDF; the invoice, made once the order
 * is delivered and never changed after (a credit note with its reason
 * reverses it); and the production sheet on the thermal printer, through
 * the same path as receipts and the Z.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderPdf, orderPdfFileName } from '../../../shared/documents/order-pdf';
import type { BankDetails, OrderDocument } from '../../../shared/documents/types';
import { productionSheetReceipt } from '../../../shared/documents/production-sheet';
import { contributionsByMember, CUSTOMER_VAT_NUMBER_ABOVE_HT, liveInvoice, shouldAskVatNumber } from '../../../shared/orders';
import { formatDay, formatMoney, formatRate } from '../../../shared/format';
import { Choices } from '../catalog/pickers';
import { PAPER_COLUMNS } from '../../../shared/schemas/printer';
import type { Coop, Invoice } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { issueCreditNote, issueInvoice, orderDocumentFor, OrderError, type OrderView } from '../../db/orders';
import { Banner, Button } from '../../ui/components';
import { printReceipt } from '../printing/printing';
import { PrintStatus, ReceiptPreview, SystemPrintButton, usePrintStatus } from '../printing/ReceiptPanel';
import { CustomerDialog } from './CustomerPicker';
import { customerLabel } from './drafts';
import { saveBytes } from '../../ui/download';
import { Section } from './OrderDetail';
import { ReasonDialog } from './ReasonDialog';

const QUOTE_DEPOSITS = [0, 3000, 5000] as const;

export function bankOf(coop: Coop): BankDetails {
  return { holder: coop.billing?.accountHolder || coop.cae.name, iban: coop.billing?.iban ?? '', bic: coop.billing?.bic ?? '' };
}

type Notice = { kind: 'ok' | 'error' | 'info'; text: string; testId?: string };

export function DocumentsSection({ view, who }: { view: OrderView; who: string | undefined }) {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const { order } = view;
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [crediting, setCrediting] = useState<Invoice | null>(null);
  const [sheet, setSheet] = useState(false);
  const [editingCustomer, setEditingCustomer] = useState(false);
  // What the quote asks up front (and its QR code requests): 30 % is the usual deposit for a made-to-order piece.
  const [depositBp, setDepositBp] = useState<number>(3000);
  const live = liveInvoice(view.invoices);
  const canInvoice = !live && (order.status === 'delivered' || order.status === 'paid');
  const hasIban = Boolean(coop.billing?.iban);
  // A business customer without a VAT number, above 150 € excl. VAT: ask for it before invoicing (a warning, not a refusal).
  const askVatNumber = canInvoice && view.customer !== undefined && shouldAskVatNumber(view.customer, view.totals.ht);

  const act = async (what: () => Promise<Notice>) => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      setNotice(await what());
    } catch (error) {
      console.error(error);
      setNotice({ kind: 'error', text: error instanceof OrderError ? t(error.key, error.params) : t('orders.docError') });
    } finally {
      setBusy(false);
    }
  };

  const download = async (doc: OrderDocument): Promise<Notice> => {
    const bytes = await orderPdf(doc, bankOf(coop));
    const name = orderPdfFileName(doc);
    const saved = await saveBytes(name, bytes, 'application/pdf');
    return saved.saved ? { kind: 'ok', text: t('orders.downloaded', { name: saved.where }), testId: 'doc-downloaded' } : { kind: 'info', text: t('orders.notSaved') };
  };

  return (
    <Section icon="📄" title={t('orders.documents')} testId="order-documents">
      {!hasIban ? <p className="field-hint">{t('orders.noIbanHint')}</p> : null}
      {order.status === 'quote' || order.status === 'confirmed' ? (
        <div className="quote-deposit">
          <span className="field-label">{t('orders.quoteDeposit')}</span>
          <Choices
            options={QUOTE_DEPOSITS.map((bp) => ({ value: bp, label: <>{bp === 0 ? t('orders.quoteDepositNone') : formatRate(bp)}</> }))}
            value={depositBp}
            onChange={setDepositBp}
            testIdPrefix="quote-deposit"
            compact
          />
        </div>
      ) : null}
      {askVatNumber && view.customer ? (
        <Banner kind="warning" testId="invoice-vat-warning">
          <p className="vat-warning-text">
            ⚠️ {t('orders.askVatNumber', { name: customerLabel(view.customer), limit: formatMoney(CUSTOMER_VAT_NUMBER_ABOVE_HT) })}
          </p>
          <Button onClick={() => setEditingCustomer(true)} testId="invoice-vat-add">
            ✏️ {t('orders.addVatNumber')}
          </Button>
        </Banner>
      ) : null}
      {editingCustomer && view.customer ? (
        <CustomerDialog customer={view.customer} onClose={() => setEditingCustomer(false)} onSaved={() => setEditingCustomer(false)} />
      ) : null}
      <div className="doc-buttons">
        <Button
          size="large"
          disabled={busy}
          onClick={() =>
            void act(async () =>
              download(await orderDocumentFor(db, coop, order.id, 'quote', depositBp > 0 ? { deposit: { kind: 'percent', value: depositBp } } : {})),
            )
          }
          testId="doc-quote"
        >
          <span aria-hidden="true">⬇️</span> {t('orders.downloadQuote')}
        </Button>
        {canInvoice ? (
          <Button
            variant="primary"
            size="large"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                const invoice = await issueInvoice(db, coop, order.id, who ? { memberId: who } : {});
                return { kind: 'ok', text: t('orders.invoiceIssued', { number: invoice.number }), testId: 'invoice-issued' };
              })
            }
            testId="doc-issue-invoice"
          >
            <span aria-hidden="true">🧾</span> {t('orders.issueInvoice')}
          </Button>
        ) : null}
        <Button size="large" onClick={() => setSheet((s) => !s)} testId="doc-sheet" ariaLabel={t('orders.printSheet')}>
          <span aria-hidden="true">🖨️</span> {t('orders.printSheet')}
        </Button>
      </div>
      {!live && !canInvoice && order.status !== 'cancelled' ? <p className="field-hint">{t('orders.invoiceWhenDelivered')}</p> : null}
      {notice ? (
        <Banner kind={notice.kind} {...(notice.testId ? { testId: notice.testId } : {})}>
          {notice.text}
        </Banner>
      ) : null}
      {view.invoices.length > 0 ? (
        <ul className="invoice-list" data-testid="invoice-list">
          {[...view.invoices]
            .sort((a, b) => a.at.localeCompare(b.at))
            .map((inv) => (
              <li key={inv.id} className={inv.kind === 'creditNote' || inv !== live ? 'invoice-row invoice-row-off' : 'invoice-row'} data-testid={`invoice-${inv.number}`}>
                <span className="invoice-what">
                  <strong>
                    {inv.kind === 'invoice' ? '🧾' : '↩️'} {t(inv.kind === 'invoice' ? 'orders.invoiceNumber' : 'orders.creditNumber', { number: inv.number })}
                  </strong>
                  <small className="muted">
                    {formatDay(inv.issueDay)} · {formatMoney(inv.ttc)}
                    {inv.kind === 'invoice' ? ` · ${t('orders.balance', { amount: formatMoney(inv.balance) })}` : ''}
                    {inv.kind === 'creditNote' && inv.creditsNumber ? ` · ${t('orders.cancels', { number: inv.creditsNumber })}` : ''}
                    {inv.reason ? ` · « ${inv.reason} »` : ''}
                  </small>
                  {inv.kind === 'invoice' ? <small className="muted">🔒 {t('orders.invoiceReadOnly')}</small> : null}
                </span>
                <Button disabled={busy} onClick={() => void act(() => download(inv))} testId={`doc-download-${inv.number}`}>
                  ⬇️ PDF
                </Button>
                {inv === live ? (
                  <Button variant="ghost" disabled={busy} onClick={() => setCrediting(inv)} testId={`doc-credit-${inv.number}`}>
                    ↩️ {t('orders.makeCreditNote')}
                  </Button>
                ) : null}
              </li>
            ))}
        </ul>
      ) : null}
      {sheet ? <ProductionSheet view={view} /> : null}
      {crediting ? (
        <CreditNoteDialog
          invoice={crediting}
          onClose={() => setCrediting(null)}
          onConfirm={(reason) => {
            const invoice = crediting;
            setCrediting(null);
            void act(async () => {
              const note = await issueCreditNote(db, coop, invoice.id, reason, who ? { memberId: who } : {});
              return { kind: 'ok', text: t('orders.creditIssued', { number: note.number }), testId: 'credit-issued' };
            });
          }}
        />
      ) : null}
    </Section>
  );
}

function CreditNoteDialog({ invoice, onClose, onConfirm }: { invoice: Invoice; onClose: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useTranslation();
  return (
    <ReasonDialog
      title={t('orders.creditTitle', { number: invoice.number })}
      explain={t('orders.creditExplain')}
      label={t('orders.creditReason')}
      confirm={<>↩️ {t('orders.makeCreditNote')}</>}
      testIdPrefix="credit"
      onClose={onClose}
      onConfirm={onConfirm}
    />
  );
}

function ProductionSheet({ view }: { view: OrderView }) {
  const { t } = useTranslation();
  const { coop, members } = useApp();
  const { status, run } = usePrintStatus();
  const [printedAt] = useState(() => new Date().toISOString());
  const printer = coop.printer;
  const memberName = (id: string) => members.find((m) => m.id === id)?.firstName ?? '?';
  const receipt = productionSheetReceipt(
    {
      order: view.order,
      customer: view.customer ?? { name: '—', organisation: '', phone: '' },
      progress: view.progress,
      contributors: contributionsByMember(view.contributions).map((m) => ({ name: memberName(m.memberId), quantity: m.quantity, minutes: m.minutes })),
    },
    coop,
    { printedAt },
  );
  return (
    <div className="order-sheet" data-testid="production-sheet">
      <PrintStatus status={status} />
      <div className="print-actions">
        {printer ? (
          <Button variant="primary" size="large" onClick={() => void run(printer, () => printReceipt(printer, receipt, false))} disabled={status.kind === 'printing'} testId="sheet-print">
            🖨️ {t('orders.printOnPrinter')}
          </Button>
        ) : (
          <p className="field-hint">{t('orders.noPrinter')}</p>
        )}
        <SystemPrintButton />
      </div>
      <ReceiptPreview receipt={receipt} columns={printer?.columns ?? PAPER_COLUMNS[80]} />
    </div>
  );
}
