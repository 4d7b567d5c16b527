/**
 * What a chosen backup holds, whether its signature is this till's, and
 * what restoring it would do (renderer/db/backup.ts checkRestore). A file of
 * this till that would drop or rewrite recorded entries is refused with one
 * sentence; the way back to it is *Revenir à cette sauvegarde*, which asks
 * why and who, and is journalled (renderer/db/rollback.ts).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_VERSION, type ParsedBackup } from '../../../shared/backup';
import { formatDateTime, formatInteger } from '../../../shared/format';
import { useApp } from '../../app-context';
import { restoreRefusal, type RestoreCheck } from '../../db/backup';
import { Banner, Button, Field } from '../../ui/components';
import { MemberPicker } from '../../ui/MemberPicker';
import { GroupField } from '../catalog/pickers';

/** A refusal's numbers as the person reads them; `count` stays a number (it picks the plural form). */
export function shownParams(params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' && k !== 'count' ? formatInteger(v) : v]));
}

export type Candidate = { parsed: ParsedBackup; fileName: string; check: RestoreCheck };

function SignatureLine({ parsed, check }: { parsed: ParsedBackup; check: RestoreCheck }) {
  const { t } = useTranslation();
  const fingerprint = parsed.summary.signedBy?.fingerprint ?? '';
  if (check.signature === 'unsigned') return <Banner kind="warning" testId="backup-summary-signature">{t('backup.summary.signatureUnsigned')}</Banner>;
  if (check.signature === 'unknown') return <Banner kind="warning" testId="backup-summary-signature">{t('backup.summary.signatureUnknown', { fingerprint })}</Banner>;
  return <Banner kind="ok" testId="backup-summary-signature">{t('backup.summary.signatureKnown', { fingerprint })}</Banner>;
}

export function RestoreSummary({
  candidate,
  busy,
  onConfirm,
  onRollback,
  onCancel,
}: {
  candidate: Candidate;
  busy: boolean;
  onConfirm: () => void;
  onRollback: (input: { reason: string; by: string; memberId?: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { coop } = useApp();
  const { parsed, fileName, check } = candidate;
  const s = parsed.summary;
  const when = (at: string) => formatDateTime(at, coop.timeZone);
  const count = (table: string) => formatInteger(s.counts[table] ?? 0);
  const refusal = restoreRefusal(check.chain);
  return (
    <div className="backup-summary" data-testid="backup-summary">
      <h3>{t('backup.summaryTitle')}</h3>
      <dl>
        <dt>{t('backup.summary.file')}</dt>
        <dd data-testid="backup-summary-file">{fileName}</dd>
        <dt>{t('backup.summary.coop')}</dt>
        <dd data-testid="backup-summary-coop">{s.coopName}</dd>
        <dt>{t('backup.summary.createdAt')}</dt>
        <dd>{when(s.createdAt)}</dd>
        {s.fileVersion < BACKUP_VERSION ? (
          <>
            <dt>{t('backup.summary.format')}</dt>
            <dd data-testid="backup-summary-format">{t('backup.summary.formatOld', { version: formatInteger(s.fileVersion) })}</dd>
          </>
        ) : null}
        {s.appVersion ? (
          <>
            <dt>{t('backup.summary.appVersion')}</dt>
            <dd>{s.appVersion}</dd>
          </>
        ) : null}
        <dt>{t('backup.summary.tickets')}</dt>
        <dd data-testid="backup-summary-tickets">{formatInteger(s.tickets)}</dd>
        <dt>{t('backup.summary.period')}</dt>
        <dd>{s.firstSaleAt && s.lastSaleAt ? t('backup.summary.periodValue', { first: when(s.firstSaleAt), last: when(s.lastSaleAt) }) : t('backup.summary.noSales')}</dd>
        <dt>{t('backup.summary.products')}</dt>
        <dd>{count('products')}</dd>
        <dt>{t('backup.summary.members')}</dt>
        <dd>{count('members')}</dd>
        <dt>{t('backup.summary.journal')}</dt>
        <dd>
          {count('journal')} — {t('backup.summary.journalOk')}
        </dd>
      </dl>
      <SignatureLine parsed={parsed} check={check} />
      {refusal ? (
        <>
          <Banner kind="error" testId="backup-refused">
            {t(refusal.key, shownParams(refusal.params))}
          </Banner>
          <div className="actions backup-actions">
            <Button variant="ghost" size="large" onClick={onCancel} disabled={busy} testId="backup-cancel">
              {t('backup.cancel')}
            </Button>
          </div>
          <RollbackForm check={check} busy={busy} onRollback={onRollback} />
        </>
      ) : (
        <>
          <Banner kind="warning">{t('backup.replaceWarning')}</Banner>
          <p className="settings-intro" data-testid="backup-summary-journal">
            {t('backup.summary.journalNote')}
          </p>
          <div className="actions backup-actions">
            <Button variant="ghost" size="large" onClick={onCancel} disabled={busy} testId="backup-cancel">
              {t('backup.cancel')}
            </Button>
            <Button variant="danger" size="large" onClick={onConfirm} disabled={busy} testId="backup-confirm">
              {busy ? t('backup.restoring') : t('backup.confirmRestore')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

/** The explicit way back: why, who, then one danger button. */
function RollbackForm({ check, busy, onRollback }: { check: RestoreCheck; busy: boolean; onRollback: (input: { reason: string; by: string; memberId?: string }) => void }) {
  const { t } = useTranslation();
  const { members } = useApp();
  const [reason, setReason] = useState('');
  const [memberId, setMemberId] = useState('');
  const [tried, setTried] = useState(false);
  const member = members.find((m) => m.id === memberId);
  const replaced = check.chain.kind === 'older' || check.chain.kind === 'diverged' ? check.chain.tillEntries - check.chain.keptSeq : 0;
  const errors = { reason: reason.trim() ? undefined : t('backup.rollback.err.reason'), by: member ? undefined : t('backup.rollback.err.by') };
  const submit = () => {
    setTried(true);
    if (errors.reason || errors.by || !member) return;
    onRollback({ reason: reason.trim(), by: member.firstName, memberId: member.id });
  };
  return (
    <section className="backup-rollback" data-testid="backup-rollback" aria-labelledby="backup-rollback-title">
      <h3 id="backup-rollback-title">
        <span aria-hidden="true">↩️</span> {t('backup.rollback.title')}
      </h3>
      <p className="settings-intro">{t('backup.rollback.intro', { count: replaced, from: formatInteger(check.chain.keptSeq + 1) })}</p>
      <Field label={t('backup.rollback.reason')} error={tried ? errors.reason : undefined}>
        {(id) => <input id={id} className="input" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} aria-invalid={tried && errors.reason ? true : undefined} data-testid="backup-rollback-reason" />}
      </Field>
      <GroupField label={t('backup.rollback.by')} error={tried ? errors.by : undefined}>
        <MemberPicker members={members.filter((m) => !m.archived)} value={memberId} onPick={(id) => setMemberId(id === memberId ? '' : id)} testIdPrefix="backup-rollback-by" />
      </GroupField>
      <div className="actions backup-actions">
        <Button variant="danger" size="large" onClick={submit} disabled={busy} testId="backup-rollback-confirm">
          {busy ? t('backup.restoring') : t('backup.rollback.confirm')}
        </Button>
      </div>
    </section>
  );
}
