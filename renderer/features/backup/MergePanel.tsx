/**
 * Settings → "Fusionner une caisse": at a fair with two tills, the other
 * till's backup file (USB stick) is checked in full, what it would add is
 * shown (per till: sales, cancellations, closings, cash movements, dates;
 * catalogue differences; conflicts), and after confirmation its records are
 * added in one transaction. Doing it again adds nothing.
 */
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BackupProblem, MAX_BACKUP_CHARS } from '../../../shared/backup';
import { formatDateTime, formatInteger } from '../../../shared/format';
import type { CatalogueDiff, MergePlan, MergeTill } from '../../../shared/merge';
import { useApp } from '../../app-context';
import { writeBackup } from '../../db/backup';
import { mergeTill, MergeProblem, previewMerge, type MergePreview } from '../../db/merge';
import { verifyTillJournal } from '../../db/sales';
import { Banner, Button } from '../../ui/components';
import { SettingsBlock } from '../../ui/SettingsForm';
import './merge.css';

type Message = { kind: 'ok' | 'error'; text: string };

export function MergePanel() {
  const { t } = useTranslation();
  const { db } = useApp();
  const [busy, setBusy] = useState<'checking' | 'merging' | null>(null);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [addMissing, setAddMissing] = useState(false);
  const [acceptOtherCoop, setAcceptOtherCoop] = useState(false);

  const explain = (error: unknown): string => {
    if (error instanceof BackupProblem || error instanceof MergeProblem) return t(error.key, error.params);
    return t('backup.merge.err.write', { detail: error instanceof Error ? error.message : String(error) });
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPreview(null);
    setMessage(null);
    setAddMissing(false);
    setAcceptOtherCoop(false);
    if (file.size > MAX_BACKUP_CHARS * 4) {
      setMessage({ kind: 'error', text: t('backup.err.tooBig') });
      return;
    }
    setBusy('checking');
    try {
      setPreview(await previewMerge(db, await file.text()));
    } catch (error) {
      console.warn('merge refused', error);
      setMessage({ kind: 'error', text: explain(error) });
    } finally {
      setBusy(null);
    }
  };

  const merge = async () => {
    if (!preview) return;
    setBusy('merging');
    setMessage(null);
    try {
      // A copy of the data from before, so a wrong merge can be undone by restoring it. Best effort: the
      // merge only adds records, in one transaction, so it goes on even when the copy cannot be written.
      const safety = await writeBackup(db, 'manual');
      if (!safety.saved) console.warn('no backup before merging', safety.detail);
      const plan = await mergeTill(db, preview.parsed, { addMissing, acceptOtherCoop });
      const reports = await Promise.all(plan.tills.map((till) => verifyTillJournal(db, till.tillId)));
      const broken = plan.tills.find((_, i) => !reports[i]?.ok);
      setPreview(null);
      if (broken) {
        setMessage({ kind: 'error', text: t('backup.merge.journalBroken', { till: broken.tillName }) });
        return;
      }
      const total = (key: 'sales' | 'cancellations' | 'closings' | 'cashMovements') => plan.tills.reduce((n, till) => n + till[key], 0);
      const added = addMissing ? Object.values(plan.missing).reduce((n, list) => n + list.length, 0) : 0;
      const parts = [
        ['doneSales', total('sales')],
        ['doneCancellations', total('cancellations')],
        ['doneClosings', total('closings')],
        ['doneCash', total('cashMovements')],
        ['doneCatalogue', added],
      ] as const;
      const what = parts.filter(([, n]) => n > 0).map(([key, n]) => t(`backup.merge.${key}`, { count: n, n: formatInteger(n) }));
      setMessage({
        kind: 'ok',
        text: [
          t('backup.merge.done', { till: plan.fileTillName }),
          what.length > 0 ? t('backup.merge.added', { what: what.join(', ') }) : '',
          plan.tills.length > 0 ? t('backup.merge.doneVerified') : '',
          safety.saved ? t('backup.merge.safety', { path: safety.path ?? '' }) : t('backup.merge.noSafety'),
        ]
          .filter(Boolean)
          .join(' '),
      });
    } catch (error) {
      console.error(error);
      setMessage({ kind: 'error', text: explain(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <SettingsBlock icon="🔀" title={t('backup.merge.title')} intro={t('backup.merge.intro')} className="backup merge" testId="settings-merge">
      <div className="actions backup-actions">
        <label className={`btn btn-secondary btn-large backup-file${busy !== null ? ' backup-file-disabled' : ''}`}>
          {busy === 'checking' ? t('backup.checking') : t('backup.merge.choose')}
          <input type="file" accept=".json,application/json" onChange={(e) => void choose(e)} disabled={busy !== null} data-testid="merge-file" />
        </label>
      </div>
      {message ? (
        <Banner kind={message.kind} testId={message.kind === 'error' ? 'merge-error' : 'merge-message'}>
          {message.text}
        </Banner>
      ) : null}
      {preview ? (
        <MergeSummary
          plan={preview.plan}
          busy={busy === 'merging'}
          addMissing={addMissing}
          onAddMissing={setAddMissing}
          acceptOtherCoop={acceptOtherCoop}
          onAcceptOtherCoop={setAcceptOtherCoop}
          onConfirm={() => void merge()}
          onCancel={() => setPreview(null)}
        />
      ) : null}
    </SettingsBlock>
  );
}

function TillBlock({ till }: { till: MergeTill }) {
  const { t } = useTranslation();
  const { coop } = useApp();
  const when = (at: string) => formatDateTime(at, coop.timeZone);
  return (
    <div className="merge-till" data-testid="merge-till">
      <h4>
        <span aria-hidden="true">🧾</span> <span data-testid="merge-till-name">{till.tillName}</span>
      </h4>
      <dl>
        <dt>{t('backup.merge.sales')}</dt>
        <dd data-testid="merge-sales">{formatInteger(till.sales)}</dd>
        <dt>{t('backup.merge.cancellations')}</dt>
        <dd data-testid="merge-cancellations">{formatInteger(till.cancellations)}</dd>
        <dt>{t('backup.merge.closings')}</dt>
        <dd data-testid="merge-closings">{formatInteger(till.closings)}</dd>
        <dt>{t('backup.merge.cashMovements')}</dt>
        <dd data-testid="merge-cash">{formatInteger(till.cashMovements)}</dd>
        {till.others > 0 ? (
          <>
            <dt>{t('backup.merge.others')}</dt>
            <dd>{formatInteger(till.others)}</dd>
          </>
        ) : null}
        <dt>{t('backup.merge.period')}</dt>
        <dd>{till.firstAt && till.lastAt ? t('backup.summary.periodValue', { first: when(till.firstAt), last: when(till.lastAt) }) : t('backup.summary.noSales')}</dd>
        <dt>{t('backup.summary.journal')}</dt>
        <dd>
          {formatInteger(till.journal)} — {t('backup.summary.journalOk')}
        </dd>
      </dl>
    </div>
  );
}

const FIELD_KEYS = ['name', 'price', 'vatRate', 'unit', 'archived', 'firstName', 'analyticCode', 'place', 'startDay', 'endDay', 'stallFee', 'unitCost'] as const;

function DiffRow({ diff }: { diff: CatalogueDiff }) {
  const { t } = useTranslation();
  const fields = diff.fields.filter((f) => (FIELD_KEYS as readonly string[]).includes(f)).map((f) => t(`backup.merge.field.${f}`));
  return (
    <li className={`merge-diff merge-diff-${diff.kind}`} data-testid={`merge-diff-${diff.kind}`}>
      <span aria-hidden="true">{diff.kind === 'missing' ? '➕' : '≠'}</span>
      <span className="merge-diff-what">{t(`backup.merge.table.${diff.table}`)}</span>
      <strong>{diff.localName ? `${diff.localName} / ${diff.name}` : diff.name}</strong>
      <span className="merge-diff-how">{diff.kind === 'missing' ? t('backup.merge.onlyThere') : t('backup.merge.differs', { fields: fields.join(', ') })}</span>
    </li>
  );
}

function MergeSummary(props: {
  plan: MergePlan;
  busy: boolean;
  addMissing: boolean;
  onAddMissing: (value: boolean) => void;
  acceptOtherCoop: boolean;
  onAcceptOtherCoop: (value: boolean) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { plan } = props;
  const missing = Object.values(plan.missing).reduce((n, list) => n + list.length, 0);
  const blocked = plan.conflicts.length > 0 || (plan.otherCoop && !props.acceptOtherCoop);
  const something = !plan.nothingNew || (props.addMissing && missing > 0);
  return (
    <div className="backup-summary merge-summary" data-testid="merge-summary">
      <h3>{t('backup.merge.summaryTitle', { till: plan.fileTillName })}</h3>
      {plan.otherCoop ? (
        <>
          <Banner kind="warning" testId="merge-other-coop">
            {t('backup.merge.otherCoop', { coop: plan.fileCoopName, siret: plan.fileCaeSiret })}
          </Banner>
          <label className="merge-check">
            <input type="checkbox" checked={props.acceptOtherCoop} onChange={(e) => props.onAcceptOtherCoop(e.target.checked)} data-testid="merge-accept-coop" />
            <span>{t('backup.merge.acceptOtherCoop')}</span>
          </label>
        </>
      ) : null}
      {plan.conflicts.length > 0 ? (
        <Banner kind="error" testId="merge-conflicts">
          {t('backup.merge.conflicts', { count: plan.conflicts.length, n: formatInteger(plan.conflicts.length) })}
          <ul className="merge-conflict-list">
            {plan.conflicts.map((c) => (
              <li key={`${c.table}:${c.id}`}>{c.label}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {plan.tills.map((till) => (
        <TillBlock key={till.tillId} till={till} />
      ))}
      {plan.nothingNew ? (
        <Banner kind="info" testId="merge-nothing">
          {t('backup.merge.nothingNew')}
        </Banner>
      ) : null}
      {plan.kept > 0 ? <p className="settings-intro">{t('backup.merge.kept', { count: plan.kept, n: formatInteger(plan.kept) })}</p> : null}
      {plan.catalogue.length > 0 ? (
        <div className="merge-catalogue" data-testid="merge-catalogue">
          <h4>{t('backup.merge.catalogueTitle')}</h4>
          <p className="settings-intro">{t('backup.merge.catalogueHint')}</p>
          <ul>
            {plan.catalogue.map((diff) => (
              <DiffRow key={`${diff.table}:${diff.id}`} diff={diff} />
            ))}
          </ul>
          {missing > 0 ? (
            <label className="merge-check">
              <input type="checkbox" checked={props.addMissing} onChange={(e) => props.onAddMissing(e.target.checked)} data-testid="merge-add-missing" />
              <span>{t('backup.merge.addMissing', { count: missing, n: formatInteger(missing) })}</span>
            </label>
          ) : null}
        </div>
      ) : null}
      {!plan.nothingNew ? <p className="settings-intro">{t('backup.merge.whereItShows')}</p> : null}
      <div className="actions backup-actions">
        <Button variant="ghost" size="large" onClick={props.onCancel} disabled={props.busy} testId="merge-cancel">
          {plan.nothingNew && !something ? t('backup.merge.close') : t('backup.cancel')}
        </Button>
        {something && plan.conflicts.length === 0 ? (
          <Button variant="success" size="large" onClick={props.onConfirm} disabled={props.busy || blocked} testId="merge-confirm">
            {props.busy ? t('backup.merge.merging') : t('backup.merge.confirm', { till: plan.fileTillName })}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
