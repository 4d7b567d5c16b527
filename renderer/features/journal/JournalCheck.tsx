/**
 * What *Vérifier le journal* says (Ventes and Clôture), in words: the chain,
 * the numbered series, the heads that left the till, the records of other
 * tills; and the banner Ventes, Clôture and Partage show while records of
 * another till that came in through no merge are left out of their figures.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay, formatInteger } from '../../../shared/format';
import type { Coop } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { foreignRecords, type ForeignRecord, type MissingHead, type SeriesHole, type TillCheck } from '../../db/anchors';
import { Banner } from '../../ui/components';
import './journal.css';

/** Another till's name as this one knows it (from the set-up or a merge), else its short id. */
export function tillName(coop: Coop, tillId: string): string {
  return coop.otherTills?.find((t) => t.id === tillId)?.name ?? `#${tillId.slice(0, 8)}`;
}

const shortHash = (hash: string) => `${hash.slice(0, 16)}…`;

function holeText(t: TFunction, coop: Coop, hole: SeriesHole): string {
  const text = t(`journal.series.${hole.series}`, { numbers: hole.missing.join(', ') });
  const more = hole.count > hole.missing.length ? ` ${t('journal.more', { more: formatInteger(hole.count - hole.missing.length) })}` : '';
  const till = hole.tillId !== undefined && hole.tillId !== coop.tillId ? `${t('journal.ofTill', { till: tillName(coop, hole.tillId) })} ` : '';
  return `${till}${text}${more}`;
}

function headText(t: TFunction, coop: Coop, { anchor, found }: MissingHead): string {
  const text = t(`journal.head.${anchor.kind}`, {
    name: anchor.name,
    day: anchor.day ? formatDay(anchor.day) : '',
    date: formatDateTime(anchor.at, coop.timeZone),
    hash: shortHash(anchor.hash),
  });
  return `${text} ${t(found === undefined ? 'journal.headCut' : 'journal.headRewritten')}`;
}

function foreignText(t: TFunction, coop: Coop, record: ForeignRecord): string {
  const till = record.reason === 'unknownTill' ? `#${record.tillId.slice(0, 8)}` : tillName(coop, record.tillId);
  if (record.table === 'sales') return t(`journal.foreign.${record.reason}`, { till, ticket: record.ticketNumber ?? '?' });
  return t(`journal.foreign.${record.reason}Record`, { till, number: record.number ?? (record.ticketNumber !== undefined ? `n° ${record.ticketNumber}` : record.table) });
}

function chainText(t: TFunction, report: TillCheck['journal']): string {
  const problem = report.problem;
  return problem ? t(`history.journalProblem.${problem.kind}`, { seq: 'seq' in problem ? problem.seq : '' }) : '';
}

/** The result of *Vérifier le journal*: one sentence per thing found, or one that says all is well. */
export function JournalCheckReport({ check }: { check: TillCheck }) {
  const { t } = useTranslation();
  const { coop } = useApp();
  if (check.ok) {
    return (
      <Banner kind="ok" testId="journal-result">
        ✅ {t('history.journalOk', { count: check.journal.entries })} {t('journal.anchorsOk')}
      </Banner>
    );
  }
  const lines = [
    ...(check.journal.ok ? [] : [`${t('history.journalBroken')} ${chainText(t, check.journal)}`]),
    ...check.missingHeads.map((m) => headText(t, coop, m)),
    ...check.holes.map((h) => holeText(t, coop, h)),
    ...check.foreign.map((f) => foreignText(t, coop, f)),
    ...check.brokenChains.map((c) => `${t('journal.foreignChain', { till: tillName(coop, c.tillId) })} ${chainText(t, c.report)}`),
  ];
  return (
    <Banner kind="error" testId="journal-result">
      <div className="journal-report">
        <p>⛔ {t('journal.problems')}</p>
        <ul className="journal-problems">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </div>
    </Banner>
  );
}

const NAMED_IN_BANNER = 5;

/** Shown while another till's records that came in through no merge are left out of this screen's figures. */
export function ForeignBanner() {
  const { t } = useTranslation();
  const { db } = useApp();
  const flagged = useLiveQuery(() => foreignRecords(db), [db]) ?? [];
  if (flagged.length === 0) return null;
  const named = flagged.slice(0, NAMED_IN_BANNER).map((r) =>
    r.table === 'sales' ? t('journal.foreignTicket', { till: `#${r.tillId.slice(0, 8)}`, ticket: r.ticketNumber ?? '?' }) : t('journal.foreignOther', { till: `#${r.tillId.slice(0, 8)}`, number: r.number ?? r.table }),
  );
  const more = flagged.length > NAMED_IN_BANNER ? ` ${t('journal.more', { more: formatInteger(flagged.length - NAMED_IN_BANNER) })}` : '';
  return (
    <Banner kind="warning" testId="foreign-records">
      ⚠️ {t('journal.foreignBanner', { list: `${named.join(' ; ')}${more}` })}
    </Banner>
  );
}
