/**
 * Closing the day at the folding table: open the day with the cash fund,
 * record cash put in or taken out, count the notes and coins, see the Z as it
 * will be recorded, close the day (once), print the Z, check the journal,
 * look back at past closings and the month's total.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../../shared/format';
import { useApp } from '../../app-context';
import { closingsOfTill, dayToClose, periodClosingsOfTill } from '../../db/closings';
import { verifyTill, type TillCheck } from '../../db/anchors';
import { OpenFolderButton } from '../../ui/OpenFolderButton';
import { Banner, Button } from '../../ui/components';
import { ForeignBanner, JournalCheckReport } from '../journal/JournalCheck';
import './closing.css';
import { writeBackup, type WriteBackupResult } from '../../db/backup';
import { checkStorage } from '../../db/storage-watch';
import { ArchiveButton, type ArchiveOutcome } from './ArchiveButton';
import { OpenDay } from './OpenDay';
import { PastClosings } from './PastClosings';
import { PeriodClosings } from './PeriodClosings';
import { ZReport } from './ZReport';

export function ClosingScreen() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const [report, setReport] = useState<TillCheck | null>(null);
  const [shownId, setShownId] = useState<string | null>(null);
  const [exported, setExported] = useState<ArchiveOutcome | null>(null);
  const [backup, setBackup] = useState<WriteBackupResult | null>(null);
  const day = useLiveQuery(() => dayToClose(db, coop), [db, coop]);
  const closings = useLiveQuery(() => closingsOfTill(db, coop.tillId), [db, coop.tillId]) ?? [];
  const periods = useLiveQuery(() => periodClosingsOfTill(db, coop.tillId), [db, coop.tillId]) ?? [];
  const shown = closings.find((c) => c.id === shownId) ?? periods.find((c) => c.id === shownId) ?? null;
  const top = useRef<HTMLDivElement>(null);
  const show = (id: string | null) => {
    setShownId(id);
    top.current?.scrollIntoView({ block: 'start' });
  };

  return (
    <div className="closing" ref={top}>
      <div className="toolbar">
        <h1 data-testid="closing-day">{shown ? t('nav.closing') : day ? t('closing.title', { date: formatDay(day) }) : t('common.loading')}</h1>
        <div className="actions">
          <Button variant="primary" onClick={() => void verifyTill(db, coop.tillId).then(setReport)} testId="verify-journal">
            🔒 {t('history.verify')}
          </Button>
          <ArchiveButton onDone={setExported} />
        </div>
      </div>
      {report ? <JournalCheckReport check={report} /> : null}
      <ForeignBanner />
      {exported ? (
        <Banner kind={exported.ok ? 'ok' : 'error'} testId="archive-result">
          {exported.ok ? `✅ ${t('closing.archiveDone', { file: exported.text, count: exported.count })}` : `⚠️ ${t('err.storage')}`}
          {exported.ok ? <OpenFolderButton folder="exports" /> : null}
        </Banner>
      ) : null}
      {backup ? (
        <Banner kind={backup.saved ? 'ok' : 'warning'} testId="closing-backup">
          {backup.saved ? `💾 ${t('closing.backupDone')}` : `⚠️ ${t('closing.backupFailed')}`}
        </Banner>
      ) : null}
      {shown ? (
        <section className="closing-shown">
          <div className="actions">
            <Button onClick={() => show(null)} testId="closing-back">
              <span className="flip-rtl" aria-hidden="true">◀</span> {t('common.back')}
            </Button>
          </div>
          <ZReport closing={shown} />
        </section>
      ) : day ? (
        <OpenDay
          key={day}
          day={day}
          onClosed={(z) => {
            show(z.id);
            // A copy of the day's data leaves IndexedDB at every closing
            // (data-safety issue); the Z is already safe whatever happens here.
            setBackup(null);
            void writeBackup(db, 'closing').then(setBackup);
            // A day's data more: the till warns if the room left is now short.
            void checkStorage();
          }}
        />
      ) : null}
      <PeriodClosings periods={periods} onOpen={show} />
      <PastClosings closings={closings} onOpen={show} />
    </div>
  );
}
