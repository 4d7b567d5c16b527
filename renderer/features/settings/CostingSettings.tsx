/**
 * The group's costing agreements: what an hour of work is worth, below which
 * margin a price turns orange, and the margin the suggested price aims for.
 * Self-contained so the settings screen only has to mount it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount, formatPercentNumber } from '../../../shared/format';
import { parseMoney, parsePercent } from '../../../shared/money';
import { coopSchema, costingSettings } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { updateCoop } from '../../db/catalog';
import { Banner, Button, Field } from '../../ui/components';
import { check, messages } from '../catalog/drafts';
import './settings.css';

const costingPart = coopSchema.pick({ hourlyRate: true, thinMarginBp: true, targetMarginBp: true }).required();

export function CostingSettings() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const current = costingSettings(coop);
  const [draft, setDraft] = useState(() => ({
    hourlyRate: formatAmount(current.hourlyRate),
    thinMarginBp: formatPercentNumber(current.thinMarginBp),
    targetMarginBp: formatPercentNumber(current.targetMarginBp),
  }));
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<'idle' | 'saved' | 'failed'>('idle');

  const checkDraft = () => {
    const extra: Record<string, string> = {};
    const hourlyRate = parseMoney(draft.hourlyRate.trim());
    const thin = parsePercent(draft.thinMarginBp);
    const target = parsePercent(draft.targetMarginBp);
    if (hourlyRate === null) extra.hourlyRate = 'err.amount';
    if (thin === null) extra.thinMarginBp = 'settings.errPercent';
    if (target === null) extra.targetMarginBp = 'settings.errPercent';
    return check(costingPart, { hourlyRate: hourlyRate ?? 0, thinMarginBp: thin ?? 0, targetMarginBp: target ?? 0 }, extra);
  };
  const errors = messages(attempt > 0 ? checkDraft() : null, t);
  const update = (patch: Partial<typeof draft>) => {
    setState('idle');
    setDraft((d) => ({ ...d, ...patch }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = checkDraft();
    setAttempt((n) => n + 1);
    if (!result.ok) return;
    try {
      await updateCoop(db, result.value);
      setState('saved');
    } catch (error) {
      console.error(error);
      setState('failed');
    }
  };

  const fields = [
    { key: 'hourlyRate', suffix: '€/h', testId: 'settings-hourly-rate' },
    { key: 'thinMarginBp', suffix: '%', testId: 'settings-thin-margin' },
    { key: 'targetMarginBp', suffix: '%', testId: 'settings-target-margin' },
  ] as const;

  return (
    <section className="settings-section" data-testid="settings-costing">
      <h2>
        <span aria-hidden="true">🧮</span> {t('costing.title')}
      </h2>
      <p className="settings-intro">{t('costing.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          {fields.map((f) => (
            <Field key={f.key} label={t(`costing.${f.key}`)} error={errors[f.key]} hint={t(`costing.${f.key}Hint`)}>
              {(id) => (
                <div className="input-with-suffix settings-percent">
                  <input
                    id={id}
                    className="input-money"
                    dir="ltr"
                    value={draft[f.key]}
                    onChange={(e) => update({ [f.key]: e.target.value })}
                    inputMode="decimal"
                    autoComplete="off"
                    data-testid={f.testId}
                  />
                  <span className="input-suffix">{f.suffix}</span>
                </div>
              )}
            </Field>
          ))}
        </div>
        {state === 'failed' ? <Banner kind="error">{t('settings.saveError')}</Banner> : null}
        <div className="actions settings-actions">
          {state === 'saved' ? (
            <span className="settings-saved" role="status" data-testid="settings-costing-saved">
              {t('common.saved')}
            </span>
          ) : null}
          <Button variant="primary" size="large" type="submit" testId="settings-costing-save">
            {t('common.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
