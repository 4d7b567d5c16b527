import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button } from './components';

/**
 * The title bar of a list that can be archived into: the title, what the
 * screen adds (`children`, e.g. a search box), "show/hide the archived"
 * once something is archived, and the big "new" button.
 * Test ids: `${testIdPrefix}-show-archived` and `newTestId`.
 */
export function ListToolbar({
  title,
  children,
  archivedCount,
  showArchived,
  onToggleArchived,
  newLabel,
  onNew,
  testIdPrefix,
  newTestId,
}: {
  title: string;
  children?: ReactNode;
  archivedCount: number;
  showArchived: boolean;
  onToggleArchived: () => void;
  newLabel: string;
  onNew: () => void;
  testIdPrefix: string;
  newTestId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="toolbar cat-toolbar">
      <h1>{title}</h1>
      {children}
      {archivedCount > 0 || showArchived ? (
        <Button onClick={onToggleArchived} testId={`${testIdPrefix}-show-archived`}>
          <span aria-hidden="true">📦</span> {showArchived ? t('common.hideArchived') : t('common.showArchived')}
        </Button>
      ) : null}
      <Button variant="primary" size="large" onClick={onNew} testId={newTestId}>
        <span aria-hidden="true">➕</span> {newLabel}
      </Button>
    </div>
  );
}

/** "X is archived" with the way back. Test ids: `${testIdPrefix}-archived-banner`, `${testIdPrefix}-undo-archive`. */
export function ArchivedBanner({ text, onUndo, testIdPrefix }: { text: string; onUndo: () => void; testIdPrefix: string }) {
  const { t } = useTranslation();
  return (
    <Banner kind="info" testId={`${testIdPrefix}-archived-banner`}>
      <span className="undo-line">
        {text}
        <Button onClick={onUndo} testId={`${testIdPrefix}-undo-archive`}>
          ↩ {t('catalog.undo')}
        </Button>
      </span>
    </Banner>
  );
}

/** A list row's "archive" (quiet) or "unarchive" button. Test id: `${testIdPrefix}-archive-…` / `-unarchive-…` + `name`. */
export function ArchiveButton({ archived, onClick, testIdPrefix, name }: { archived: boolean; onClick: () => void; testIdPrefix: string; name: string }) {
  const { t } = useTranslation();
  return archived ? (
    <Button onClick={onClick} testId={`${testIdPrefix}-unarchive-${name}`}>
      <span aria-hidden="true">↩</span> {t('common.unarchive')}
    </Button>
  ) : (
    <Button variant="ghost" onClick={onClick} testId={`${testIdPrefix}-archive-${name}`}>
      <span aria-hidden="true">📦</span> {t('common.archive')}
    </Button>
  );
}
