/**
 * The group's costing agreements: what an hour of work is worth, below which
 * margin a price turns orange, and the margin the suggested price aims for.
 * Self-contained so the settings screen only has to mount it.
 */
import { useTranslation } from 'react-i18next';
import { formatAmount, formatPercentNumber } from '../../../shared/format';
import { parseMoney, parsePercent } from '../../../shared/money';
import { coopSchema, costingSettings } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { updateCoop } from '../../db/catalog';
import { check } from '../../ui/checked';
import { Field } from '../../ui/components';
import { SettingsBlock, SettingsSaveRow, useSettingsDraft } from '../../ui/SettingsForm';
import { SuffixInput } from '../../ui/SuffixInput';
import './settings.css';

const costingPart = coopSchema.pick({ hourlyRate: true, thinMarginBp: true, targetMarginBp: true }).required();

type Draft = { hourlyRate: string; thinMarginBp: string; targetMarginBp: string };

function checkDraft(draft: Draft) {
  const extra: Record<string, string> = {};
  const hourlyRate = parseMoney(draft.hourlyRate.trim());
  const thin = parsePercent(draft.thinMarginBp);
  const target = parsePercent(draft.targetMarginBp);
  if (hourlyRate === null) extra.hourlyRate = 'err.amount';
  if (thin === null) extra.thinMarginBp = 'settings.errPercent';
  if (target === null) extra.targetMarginBp = 'settings.errPercent';
  return check(costingPart, { hourlyRate: hourlyRate ?? 0, thinMarginBp: thin ?? 0, targetMarginBp: target ?? 0 }, extra);
}

const fields = [
  { key: 'hourlyRate', suffix: '€/h', testId: 'settings-hourly-rate' },
  { key: 'thinMarginBp', suffix: '%', testId: 'settings-thin-margin' },
  { key: 'targetMarginBp', suffix: '%', testId: 'settings-target-margin' },
] as const;

export function CostingSettings() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const { draft, update, errors, state, submit } = useSettingsDraft(
    (): Draft => {
      const current = costingSettings(coop);
      return {
        hourlyRate: formatAmount(current.hourlyRate),
        thinMarginBp: formatPercentNumber(current.thinMarginBp),
        targetMarginBp: formatPercentNumber(current.targetMarginBp),
      };
    },
    checkDraft,
    (value) => updateCoop(db, value),
  );

  return (
    <SettingsBlock icon="🧮" title={t('costing.title')} intro={t('costing.intro')} testId="settings-costing">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid">
          {fields.map((f) => (
            <Field key={f.key} label={t(`costing.${f.key}`)} error={errors[f.key]} hint={t(`costing.${f.key}Hint`)}>
              {(id) => (
                <SuffixInput
                  id={id}
                  kind="money"
                  value={draft[f.key]}
                  onChange={(value) => update({ [f.key]: value })}
                  autoComplete="off"
                  suffix={f.suffix}
                  wrapperClass="settings-percent"
                  testId={f.testId}
                />
              )}
            </Field>
          ))}
        </div>
        <SettingsSaveRow state={state} testId="settings-costing" />
      </form>
    </SettingsBlock>
  );
}
