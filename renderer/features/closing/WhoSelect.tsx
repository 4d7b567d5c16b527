import { useTranslation } from 'react-i18next';
import { useApp } from '../../app-context';

/** Who counted or closed, by first name, among the members still active (value '' until chosen). */
export function WhoSelect({ id, value, onChange, testId }: { id: string; value: string; onChange: (firstName: string) => void; testId: string }) {
  const { t } = useTranslation();
  const { members } = useApp();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{t('closing.chooseMember')}</option>
      {members
        .filter((m) => !m.archived)
        .map((m) => (
          <option key={m.id} value={m.firstName}>
            {m.firstName}
          </option>
        ))}
    </select>
  );
}
