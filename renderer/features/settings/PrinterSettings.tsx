/**
 * Réglages → Imprimante: how this till reaches its receipt printer, the
 * paper, the cutter and the cash drawer. "Imprimer un test" and "Ouvrir le
 * tiroir" try what is typed (before saving), and say what happened in one
 * sentence. Stored on the co-op record (one per till), so it survives reloads.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '../../../shared/format';
import { PAPER_COLUMNS, printerBrands, printerCodepages, type PrinterConfig, type PrinterConnection } from '../../../shared/schemas/printer';
import { coopSchema, type Coop } from '../../../shared/schemas';
import type { ChannelOutput } from '../../../shared/contract';
import { useApp } from '../../app-context';
import { invoke } from '../../bridge';
import type { EtalDb } from '../../db/db';
import { updateCoop } from '../../db/catalog';
import { messages } from '../../ui/checked';
import { Banner, Button, Field } from '../../ui/components';
import { SettingsBlock, useSaveLabel } from '../../ui/SettingsForm';
import { Choices, GroupField, useRevealFirstError } from '../catalog/pickers';
import { kickDrawer, printerLabel, printFailureSentence, printTestPage } from '../printing/printing';
import '../printing/printing.css';
import { checkPrinterDraft, printerDraftFrom, type Kind, type PrinterDraft } from './printer-draft';

const KINDS: readonly Kind[] = ['network', 'device', 'serial', 'os', 'none'];
const KIND_ICONS: Record<Kind, string> = { network: '📶', device: '🔌', serial: '🔵', os: '🖥️', none: '🚫' };

/** Saves (or removes) this till's printer. */
async function savePrinter(db: EtalDb, printer: PrinterConfig | undefined): Promise<Coop> {
  if (printer) return updateCoop(db, { printer });
  return db.transaction('rw', db.coop, async () => {
    const current = await db.coop.get('coop');
    if (!current) throw new Error('no co-op yet');
    const { printer: _removed, ...rest } = current;
    const next = coopSchema.parse(rest);
    await db.coop.put(next);
    return next;
  });
}

type Detected = ChannelOutput<'printer:list'>['printers'];
type TryResult = { kind: 'ok' | 'error' | 'info'; text: string } | null;

