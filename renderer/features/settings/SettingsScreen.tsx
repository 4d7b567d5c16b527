/**
 * Settings: language, the co-op and its till, the hosting CAE (printed on
 * every receipt), receipts, and what this copy of Étal is. Each block is
 * saved on its own with a visible "Saved ✓", so a refusal in one never
 * loses what was typed in another.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatPercentNumber, formatRate } from '../../../shared/format';
import { parsePercent } from '../../../shared/money';
import { coopSchema, receiptModes, type Coop } from '../../../shared/schemas';
import type { ChannelOutput } from '../../../shared/contract';
import { useApp } from '../../app-context';
import { invoke } from '../../bridge';
import { updateCoop } from '../../db/catalog';
import { LANGUAGES, setLanguage } from '../../i18n/i18n';
import { check, messages, type Checked } from '../../ui/checked';
import { Banner, Button, Field } from '../../ui/components';
import { SettingsBlock, useSaveLabel } from '../../ui/SettingsForm';
import { Choices, GroupField, useRevealFirstError } from '../catalog/pickers';
import { CaeFields, caeDraftFrom, type CaeDraft } from './CaeFields';
import { BackupSettings } from '../backup/BackupSettings';
import { BillingSettings } from './BillingSettings';
import { CostingSettings } from './CostingSettings';
import { PrinterSettings } from './PrinterSettings';
import { StorageSettings } from './StorageSettings';
import './settings.css';

const RECEIPT_ICONS = { ask: '🙋', always: '🖨️', never: '🚫' } as const;
const RECEIPT_LABELS = { ask: 'settings.receiptAsk', always: 'settings.receiptAlways', never: 'settings.receiptNever' } as const;

export function SettingsScreen() {
  const { t } = useTranslation();
  return (
    <div className="settings">
      <h1>{t('nav.settings')}</h1>
      <LanguageSection />
      <CoopSection />
      <CaeSection />
      <ReceiptSection />
      <CostingSettings />
      <BillingSettings />
      <PrinterSettings />
      <BackupSettings />
      <StorageSettings />
      <AppInfoSection />
    </div>
  );
}

/** Shows "Saved ✓" for a few seconds after a save. */
function useSavedFlag(): [boolean, () => void, () => void] {
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(false), 4000);
    return () => clearTimeout(timer);
  }, [saved]);
  return [saved, () => setSaved(true), () => setSaved(false)];
}

/**
 * A settings form: checks on submit, keeps what was typed on a refusal,
 * follows the typing with its messages afterwards, and says "Saved ✓".
 */
