/**
 * Quotes and invoices: the bank account the EPC QR code points to (IBAN
 * checked by its key before anything is saved, with the reason next to the
 * field), and the terms printed on every quote and invoice.
 */
import { useTranslation } from 'react-i18next';
import { formatIban, ibanErrorKey } from '../../../shared/epc';
import { billingSettingsSchema } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { DEFAULT_LATE_PENALTY, saveBillingSettings } from '../../db/orders';
import { check } from '../../ui/checked';
import { Field } from '../../ui/components';
import { SettingsBlock, SettingsSaveRow, useSettingsDraft } from '../../ui/SettingsForm';
import { SuffixInput } from '../../ui/SuffixInput';
import '../orders/orders.css';
import './settings.css';

type Draft = { accountHolder: string; iban: string; bic: string; quoteValidityDays: string; paymentTermDays: string; latePenalty: string };

function days(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function checkDraft(draft: Draft) {
  const extra: Record<string, string> = {};
  const ibanKey = draft.iban.trim() === '' ? undefined : ibanErrorKey(draft.iban);
  if (ibanKey) extra.iban = ibanKey;
  const quoteValidityDays = days(draft.quoteValidityDays);
  const paymentTermDays = days(draft.paymentTermDays);
  if (Number.isNaN(quoteValidityDays) || quoteValidityDays < 1 || quoteValidityDays > 365) extra.quoteValidityDays = 'orders.billing.errQuoteDays';
  if (Number.isNaN(paymentTermDays) || paymentTermDays > 60) extra.paymentTermDays = 'orders.billing.errTermDays';
  return check(
    billingSettingsSchema,
    { accountHolder: draft.accountHolder, iban: draft.iban, bic: draft.bic, quoteValidityDays, paymentTermDays, latePenalty: draft.latePenalty },
    extra,
  );
}

export function BillingSettings() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const { draft, update, errors, state, submit } = useSettingsDraft(
    (): Draft => ({
      accountHolder: coop.billing?.accountHolder ?? '',
      iban: coop.billing?.iban ? formatIban(coop.billing.iban) : '',
      bic: coop.billing?.bic ?? '',
      quoteValidityDays: String(coop.billing?.quoteValidityDays ?? 30),
      paymentTermDays: String(coop.billing?.paymentTermDays ?? 30),
      latePenalty: coop.billing?.latePenalty ?? '',
    }),
    checkDraft,
    (value) => saveBillingSettings(db, value),
  );

  const text = (key: 'accountHolder' | 'iban' | 'bic', testId: string, extra: { placeholder?: string; hint?: string } = {}) => (
    <Field label={t(`orders.billing.${key}`)} error={errors[key]} {...(extra.hint ? { hint: extra.hint } : {})}>
      {(id) => (
        <input
          id={id}
          dir="ltr"
          value={draft[key]}
          onChange={(e) => update({ [key]: e.target.value })}
          autoComplete="off"
          spellCheck={false}
          {...(extra.placeholder ? { placeholder: extra.placeholder } : {})}
          data-testid={testId}
        />
      )}
    </Field>
  );

  return (
    <SettingsBlock icon="🏦" title={t('orders.billing.title')} intro={t('orders.billing.intro')} testId="settings-billing">
      <form onSubmit={(e) => void submit(e)} noValidate>
        {/* The IBAN on a line of its own: 34 characters must show whole to be checked against the RIB. */}
        <div className="billing-iban">{text('iban', 'billing-iban', { placeholder: 'FR76 3000 6000 0112 3456 7890 189', hint: t('orders.billing.ibanHint') })}</div>
        <div className="form-grid">
          {text('bic', 'billing-bic', { placeholder: 'CCOPFRPPXXX' })}
          {text('accountHolder', 'billing-holder', { placeholder: coop.cae.name, hint: t('orders.billing.accountHolderHint') })}
        </div>
        <div className="form-grid">
          {(['quoteValidityDays', 'paymentTermDays'] as const).map((key) => (
            <Field key={key} label={t(`orders.billing.${key}`)} error={errors[key]}>
              {(id) => (
                <SuffixInput
                  id={id}
                  kind="money"
                  inputMode="numeric"
                  value={draft[key]}
                  onChange={(value) => update({ [key]: value })}
                  suffix={t('orders.billing.days')}
                  wrapperClass="settings-percent"
                  testId={`billing-${key}`}
                />
              )}
            </Field>
          ))}
        </div>
        <Field label={t('catalog.optional', { label: t('orders.billing.latePenalty') })} error={errors.latePenalty} hint={t('orders.billing.latePenaltyHint')}>
          {(id) => <textarea id={id} rows={3} value={draft.latePenalty} placeholder={DEFAULT_LATE_PENALTY} onChange={(e) => update({ latePenalty: e.target.value })} maxLength={320} data-testid="billing-late-penalty" />}
        </Field>
        <SettingsSaveRow state={state} testId="settings-billing" />
      </form>
    </SettingsBlock>
  );
}
