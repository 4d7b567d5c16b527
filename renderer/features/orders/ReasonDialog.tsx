/**
 * A step that cannot be taken back without saying why (cancelling an order,
 * a credit note against an invoice): a reason is required before the red
 * button does anything.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dialog, Field } from '../../ui/components';

export function ReasonDialog({
  title,
  explain,
  label,
  confirm,
  testIdPrefix,
  onClose,
  onConfirm,
}: {
  title: string;
  explain?: string;
  label: string;
  confirm: ReactNode;
  /** Test ids `${prefix}-dialog`, `${prefix}-reason`, `${prefix}-confirm`. */
  testIdPrefix: string;
  onClose: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const error = tried && reason.trim() === '' ? t('err.reasonRequired') : undefined;
  return (
    <Dialog title={title} onClose={onClose} testId={`${testIdPrefix}-dialog`}>
      {explain ? <p>{explain}</p> : null}
      <Field label={label} error={error}>
        {(id) => (
          <textarea id={id} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} data-testid={`${testIdPrefix}-reason`} autoFocus />
        )}
      </Field>
      <div className="actions">
        <Button onClick={onClose}>{t('common.back')}</Button>
        <Button
          variant="danger"
          size="large"
          onClick={() => {
            setTried(true);
            if (reason.trim() !== '') onConfirm(reason.trim());
          }}
          testId={`${testIdPrefix}-confirm`}
        >
          {confirm}
        </Button>
      </div>
    </Dialog>
  );
}
