/**
 * "Exporter pour la CAE": renderer/db/payout.ts exportPayout builds the CSV,
 * the XLSX and the signed PDF and records the export (journalled); in the
 * browser they download as one zip, in the desktop app they are saved
 * through the host, which says where (and can open the folder). Refused with the reason
 * when nothing was sold; a negative amount needs an explicit confirmation.
 */
import { zipSync } from 'fflate';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format';
import { PayoutError, type PayoutInput, type PayoutResult } from '../../../shared/payout';
import type { PayoutRule } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { bridgeMode } from '../../bridge';
import { exportPayout } from '../../db/payout';
import { Banner, Button, Dialog } from '../../ui/components';
import { browserDownload } from '../../ui/download';
import { OpenFolderButton } from '../../ui/OpenFolderButton';
import { folderOf, saveFiles, type SavedFile } from './save';

type Outcome =
  | { kind: 'saved'; folder: string; files: SavedFile[] }
  | { kind: 'downloaded'; zip: string; files: string[] }
  | { kind: 'cancelled' }
  | { kind: 'error'; text: string };

export function ExportSection({ input, result, rule }: { input: PayoutInput; result: PayoutResult; rule: PayoutRule }) {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  // The answer (where the files are) lands below the fold: bring it into view.
  useEffect(() => {
    if (outcome) outcomeRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [outcome]);
  const f = result.figures;
  const nothingSold = f.saleCount === 0 && f.invoiceCount === 0;
  const negative = f.toDistribute < 0;

  const run = async (confirmNegative: boolean) => {
    setConfirming(false);
    setBusy(true);
    setOutcome(null);
    try {
      const built = await exportPayout(db, coop, input.period, rule, { confirmNegative });
      if (bridgeMode() === 'web') {
        // One zip: a browser asks before letting a page download several files.
        const zip = `${(built.files[0]?.name ?? 'etal-cae').replace(/\.[^.]+$/, '')}.zip`;
        browserDownload(zip, zipSync(Object.fromEntries(built.files.map((file) => [file.name, file.bytes]))), 'application/zip');
        return setOutcome({ kind: 'downloaded', zip, files: built.files.map((file) => file.name) });
      }
      const saved = await saveFiles(built.files.map((file) => ({ name: file.name, content: file.bytes })));
      if (!saved) return setOutcome({ kind: 'cancelled' });
      setOutcome({ kind: 'saved', folder: folderOf(saved.map((s) => s.path)), files: saved });
    } catch (error) {
      console.error('payout export', error);
      const text = error instanceof PayoutError ? t(error.key, error.params) : t('payout.export.failed', { detail: error instanceof Error ? error.message : String(error) });
      setOutcome({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  };

  const start = () => (negative ? setConfirming(true) : void run(false));

  return (
    <section className="payout-export" data-testid="payout-export">
      <Button variant="primary" size="huge" onClick={start} disabled={busy || nothingSold} testId="payout-export-button">
        <span aria-hidden="true">📤</span> {busy ? t('payout.export.working') : t('payout.export.button')}
      </Button>
      <p className="field-hint">{t('payout.export.hint')}</p>
      {nothingSold ? (
        <p className="field-message" role="alert" data-testid="payout-export-refused">
          🚫 {t('payout.export.refusedNoSales')}
        </p>
      ) : null}
      <div ref={outcomeRef} className="export-outcome">
        {outcome?.kind === 'saved' ? (
          <Banner kind="ok" testId="payout-export-done">
            <strong>✅ {t('payout.export.done')}</strong>
            <br />
            {outcome.folder ? t('payout.export.where', { folder: outcome.folder }) : null}
            <ul className="export-files">
              {outcome.files.map((file) => (
                <li key={file.path} data-testid="payout-export-file" data-path={file.path}>
                  📄 {outcome.folder ? file.path.slice(outcome.folder.length + 1) : file.path}
                </li>
              ))}
            </ul>
            <OpenFolderButton folder="exports" />
          </Banner>
        ) : null}
        {outcome?.kind === 'downloaded' ? (
          <Banner kind="ok" testId="payout-export-done">
            <strong>✅ {t('payout.export.downloaded', { file: outcome.zip })}</strong>
            <ul className="export-files">
              {outcome.files.map((file) => (
                <li key={file} data-testid="payout-export-file">
                  📄 {file}
                </li>
              ))}
            </ul>
          </Banner>
        ) : null}
        {outcome?.kind === 'cancelled' ? <Banner kind="info">{t('payout.export.cancelled')}</Banner> : null}
        {outcome?.kind === 'error' ? (
          <Banner kind="error" testId="payout-export-error">
            {outcome.text}
          </Banner>
        ) : null}
      </div>
      {confirming ? (
        <Dialog title={t('payout.export.negativeTitle')} onClose={() => setConfirming(false)} testId="payout-negative-confirm">
          <p>{t('payout.export.negativeBody', { amount: formatMoney(f.toDistribute) })}</p>
          <div className="actions">
            <Button variant="ghost" onClick={() => setConfirming(false)} testId="payout-negative-cancel">
              {t('common.cancel')}
            </Button>
            <Button variant="danger" size="large" onClick={() => void run(true)} testId="payout-negative-ok">
              {t('payout.export.negativeOk')}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