export function PrinterSettings() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const [draft, setDraft] = useState<PrinterDraft>(() => printerDraftFrom(coop.printer));
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<'save' | 'test' | 'drawer' | 'search' | null>(null);
  const [saved, setSaved] = useState(false);
  const [saveFailed, setSaveFailed] = useState(false);
  const [tryResult, setTryResult] = useState<TryResult>(null);
  const [detected, setDetected] = useState<Detected | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useRevealFirstError(formRef, attempt);

  const checked = checkPrinterDraft(draft);
  // Tried but not kept: say so next to the button, the test buttons do not save.
  const unsaved = !checked.ok || JSON.stringify(checked.value) !== JSON.stringify(coop.printer);
  const errors = attempt > 0 && !checked.ok ? messages(checked, t) : {};
  const update = (patch: Partial<PrinterDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  /** The config typed so far, or null (and the field errors shown). */
  const configOrShowErrors = (): PrinterConfig | null => {
    setAttempt((n) => n + 1);
    const result = checkPrinterDraft(draft);
    return result.ok && result.value ? result.value : null;
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const result = checkPrinterDraft(draft);
    if (!result.ok || busy) return;
    setBusy('save');
    setSaveFailed(false);
    try {
      await savePrinter(db, result.value);
      setSaved(true);
    } catch (error) {
      console.error(error);
      setSaveFailed(true);
    } finally {
      setBusy(null);
    }
  };

  const tryPrinter = async (what: 'test' | 'drawer') => {
    const printer = configOrShowErrors();
    if (!printer || busy) return;
    setBusy(what);
    setTryResult({ kind: 'info', text: t(what === 'test' ? 'printing.testSending' : 'printing.drawerSending', { printer: printerLabel(t, printer.connection) }) });
    const outcome = what === 'test' ? await printTestPage(printer, coop) : await kickDrawer(printer);
    setBusy(null);
    if (outcome.ok) {
      const key = what === 'test' ? 'printing.testOk' : 'printing.drawerOk';
      setTryResult({ kind: 'ok', text: t(key, { printer: printerLabel(t, printer.connection), ms: formatInteger(outcome.ms) }) });
    } else {
      console.warn('printer try failed', outcome.code, outcome.detail);
      setTryResult({ kind: 'error', text: printFailureSentence(t, printer, outcome.code, what) });
    }
  };

  const search = async () => {
    setBusy('search');
    try {
      setDetected((await invoke('printer:list', {})).printers);
    } catch (error) {
      console.warn('printer:list', error);
      setDetected([]);
    } finally {
      setBusy(null);
    }
  };

  const choose = (connection: PrinterConnection) => {
    if (connection.kind === 'network') update({ kind: 'network', host: connection.host, port: String(connection.port) });
    if (connection.kind === 'device') update({ kind: 'device', devicePath: connection.path });
    if (connection.kind === 'serial') update({ kind: 'serial', serialPath: connection.path, baudRate: String(connection.baudRate) });
    if (connection.kind === 'os') update({ kind: 'os', queue: connection.name });
  };

  const yesNo = [
    { value: 'yes', label: <>✓ {t('common.yes')}</> },
    { value: 'no', label: <>✕ {t('common.no')}</> },
  ] as const;

  return (
    <SettingsBlock icon="🖨️" title={t('printing.title')} intro={t('printing.intro')} testId="settings-printer">
      <form ref={formRef} onSubmit={(e) => void save(e)} noValidate>
        <GroupField label={t('printing.connection')}>
          <Choices
            options={KINDS.map((kind) => ({
              value: kind,
              label: (
                <>
                  <span aria-hidden="true">{KIND_ICONS[kind]}</span> {t(`printing.kind.${kind}`)}
                </>
              ),
            }))}
            value={draft.kind}
            onChange={(kind) => update({ kind })}
            testIdPrefix="printer-kind"
          />
        </GroupField>

        {draft.kind === 'none' ? <p className="settings-intro">{t('printing.noneHint')}</p> : null}

        {draft.kind === 'network' ? (
          <div className="form-grid">
            <Field label={t('printing.host')} error={errors['connection.host']} hint={t('printing.hostHint')}>
              {(id) => <input id={id} value={draft.host} onChange={(e) => update({ host: e.target.value })} inputMode="decimal" autoComplete="off" placeholder="192.168.1.50" data-testid="printer-host" />}
            </Field>
            <Field label={t('printing.port')} error={errors['connection.port']} hint={t('printing.portHint')}>
              {(id) => <input id={id} value={draft.port} onChange={(e) => update({ port: e.target.value })} inputMode="numeric" autoComplete="off" data-testid="printer-port" />}
            </Field>
          </div>
        ) : null}
        {draft.kind === 'device' ? (
          <Field label={t('printing.devicePath')} error={errors['connection.path']} hint={t('printing.devicePathHint')}>
            {(id) => <input id={id} value={draft.devicePath} onChange={(e) => update({ devicePath: e.target.value })} autoComplete="off" data-testid="printer-device" />}
          </Field>
        ) : null}
        {draft.kind === 'serial' ? (
          <div className="form-grid">
            <Field label={t('printing.serialPath')} error={errors['connection.path']} hint={t('printing.serialPathHint')}>
              {(id) => <input id={id} value={draft.serialPath} onChange={(e) => update({ serialPath: e.target.value })} autoComplete="off" placeholder="/dev/rfcomm0" data-testid="printer-serial" />}
            </Field>
            <Field label={t('printing.baudRate')} error={errors['connection.baudRate']} hint={t('printing.baudRateHint')}>
              {(id) => <input id={id} value={draft.baudRate} onChange={(e) => update({ baudRate: e.target.value })} inputMode="numeric" autoComplete="off" data-testid="printer-baud" />}
            </Field>
          </div>
        ) : null}
        {draft.kind === 'os' ? (
          <Field label={t('printing.queue')} error={errors['connection.name']} hint={t('printing.queueHint')}>
            {(id) => <input id={id} value={draft.queue} onChange={(e) => update({ queue: e.target.value })} autoComplete="off" data-testid="printer-queue" />}
          </Field>
        ) : null}

        {draft.kind !== 'none' && draft.kind !== 'network' ? (
          <div className="printer-search">
            <Button onClick={() => void search()} disabled={busy !== null} testId="printer-search">
              🔎 {t('printing.search')}
            </Button>
            {detected !== null && detected.length === 0 ? <p className="settings-intro">{t('printing.searchNone')}</p> : null}
            {detected && detected.length > 0 ? (
              <ul className="printer-found">
                {detected.map((p) => (
                  <li key={`${p.connection.kind}:${p.label}`}>
                    <Button onClick={() => choose(p.connection)} testId={`printer-found-${p.label}`}>
                      {KIND_ICONS[p.connection.kind]} {printerLabel(t, p.connection)}
                    </Button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {draft.kind === 'network' ? <p className="field-hint printer-network-hint">{t('printing.networkFindHint')}</p> : null}

        {draft.kind !== 'none' ? (
          <>
            <GroupField label={t('printing.paper')}>
              <Choices
                options={([80, 58] as const).map((mm) => ({ value: mm, label: <>{t('printing.paperOption', { mm, columns: PAPER_COLUMNS[mm] })}</> }))}
                value={draft.paper}
                onChange={(paper) => update({ paper })}
                testIdPrefix="printer-paper"
              />
            </GroupField>
            <GroupField label={t('printing.cut')} hint={t('printing.cutHint')}>
              <Choices options={yesNo} value={draft.cut ? 'yes' : 'no'} onChange={(v) => update({ cut: v === 'yes' })} testIdPrefix="printer-cut" />
            </GroupField>
            <GroupField label={t('printing.drawerOnCash')} hint={t('printing.drawerOnCashHint')}>
              <Choices options={yesNo} value={draft.drawerOnCash ? 'yes' : 'no'} onChange={(v) => update({ drawerOnCash: v === 'yes' })} testIdPrefix="printer-drawer" />
            </GroupField>
            <GroupField label={t('printing.drawerPin')} hint={t('printing.drawerPinHint')}>
              <Choices
                options={([2, 5] as const).map((pin) => ({ value: pin, label: <>{t('printing.pin', { pin })}</> }))}
                value={draft.drawerPin}
                onChange={(drawerPin) => update({ drawerPin })}
                testIdPrefix="printer-pin"
                compact
              />
            </GroupField>
            <GroupField label={t('printing.brand')} hint={t('printing.brandHint')}>
              <Choices
                options={printerBrands.map((brand) => ({ value: brand, label: <>{t(`printing.brands.${brand}`)}</> }))}
                value={draft.brand}
                onChange={(brand) => update({ brand })}
                testIdPrefix="printer-brand"
              />
            </GroupField>
            <GroupField label={t('printing.codepage')} hint={t('printing.codepageHint')}>
              <Choices
                options={printerCodepages.map((codepage) => ({ value: codepage, label: <>{t(`printing.codepages.${codepage}`)}</> }))}
                value={draft.codepage}
                onChange={(codepage) => update({ codepage })}
                testIdPrefix="printer-codepage"
                compact
              />
            </GroupField>
            <div className="print-actions">
              <Button onClick={() => void tryPrinter('test')} disabled={busy !== null} size="large" testId="printer-test">
                🧾 {t('printing.test')}
              </Button>
              <Button onClick={() => void tryPrinter('drawer')} disabled={busy !== null} size="large" testId="printer-open-drawer">
                💶 {t('printing.openDrawer')}
              </Button>
            </div>
            {tryResult ? (
              <Banner kind={tryResult.kind} testId="printer-try-result">
                {tryResult.kind === 'error' ? '⚠️' : tryResult.kind === 'ok' ? '✅' : '🖨️'} {tryResult.text}
              </Banner>
            ) : null}
          </>
        ) : null}

        {saveFailed ? (
          <Banner kind="error" testId="printer-save-error">
            {t('settings.saveError')}
          </Banner>
        ) : null}
        <div className="actions settings-actions">
          {saved ? (
            <span className="settings-saved" role="status" data-testid="printer-saved">
              {t('common.saved')}
            </span>
          ) : unsaved ? (
            <span className="settings-unsaved" data-testid="printer-unsaved">
              {t('printing.unsaved')}
            </span>
          ) : null}
          <PrinterSaveButton disabled={busy !== null} />
        </div>
      </form>
    </SettingsBlock>
  );
}

/** Inside the block, so its name says which block it saves. */
function PrinterSaveButton({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const label = useSaveLabel();
  return (
    <Button variant="primary" size="large" type="submit" disabled={disabled} testId="printer-save" {...(label ? { ariaLabel: label } : {})}>
      {t('common.save')}
    </Button>
  );
}
