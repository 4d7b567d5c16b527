/**
 * A member's statement: one printable page in plain words (her share, her
 * hours, what she made and sold, how it was computed), in the interface
 * language. Shown in the window, printed, or saved.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayoutInput, PayoutResult } from '../../../shared/payout';
import { memberStatementPdf, payoutFileStem, type StatementLanguage } from '../../../shared/payout-export';
import type { PayoutRule } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { nowIso } from '../../db/db';
import { Banner, Button, Dialog } from '../../ui/components';
import { payoutReport } from './report';
import { saveFiles } from './save';

/** Statements exist in French and English; other languages get French (the CAE's language). */
function statementLanguage(code: string): StatementLanguage {
  return code === 'en' ? 'en' : 'fr';
}

export function StatementDialog({ input, result, rule, memberId, onClose }: { input: PayoutInput; result: PayoutResult; rule: PayoutRule; memberId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { coop } = useApp();
  const basis = result.bases.find((b) => b.memberId === memberId);
  const [pdf, setPdf] = useState<{ bytes: Uint8Array; url: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    let live = true;
    let url = '';
    memberStatementPdf(payoutReport(coop, input.period, rule, result, nowIso()), memberId, statementLanguage(i18n.language)).then(
      (bytes) => {
        if (!live) return;
        url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
        setPdf({ bytes, url });
      },
      (error: unknown) => {
        console.error('statement', error);
        if (live) setProblem(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [coop, input.period, rule, result, memberId, i18n.language]);

  const save = async () => {
    if (!pdf || !basis) return;
    try {
      const files = await saveFiles([{ name: `${payoutFileStem({ coop: { name: coop.name, caeName: coop.cae.name }, period: input.period })}-${basis.firstName}.pdf`, content: pdf.bytes }]);
      if (files?.[0]) setSaved(files[0].path);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Dialog title={t('payout.statement.title', { name: basis?.firstName ?? '' })} onClose={onClose} testId="statement-dialog" wide>
      {problem ? <Banner kind="error">{t('payout.statement.failed', { detail: problem })}</Banner> : null}
      {pdf ? (
        <>
          <iframe ref={frame} className="statement-frame" src={pdf.url} title={t('payout.statement.title', { name: basis?.firstName ?? '' })} data-testid="statement-pdf" data-bytes={pdf.bytes.length} />
          <div className="actions">
            <Button size="large" onClick={() => frame.current?.contentWindow?.print()} testId="statement-print">
              <span aria-hidden="true">🖨️</span> {t('payout.statement.print')}
            </Button>
            <Button size="large" onClick={() => void save()} testId="statement-save">
              <span aria-hidden="true">💾</span> {t('payout.statement.save')}
            </Button>
          </div>
          {saved ? <Banner kind="ok" testId="statement-saved">{t('payout.statement.saved', { path: saved })}</Banner> : null}
        </>
      ) : problem ? null : (
        <p className="empty">{t('common.loading')}</p>
      )}
    </Dialog>
  );
}
