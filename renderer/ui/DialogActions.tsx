import { useTranslation } from 'react-i18next';
import { Button } from './components';

/**
 * The bottom row of an editing dialog, always in view: "Delete" when
 * `onDelete` is given, "Cancel", and the big "Save" (a submit button).
 * Test ids: `${testIdPrefix}-delete`, `-cancel`, `-save`.
 */
export function DialogActions({ onCancel, onDelete, busy = false, testIdPrefix }: { onCancel: () => void; onDelete?: (() => void) | undefined; busy?: boolean; testIdPrefix: string }) {
  const { t } = useTranslation();
  return (
    <div className="actions sticky-actions">
      {onDelete ? (
        <Button variant="danger" onClick={onDelete} disabled={busy} testId={`${testIdPrefix}-delete`}>
          <span aria-hidden="true">🗑</span> {t('common.delete')}
        </Button>
      ) : null}
      <Button variant="ghost" onClick={onCancel} testId={`${testIdPrefix}-cancel`}>
        {t('common.cancel')}
      </Button>
      <Button variant="primary" size="large" type="submit" disabled={busy} testId={`${testIdPrefix}-save`}>
        <span aria-hidden="true">✓</span> {t('common.save')}
      </Button>
    </div>
  );
}
