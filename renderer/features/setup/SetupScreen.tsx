/**
 * First launch: try the demo, or set up the co-op in three short steps (the
 * group and its till, the hosting CAE, the members). Each step is checked
 * before moving on, with the reason next to the field; nothing typed is lost
 * when going back and forth. Once the co-op exists the App switches to the
 * till by itself (it watches the co-op record).
 */
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { BackupProblem, MAX_BACKUP_CHARS, type ParsedBackup } from '../../../shared/backup';
import { DEMO_MEMBERS, DEMO_PRODUCTS } from '../../../shared/demo';
import { formatInteger } from '../../../shared/format';
import { coopFormSchema, memberFormSchema, type Coop } from '../../../shared/schemas';
import { readBackup } from '../../db/backup';
import { createCoop, loadDemo } from '../../db/catalog';
import { newId, type EtalDb } from '../../db/db';
import { createTillFromBackup } from '../../db/merge';
import { check, messages, subErrors } from '../../ui/checked';
import { Banner, Button, Field } from '../../ui/components';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { emptyMemberDraft, memberDraftToForm, type MemberDraft } from '../catalog/drafts';
import { MemberForm } from '../catalog/MemberForm';
import { nextColor } from '../catalog/palette';
import { useRevealFirstError } from '../catalog/pickers';
import { CaeFields, emptyCaeDraft, type CaeDraft } from '../settings/CaeFields';
import './setup.css';
import './join.css';

const STEPS = [
  { key: 'coop', icon: '🧺' },
  { key: 'cae', icon: '🏛️' },
  { key: 'members', icon: '👥' },
] as const;
const LAST_STEP = STEPS.length - 1;

const stepSchemas = [
  coopFormSchema.pick({ name: true, tillName: true }),
  coopFormSchema.pick({ cae: true }),
  z.object({ members: z.array(memberFormSchema).min(1) }),
] as const;

type MemberRow = MemberDraft & { key: string };

function newRow(used: readonly string[]): MemberRow {
  return { key: newId(), ...emptyMemberDraft(nextColor(used)) };
}

