/**
 * Asked once, on the screen of the day's first cash sale, when the day has
 * no cash float yet: the figure the Z's expected cash starts from. One tap
 * says "no float"; tapping "Vente suivante" simply asks again next time.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format';
import { parseMoney } from '../../../shared/money';
import { useApp } from '../../app-context';
import { movementsOfDay, openBusinessDay, recordCashMovement } from '../../db/closings';
import { fundSkipped, skipFund } from '../../db/prompts';
import { SaleError } from '../../db/sales';
import { Button, Field } from '../../ui/components';
import './closing.css';

export function FundPrompt() {
  const { t } = useTranslation();
  const { db, coop, cashierId } = useApp();
  const state = useLiveQuery(async () => {
    const day = await openBusinessDay(db, coop);
    const hasFund = (await movementsOfDay(db, coop.tillId, day)).some((m) => m.kind === 'fund');
    return { day, ask: !hasFund && !fundSkipped(coop.tillId, day) };
  }, [db, coop]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [skipped, setSkipped] = useState(false);

  if (done) return <p className="fund-prompt-done" data-testid="fund-prompt-done">✅ {done}</p>;
  if (!state?.ask || skipped) return null;

  const save = async () => {
    const amount = parseMoney(text);
    if (amount === null || amount <= 0) return setError(t('closing.err.amount'));
    try {
      await recordCashMovement(db, coop, { kind: 'fund', amount, ...(cashierId ? { memberId: cashierId } : {}) });
      setDone(t('closing.fundIs', { amount: formatMoney(amount) }));
    } catch (e) {
      setError(e instanceof SaleError ? t(e.key) : t('err.storage'));
    }
  };

  return (
    <form
      className="fund-prompt"
      data-testid="fund-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p className="fund-prompt-question">
        <span aria-hidden="true">💶</span> {t('closing.fundPrompt')}
      </p>
      <div className="fund-prompt-row">
        <Field label={t('closing.fund')} error={error ?? undefined}>
          {(id) => <input id={id} inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} data-testid="fund-prompt-input" />}
        </Field>
        <Button type="submit" variant="success" testId="fund-prompt-save">
          ✔ {t('closing.fundPromptSave')}
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            skipFund(coop.tillId, state.day);
            setSkipped(true);
          }}
          testId="fund-prompt-skip"
        >
          {t('closing.fundPromptSkip')} (<bdi dir="ltr">{formatMoney(0)}</bdi>)
        </Button>
      </div>
    </form>
  );
}
