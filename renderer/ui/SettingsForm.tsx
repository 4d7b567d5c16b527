import { createContext, useContext, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { messages, type Checked } from './checked';
import { Banner, Button } from './components';

export type SaveState = 'idle' | 'saved' | 'failed';

/**
 * A settings form's draft: messages appear after the first refused save and
 * follow the typing; a change clears "Saved"; a failed save says so.
 */
export function useSettingsDraft<D extends object, V>(initial: () => D, checkDraft: (draft: D) => Checked<V>, save: (value: V) => Promise<unknown>) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<D>(initial);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<SaveState>('idle');
  const errors = messages(attempt > 0 ? checkDraft(draft) : null, t);
  const update = (patch: Partial<D>) => {
    setState('idle');
    setDraft((d) => ({ ...d, ...patch }));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = checkDraft(draft);
    setAttempt((n) => n + 1);
    if (!result.ok) return;
    try {
      await save(result.value);
      setState('saved');
    } catch (error) {
      console.error(error);
      setState('failed');
    }
  };
  return { draft, update, errors, state, submit };
}

/** The title of the settings block a save button sits in. */
const BlockTitle = createContext('');

/**
 * A settings block: icon and title (the section's name for assistive
 * technology), a sentence saying what it is for, then its form.
 */
export function SettingsBlock({ icon, title, intro, testId, className, children }: { icon: string; title: string; intro?: string | undefined; testId: string; className?: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className={['settings-section', className].filter(Boolean).join(' ')} data-testid={testId} aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span aria-hidden="true">{icon}</span> {title}
      </h2>
      {intro ? <p className="settings-intro">{intro}</p> : null}
      <BlockTitle.Provider value={title}>{children}</BlockTitle.Provider>
    </section>
  );
}

/** "Enregistrer — Imprimante à tickets": seven save buttons on one screen, each named by its block. */
export function useSaveLabel(): string | undefined {
  const { t } = useTranslation();
  const title = useContext(BlockTitle);
  return title ? t('settings.saveSection', { section: title }) : undefined;
}

/** "Could not save" when it failed, "Saved" once saved, and the save button (test ids `${testId}-save`, `${testId}-saved`). */
export function SettingsSaveRow({ state, testId }: { state: SaveState; testId: string }) {
  const { t } = useTranslation();
  const label = useSaveLabel();
  return (
    <>
      {state === 'failed' ? <Banner kind="error">{t('settings.saveError')}</Banner> : null}
      <div className="actions settings-actions">
        {state === 'saved' ? (
          <span className="settings-saved" role="status" data-testid={`${testId}-saved`}>
            {t('common.saved')}
          </span>
        ) : null}
        <Button variant="primary" size="large" type="submit" testId={`${testId}-save`} {...(label ? { ariaLabel: label } : {})}>
          {t('common.save')}
        </Button>
      </div>
    </>
  );
}