export function SetupScreen({ db }: { db: EtalDb }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'welcome' | 'create' | 'join'>('welcome');
  const [step, setStep] = useState(0);
  const [coop, setCoop] = useState(() => ({ name: '', tillName: t('setup.defaultTillName') }));
  const [cae, setCae] = useState<CaeDraft>(emptyCaeDraft);
  const [rows, setRows] = useState<MemberRow[]>(() => [newRow([])]);
  const [attempts, setAttempts] = useState<number[]>(() => STEPS.map(() => 0));
  const [busy, setBusy] = useState<'demo' | 'create' | null>(null);
  const [failure, setFailure] = useState<'setup.errDemo' | 'setup.errCreate' | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusNewRow = useRef(false);
  const attempt = attempts[step] ?? 0;
  useRevealFirstError(formRef, attempt);

  const checkStep = (index: number) => {
    if (index === 0) return check(stepSchemas[0], coop);
    if (index === 1) return check(stepSchemas[1], { cae });
    return check(stepSchemas[2], { members: rows.map(memberDraftToForm) });
  };
  const errors = messages(attempt > 0 ? checkStep(step) : null, t);

  // A new step starts at the top, and a screen reader hears its title.
  useEffect(() => {
    if (mode !== 'create') return;
    window.scrollTo({ top: 0 });
    headingRef.current?.focus({ preventScroll: true });
  }, [mode, step]);

  // A row just added gets the cursor in its first-name field.
  useEffect(() => {
    if (!focusNewRow.current) return;
    focusNewRow.current = false;
    const inputs = formRef.current?.querySelectorAll<HTMLInputElement>('.setup-member input[data-testid$="-name"]');
    const last = inputs?.[inputs.length - 1];
    last?.focus({ preventScroll: true });
    last?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [rows.length]);

  const demo = async () => {
    setBusy('demo');
    setFailure(null);
    try {
      await loadDemo(db);
    } catch (error) {
      console.error(error);
      setFailure('setup.errDemo');
      setBusy(null);
    }
  };

  const finish = async () => {
    setBusy('create');
    setFailure(null);
    try {
      await createCoop(db, { name: coop.name, tillName: coop.tillName, cae }, rows.map(memberDraftToForm));
      // The App now sees the co-op and replaces this screen.
    } catch (error) {
      console.error(error);
      setFailure('setup.errCreate');
      setBusy(null);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const result = checkStep(step);
    setAttempts((a) => a.map((n, i) => (i === step ? n + 1 : n)));
    if (!result.ok) return;
    if (step < LAST_STEP) setStep(step + 1);
    else void finish();
  };

  const back = () => {
    setFailure(null);
    if (step === 0) setMode('welcome');
    else setStep(step - 1);
  };

  const patchRow = (key: string, patch: Partial<MemberDraft>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () => {
    focusNewRow.current = true;
    setRows((rs) => [...rs, newRow(rs.map((r) => r.color))]);
  };
  const removeRow = (key: string) => setRows((rs) => (rs.length > 1 ? rs.filter((r) => r.key !== key) : rs));

  const current = STEPS[step] ?? STEPS[0];

  return (
    <div className="setup">
      <header className="setup-top">
        <span className="setup-brand">{t('setup.appName')}</span>
        <LanguageSwitch />
      </header>

      {mode === 'welcome' ? (
        <main className="setup-welcome" data-testid="setup-welcome">
          <h1 className="setup-title">{t('setup.appName')}</h1>
          <p className="setup-tagline">{t('setup.tagline')}</p>
          {failure ? (
            <Banner kind="error" testId="setup-error">
              {t(failure)}
            </Banner>
          ) : null}
          <div className="setup-doors">
            <button type="button" className="setup-door setup-door-demo" onClick={() => void demo()} disabled={busy !== null} data-testid="setup-demo">
              <span className="setup-door-icon" aria-hidden="true">
                🎏
              </span>
              <span className="setup-door-title">{busy === 'demo' ? t('setup.loadingDemo') : t('setup.demo')}</span>
              <span className="setup-door-hint">
                {t('setup.demoHint', { members: formatInteger(DEMO_MEMBERS.length), products: formatInteger(DEMO_PRODUCTS.length) })}
              </span>
            </button>
            <button type="button" className="setup-door setup-door-create" onClick={() => setMode('create')} disabled={busy !== null} data-testid="setup-create">
              <span className="setup-door-icon" aria-hidden="true">
                🧺
              </span>
              <span className="setup-door-title">{t('setup.create')}</span>
              <span className="setup-door-hint">{t('setup.createHint', { steps: formatInteger(STEPS.length) })}</span>
            </button>
            <button type="button" className="setup-door setup-door-join" onClick={() => setMode('join')} disabled={busy !== null} data-testid="setup-join">
              <span className="setup-door-icon" aria-hidden="true">
                🔗
              </span>
              <span className="setup-door-title">{t('setup.join')}</span>
              <span className="setup-door-hint">{t('setup.joinHint')}</span>
            </button>
          </div>
        </main>
      ) : mode === 'join' ? (
        <JoinCoop db={db} onBack={() => setMode('welcome')} />
      ) : (
        <main className="setup-flow">
          <ol className="setup-steps" aria-label={t('setup.stepsLabel')} data-testid="setup-steps">
            {STEPS.map((s, i) => (
              <li
                key={s.key}
                className={i === step ? 'setup-step setup-step-current' : i < step ? 'setup-step setup-step-done' : 'setup-step'}
                aria-current={i === step ? 'step' : undefined}
                data-testid={`setup-step-${s.key}`}
              >
                <span className="setup-step-dot" aria-hidden="true">
                  {i < step ? '✓' : formatInteger(i + 1)}
                </span>
                <span className="setup-step-label">{t(`setup.steps.${s.key}`)}</span>
              </li>
            ))}
          </ol>

          <form ref={formRef} className="setup-card" onSubmit={submit} noValidate data-testid={`setup-form-${current.key}`}>
            <h2 ref={headingRef} tabIndex={-1}>
              <span aria-hidden="true">{current.icon}</span> {t(`setup.titles.${current.key}`)}
            </h2>
            <p className="setup-intro">{t(`setup.intros.${current.key}`)}</p>

            {step === 0 ? (
              <div className="form-grid">
                <Field label={t('setup.coopName')} error={errors.name} hint={t('setup.coopNameHint')}>
                  {(id) => (
                    <input
                      id={id}
                      value={coop.name}
                      onChange={(e) => {
                        const name = e.target.value;
                        setCoop((c) => ({ ...c, name }));
                      }}
                      autoComplete="off"
                      data-testid="setup-coop-name"
                    />
                  )}
                </Field>
                <Field label={t('setup.tillName')} error={errors.tillName} hint={t('setup.tillNameHint')}>
                  {(id) => (
                    <input
                      id={id}
                      value={coop.tillName}
                      onChange={(e) => {
                        const tillName = e.target.value;
                        setCoop((c) => ({ ...c, tillName }));
                      }}
                      autoComplete="off"
                      data-testid="setup-till-name"
                    />
                  )}
                </Field>
              </div>
            ) : null}

            {step === 1 ? <CaeFields value={cae} onChange={(patch) => setCae((c) => ({ ...c, ...patch }))} errors={errors} /> : null}

            {step === 2 ? (
              <>
                <ol className="setup-members" data-testid="setup-members">
                  {rows.map((row, i) => (
                    <li key={row.key} className="setup-member" data-testid={`setup-member-${i}`}>
                      <div className="setup-member-head">
                        <h3>{t('setup.memberN', { n: formatInteger(i + 1) })}</h3>
                        {rows.length > 1 ? (
                          <Button variant="ghost" onClick={() => removeRow(row.key)} testId={`member-${i}-remove`}>
                            <span aria-hidden="true">🗑</span> {t('setup.removeMember')}
                          </Button>
                        ) : null}
                      </div>
                      <MemberForm value={row} onChange={(patch) => patchRow(row.key, patch)} errors={subErrors(errors, `members.${i}.`)} testIdPrefix={`member-${i}`} />
                    </li>
                  ))}
                </ol>
                <Button size="large" onClick={addRow} testId="setup-member-add" className="setup-add">
                  <span aria-hidden="true">➕</span> {t('setup.addMember')}
                </Button>
              </>
            ) : null}

            {failure ? (
              <Banner kind="error" testId="setup-error">
                {t(failure)}
              </Banner>
            ) : null}

            <div className="setup-nav">
              <Button size="large" onClick={back} disabled={busy !== null} testId="setup-back">
                <span className="flip-rtl" aria-hidden="true">
                  ←
                </span>{' '}
                {t('common.back')}
              </Button>
              <span className="setup-nav-step">{t('setup.stepOf', { n: formatInteger(step + 1), total: formatInteger(STEPS.length) })}</span>
              {step < LAST_STEP ? (
                <Button variant="primary" size="large" type="submit" testId="setup-next">
                  {t('common.next')}{' '}
                  <span className="flip-rtl" aria-hidden="true">
                    →
                  </span>
                </Button>
              ) : (
                <Button variant="success" size="large" type="submit" disabled={busy !== null} testId="setup-finish">
                  <span aria-hidden="true">✓</span> {busy === 'create' ? t('setup.creating') : t('setup.finish')}
                </Button>
              )}
            </div>
          </form>
        </main>
      )}
    </div>
  );
}

/**
 * "Ajouter une caisse à un collectif": the first till's backup file gives
 * this till the co-op, its CAE, members, products, materials and events;
 * this till gets its own id, name and ticket series, and an empty journal.
 */
function JoinCoop({ db, onBack }: { db: EtalDb; onBack: () => void }) {
  const { t } = useTranslation();
  const [parsed, setParsed] = useState<ParsedBackup | null>(null);
  const [tillName, setTillName] = useState(() => t('setup.joinDefaultTillName'));
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<'checking' | 'creating' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useRevealFirstError(formRef, attempt);
  const tillSchema = coopFormSchema.pick({ tillName: true });
  const source = parsed?.tables['coop']?.[0] as Coop | undefined;
  // Two tills with one name could not be told apart in a merge.
  const checkName = () => check(tillSchema, { tillName }, source && tillName.trim() === source.tillName.trim() ? { tillName: 'setup.joinSameName' } : {});
  const errors = messages(attempt > 0 ? checkName() : null, t);
  const count = (table: string) => formatInteger((parsed?.tables[table] ?? []).length);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setParsed(null);
    setFailure(null);
    if (file.size > MAX_BACKUP_CHARS * 4) {
      setFailure(t('backup.err.tooBig'));
      return;
    }
    setBusy('checking');
    try {
      setParsed(readBackup(db, await file.text()));
    } catch (error) {
      console.warn('join file refused', error);
      setFailure(error instanceof BackupProblem ? t(error.key, error.params) : t('backup.err.read'));
    } finally {
      setBusy(null);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !parsed) return;
    setAttempt((n) => n + 1);
    if (!checkName().ok) return;
    setBusy('creating');
    setFailure(null);
    try {
      await createTillFromBackup(db, parsed, tillName);
      // The App now sees the co-op and replaces this screen.
    } catch (error) {
      console.error(error);
      setFailure(t('setup.errCreate'));
      setBusy(null);
    }
  };

  return (
    <main className="setup-flow">
      <form ref={formRef} className="setup-card setup-join-card" onSubmit={(e) => void submit(e)} noValidate data-testid="setup-form-join">
        <h2>
          <span aria-hidden="true">🔗</span> {t('setup.join')}
        </h2>
        <p className="setup-intro">{t('setup.joinIntro')}</p>
        <ol className="setup-join-steps">
          <li>{t('setup.joinStep1')}</li>
          <li>{t('setup.joinStep2')}</li>
        </ol>
        <label className={`btn btn-primary btn-large setup-join-file${busy !== null ? ' setup-join-file-disabled' : ''}`}>
          <span aria-hidden="true">📂</span> {busy === 'checking' ? t('backup.checking') : parsed ? t('setup.joinOtherFile') : t('setup.joinChoose')}
          <input type="file" accept=".json,application/json" onChange={(e) => void choose(e)} disabled={busy !== null} data-testid="setup-join-file" />
        </label>
        {failure ? (
          <Banner kind="error" testId="setup-join-error">
            {failure}
          </Banner>
        ) : null}
        {parsed && source ? (
          <>
            <div className="setup-join-summary" data-testid="setup-join-summary">
              <p className="setup-join-coop" data-testid="setup-join-coop">
                🧺 {source.name}
              </p>
              <dl>
                <dt>{t('setup.joinCae')}</dt>
                <dd>{source.cae.name}</dd>
                <dt>{t('setup.joinFromTill')}</dt>
                <dd>{source.tillName}</dd>
                <dt>{t('setup.joinMembers')}</dt>
                <dd data-testid="setup-join-members">{count('members')}</dd>
                <dt>{t('setup.joinProducts')}</dt>
                <dd data-testid="setup-join-products">{count('products')}</dd>
              </dl>
              <p className="setup-join-note">{t('setup.joinNote')}</p>
            </div>
            <div className="form-grid">
              <Field label={t('setup.tillName')} error={errors.tillName} hint={t('setup.joinTillNameHint', { other: source.tillName })}>
                {(id) => <input id={id} value={tillName} onChange={(e) => setTillName(e.target.value)} autoComplete="off" data-testid="setup-join-till-name" />}
              </Field>
            </div>
          </>
        ) : null}
        <div className="setup-nav">
          <Button size="large" onClick={onBack} disabled={busy !== null} testId="setup-back">
            <span className="flip-rtl" aria-hidden="true">
              ←
            </span>{' '}
            {t('common.back')}
          </Button>
          {parsed ? (
            <Button variant="success" size="large" type="submit" disabled={busy !== null} testId="setup-join-finish">
              <span aria-hidden="true">✓</span> {busy === 'creating' ? t('setup.creating') : t('setup.joinFinish')}
            </Button>
          ) : null}
        </div>
      </form>
    </main>
  );
}
