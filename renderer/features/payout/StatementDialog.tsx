/**
 * A member's statement: her face, what she gets (big), and the plain-words
 * sentences of shared/payout-export.ts (what she made and sold, her hours,
 * her share and how it was computed), in the interface language. Printed
 * as one page from the screen, or saved as the one-page PDF.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, formatMoney } from '../../../shared/format';
import type { PayoutInput, PayoutResult } from '../../../shared/payout';
import { memberStatementPdf, payoutFileStem, statementSentences, type StatementLanguage } from '../../../shared/payout-export';
import type { PayoutRule } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { nowIso } from '../../db/db';
import { Banner, Button, Dialog } from '../../ui/components';
import { MemberAvatar } from '../../ui/MemberAvatar';
import { payoutReport } from './report';
import { saveFiles } from './save';

/** Statements exist in French and English; other languages get French (the CAE's language). */
function statementLanguage(code: string): StatementLanguage {
  return code === 'en' ? 'en' : 'fr';
}

const PRINTING = 'printing-statement';

export function StatementDialog({ input, result, rule, memberId, onClose }: { input: PayoutInput; result: PayoutResult; rule: PayoutRule; memberId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { coop, members } = useApp();
  const lang = statementLanguage(i18n.language);
  const report = useMemo(() => payoutReport(coop, input.period, rule, result, nowIso()), [coop, input.period, rule, result]);
  const sentences = useMemo(() => statementSentences(report, memberId, lang), [report, memberId, lang]);
  const basis = result.bases.find((b) => b.memberId === memberId);
  const share = result.shares.find((s) => s.memberId === memberId);
  const member = members.find((m) => m.id === memberId);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    const done = () => document.body.classList.remove(PRINTING);
    window.addEventListener('afterprint', done);
    return () => {
      window.removeEventListener('afterprint', done);
      done();
    };
  }, []);

  const print = () => {
    document.body.classList.add(PRINTING);
    window.print();
  };

  const save = async () => {
    if (!basis) return;
    setBusy(true);
    setProblem(null);
    try {
      const bytes = await memberStatementPdf(report, memberId, lang);
      const files = await saveFiles([{ name: `${payoutFileStem(report)}-${basis.firstName}.pdf`, content: bytes }]);
      if (files?.[0]) setSaved(files[0].path);
    } catch (error) {
      console.error('statement', error);
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('payout.statement.title', { name: basis?.firstName ?? '' })} onClose={onClose} testId="statement-dialog" wide>
      <article className="statement-sheet" data-testid="statement-sheet">
        <header className="statement-head">
          <MemberAvatar name={basis?.firstName ?? ''} color={member?.color ?? '#888888'} photo={member?.photo} size="large" />
          <span className="statement-who">
            <span className="statement-name">{basis?.firstName}</span>
            <span className="statement-period">
              {formatDay(input.period.from)} → {formatDay(input.period.to)}
            </span>
          </span>
          <span className="statement-amount" data-testid="statement-amount">
            {formatMoney(share?.toPay ?? 0)}
          </span>
        </header>
        {sentences.map((sentence, i) => (
          <p key={i} className="statement-sentence">
            {sentence}
          </p>
        ))}
      </article>
      {problem ? <Banner kind="error">{t('payout.statement.failed', { detail: problem })}</Banner> : null}
      {saved ? (
        <Banner kind="ok" testId="statement-saved">
          {t('payout.statement.saved', { path: saved })}
        </Banner>
      ) : null}
      <div className="actions">
        <Button size="large" onClick={print} testId="statement-print">
          <span aria-hidden="true">🖨️</span> {t('payout.statement.print')}
        </Button>
        <Button size="large" onClick={() => void save()} disabled={busy} testId="statement-save">
          <span aria-hidden="true">💾</span> {t('payout.statement.save')}
        </Button>
      </div>
    </Dialog>
  );
}