function useSettingsForm<T>(checkDraft: () => Checked<T>, save: (value: T) => Promise<unknown>) {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [saved, markSaved, clearSaved] = useSavedFlag();
  const formRef = useRef<HTMLFormElement>(null);
  useRevealFirstError(formRef, attempt);
  const errors = messages(attempt > 0 ? checkDraft() : null, t);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const result = checkDraft();
    setAttempt((n) => n + 1);
    clearSaved();
    if (!result.ok) return;
    setBusy(true);
    setFailed(false);
    try {
      await save(result.value);
      markSaved();
    } catch (error) {
      console.error(error);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return { formRef, errors, busy, failed, saved, clearSaved, onSubmit: (e: FormEvent) => void submit(e) };
}

function SaveRow({ busy, saved, failed, testId }: { busy: boolean; saved: boolean; failed: boolean; testId: string }) {
  const { t } = useTranslation();
  const label = useSaveLabel();
  return (
    <>
      {failed ? (
        <Banner kind="error" testId={`${testId}-error`}>
          {t('settings.saveError')}
        </Banner>
      ) : null}
      <div className="actions settings-actions">
        {saved ? (
          <span className="settings-saved" role="status" data-testid={`${testId}-saved`}>
            {t('common.saved')}
          </span>
        ) : null}
        <Button variant="primary" size="large" type="submit" disabled={busy} testId={testId} {...(label ? { ariaLabel: label } : {})}>
          {t('common.save')}
        </Button>
      </div>
    </>
  );
}

function LanguageSection() {
  const { t, i18n } = useTranslation();
  return (
    <SettingsBlock icon="🌍" title={t('settings.language')} intro={t('settings.languageHint', { example: formatMoney(123450) })} testId="settings-language">
      <div className="settings-languages" role="group" aria-label={t('settings.language')}>
        {LANGUAGES.map((l) => (
          <button
            key={l.code}
            type="button"
            lang={l.code}
            className={i18n.language === l.code ? 'btn btn-large settings-lang settings-lang-active' : 'btn btn-large btn-secondary settings-lang'}
            aria-pressed={i18n.language === l.code}
            onClick={() => void setLanguage(l.code)}
            data-testid={`settings-lang-${l.code}`}
          >
            {i18n.language === l.code ? <span aria-hidden="true">✓</span> : null}
            {l.label}
          </button>
        ))}
      </div>
    </SettingsBlock>
  );
}

const coopPart = coopSchema.pick({ name: true, tillName: true });

function CoopSection() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const [draft, setDraft] = useState({ name: coop.name, tillName: coop.tillName });
  const form = useSettingsForm(
    () => check(coopPart, draft),
    (value) => updateCoop(db, value),
  );
  const update = (patch: Partial<typeof draft>) => {
    form.clearSaved();
    setDraft((d) => ({ ...d, ...patch }));
  };
  return (
    <SettingsBlock icon="🧺" title={t('settings.coop')} testId="settings-coop">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <div className="form-grid">
          <Field label={t('settings.coopName')} error={form.errors.name}>
            {(id) => <input id={id} value={draft.name} onChange={(e) => update({ name: e.target.value })} autoComplete="off" data-testid="settings-coop-name" />}
          </Field>
          <Field label={t('settings.tillName')} error={form.errors.tillName} hint={t('settings.tillNameHint')}>
            {(id) => <input id={id} value={draft.tillName} onChange={(e) => update({ tillName: e.target.value })} autoComplete="off" data-testid="settings-till-name" />}
          </Field>
        </div>
        <SaveRow busy={form.busy} saved={form.saved} failed={form.failed} testId="settings-coop-save" />
      </form>
    </SettingsBlock>
  );
}

const caePart = coopSchema.pick({ cae: true, contributionBp: true });

function CaeSection() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const [cae, setCae] = useState<CaeDraft>(() => caeDraftFrom(coop.cae));
  const [contribution, setContribution] = useState(() => formatPercentNumber(coop.contributionBp));
  const form = useSettingsForm(
    () => {
      const bp = parsePercent(contribution);
      return check(caePart, { cae, contributionBp: bp ?? 0 }, bp === null ? { contributionBp: 'settings.errPercent' } : {});
    },
    (value) => updateCoop(db, value),
  );
  return (
    <SettingsBlock icon="🏛️" title={t('settings.cae')} intro={t('settings.caeIntro')} testId="settings-cae">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <CaeFields
          value={cae}
          onChange={(patch) => {
            form.clearSaved();
            setCae((d) => ({ ...d, ...patch }));
          }}
          errors={form.errors}
        />
        <Field
          label={t('settings.contribution')}
          error={form.errors.contributionBp}
          hint={t('settings.contributionHint', { low: formatRate(800), high: formatRate(1200) })}
        >
          {(id) => (
            <div className="input-with-suffix settings-percent">
              <input
                id={id}
                value={contribution}
                onChange={(e) => {
                  form.clearSaved();
                  setContribution(e.target.value);
                }}
                inputMode="decimal"
                autoComplete="off"
                className="input-money"
                data-testid="settings-contribution"
              />
              <span className="input-suffix">%</span>
            </div>
          )}
        </Field>
        <SaveRow busy={form.busy} saved={form.saved} failed={form.failed} testId="settings-cae-save" />
      </form>
    </SettingsBlock>
  );
}

