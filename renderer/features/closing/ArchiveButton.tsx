import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app-context';
import { tillArchiveZip } from '../../db/archive';
import { saveBytes } from '../../ui/download';
import { Banner, Button, Dialog, Field } from '../../ui/components';

export type ArchiveOutcome = { ok: boolean; text: string; count: number };

/** Asks for a period (empty = from the first entry / up to the last) and downloads the signed archive (zip: JSON + CSV + README + verify.mjs). */
export function ArchiveButton({ onDone }: { onDone: (outcome: ArchiveOutcome) => void }) {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const badPeriod = from !== '' && to !== '' && from > to;
  const run = async () => {
    setBusy(true);
    try {
      const zip = await tillArchiveZip(db, coop, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
      const saved = await saveBytes(zip.fileName, zip.bytes, 'application/zip');
      if (!saved.saved) return;
      onDone({ ok: true, text: zip.fileName, count: zip.entries });
      setOpen(false);
    } catch (error) {
      console.error('archive', error);
      onDone({ ok: false, text: '', count: 0 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} testId="export-archive">
        🗄️ {t('closing.archive')}
      </Button>
      {open ? (
        <Dialog title={`🗄️ ${t('closing.archive')}`} onClose={() => setOpen(false)} testId="archive-dialog">
          <p>{t('closing.archiveHint')}</p>
          <div className="archive-period">
            <Field label={t('closing.archiveFrom')}>{(id) => <input id={id} type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="archive-from" />}</Field>
            <Field label={t('closing.archiveTo')}>{(id) => <input id={id} type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="archive-to" />}</Field>
          </div>
          {badPeriod ? <Banner kind="warning" testId="archive-period-error">{t('closing.err.archivePeriod')}</Banner> : null}
          <div className="actions">
            <Button onClick={() => setOpen(false)}>{t('common.back')}</Button>
            <Button variant="primary" size="large" disabled={busy || badPeriod} onClick={() => void run()} testId="archive-download">
              ⬇️ {t('closing.archiveDownload')}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