const receiptPart = coopSchema.pick({ receiptMode: true, receiptFooter: true });

function ReceiptSection() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const [draft, setDraft] = useState<{ receiptMode: Coop['receiptMode']; receiptFooter: string }>({
    receiptMode: coop.receiptMode,
    receiptFooter: coop.receiptFooter,
  });
  const form = useSettingsForm(
    () => check(receiptPart, draft),
    (value) => updateCoop(db, value),
  );
  const update = (patch: Partial<typeof draft>) => {
    form.clearSaved();
    setDraft((d) => ({ ...d, ...patch }));
  };
  return (
    <SettingsBlock icon="🧾" title={t('settings.receipts')} testId="settings-receipts">
      <Banner kind="info">{t('settings.receiptLaw')}</Banner>
      <div className="receipt-sign" data-testid="receipt-sign">
        <p className="receipt-sign-label">{t('printing.signLabel')}</p>
        {/* The sign is for customers: always in French, whatever the screen language. */}
        <p className="receipt-sign-text" lang="fr">
          {t('printing.signText', { lng: 'fr' })}
        </p>
      </div>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate>
        <GroupField label={t('settings.receiptMode')} error={form.errors.receiptMode}>
          <Choices
            options={receiptModes.map((mode) => ({
              value: mode,
              label: (
                <>
                  <span aria-hidden="true">{RECEIPT_ICONS[mode]}</span> {t(RECEIPT_LABELS[mode])}
                </>
              ),
            }))}
            value={draft.receiptMode}
            onChange={(receiptMode) => update({ receiptMode })}
            testIdPrefix="settings-receipt"
          />
        </GroupField>
        <Field label={t('catalog.optional', { label: t('settings.receiptFooter') })} error={form.errors.receiptFooter} hint={t('settings.receiptFooterHint')}>
          {(id) => (
            <input id={id} value={draft.receiptFooter} onChange={(e) => update({ receiptFooter: e.target.value })} autoComplete="off" maxLength={320} data-testid="settings-receipt-footer" />
          )}
        </Field>
        <SaveRow busy={form.busy} saved={form.saved} failed={form.failed} testId="settings-receipt-save" />
      </form>
    </SettingsBlock>
  );
}

type AppInfo = ChannelOutput<'app:get-info'>;

function AppInfoSection() {
  const { t } = useTranslation();
  const { coop } = useApp();
  const [info, setInfo] = useState<AppInfo | 'unavailable' | null>(null);
  useEffect(() => {
    let live = true;
    invoke('app:get-info', {}).then(
      (result) => live && setInfo(result),
      (error: unknown) => {
        console.warn('app info unavailable', error);
        if (live) setInfo('unavailable');
      },
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <SettingsBlock icon="ℹ️" title={t('settings.app')} testId="settings-app">
      {info === null ? <p className="settings-intro">{t('common.loading')}</p> : null}
      {info === 'unavailable' ? <p className="settings-intro" data-testid="app-info-unavailable">{t('settings.appUnavailable')}</p> : null}
      <dl className="app-info" data-testid="app-info">
        {info !== null && info !== 'unavailable' ? (
          <>
            <dt>{t('settings.appVersion')}</dt>
            <dd data-testid="app-version">
              {info.name} {info.version}
            </dd>
            <dt>{t('settings.appMode')}</dt>
            <dd>{info.mode === 'electron' ? t('settings.modeElectron') : t('settings.modeWeb')}</dd>
            <dt>{t('settings.appPlatform')}</dt>
            <dd>{info.platform}</dd>
          </>
        ) : null}
        <dt>{t('settings.tillId')}</dt>
        <dd className="app-info-id">{coop.tillId}</dd>
      </dl>
    </SettingsBlock>
  );
}
