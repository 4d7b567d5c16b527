/**
 * "Heures de stand": who held the stall, which day, how long. These hours
 * count in the "by hours" rule, with production and order minutes.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDay, formatDay } from '../../../shared/format';
import { useApp } from '../../app-context';
import { messages } from '../../ui/checked';
import { useDraft } from '../../ui/draft';
import { ChargeError, deleteShift, listShifts, saveShift } from '../../db/charges';
import { nowIso } from '../../db/db';
import { Banner, Button, Field } from '../../ui/components';
import { MemberAvatar } from '../../ui/MemberAvatar';
import { MemberPicker } from '../../ui/MemberPicker';
import { EventSelect } from '../../ui/EventSelect';
import { SuffixInput } from '../../ui/SuffixInput';
import { GroupField } from '../catalog/pickers';
import { checkShift, formatHours, type ShiftDraft } from './drafts';

export function ShiftsPanel() {
  const { t } = useTranslation();
  const { db, coop, members, cashierId } = useApp();
  const shifts = useLiveQuery(() => listShifts(db), [db]);
  const events = useLiveQuery(() => db.events.orderBy('startDay').reverse().toArray(), [db]);
  const today = businessDay(nowIso(), coop.timeZone);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { draft, update, tried, markTried, saved } = useDraft<ShiftDraft>({ memberId: cashierId ?? '', day: today, hours: '', eventId: coop.currentEventId ?? '' }, () =>
    setNotice(null),
  );
  const errors = messages(tried ? checkShift(draft) : null, t);
  const memberById = new Map(members.map((m) => [m.id, m]));
  const eventById = new Map((events ?? []).map((e) => [e.id, e]));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = checkShift(draft);
    markTried();
    setNotice(null);
    if (!result.ok) return;
    setBusy(true);
    try {
      await saveShift(db, result.value);
      const who = memberById.get(result.value.memberId)?.firstName ?? '';
      setNotice({ kind: 'ok', text: t('payout.shifts.saved', { name: who, hours: formatHours(result.value.minutes), day: formatDay(result.value.day) }) });
      saved({ hours: '' });
    } catch (error) {
      console.error(error);
      setNotice({ kind: 'error', text: error instanceof ChargeError ? t(error.key, error.params) : t('catalog.saveError') });
    } finally {
      setBusy(false);
    }
  };

  const sorted = [...(shifts ?? [])].sort((a, b) => b.day.localeCompare(a.day) || (memberById.get(a.memberId)?.order ?? 0) - (memberById.get(b.memberId)?.order ?? 0));

  return (
    <div className="payout-panel">
      <form className="cat-form shift-form" onSubmit={(e) => void submit(e)} noValidate data-testid="shift-form">
        <h2>
          <span aria-hidden="true">⏱️</span> {t('payout.shifts.title')}
        </h2>
        <p className="field-hint">{t('payout.shifts.hint')}</p>
        <GroupField label={t('payout.shifts.who')} error={errors.memberId}>
          <MemberPicker members={members.filter((m) => !m.archived)} value={draft.memberId} onPick={(memberId) => update({ memberId })} testIdPrefix="shift-member" />
        </GroupField>
        <div className="shift-fields">
          <Field label={t('payout.shifts.day')} error={errors.day}>
            {(id) => <input id={id} type="date" value={draft.day} onChange={(e) => update({ day: e.target.value })} data-testid="shift-day" />}
          </Field>
          <Field label={t('payout.shifts.hours')} error={errors.minutes} hint={t('payout.shifts.hoursHint')}>
            {(id) => (
              <SuffixInput id={id} kind="quantity" value={draft.hours} onChange={(hours) => update({ hours })} suffix="h" testId="shift-hours" />
            )}
          </Field>
          <Field label={t('catalog.optional', { label: t('payout.event') })} error={errors.eventId}>
            {(id) => (
              <EventSelect id={id} value={draft.eventId} onChange={(eventId) => update({ eventId })} events={events} noneLabel={t('payout.noEvent')} testId="shift-event" />
            )}
          </Field>
        </div>
        {notice ? (
          <Banner kind={notice.kind} testId="shift-notice">
            {notice.text}
          </Banner>
        ) : null}
        <Button variant="primary" size="large" type="submit" disabled={busy} testId="shift-save">
          <span aria-hidden="true">✓</span> {t('payout.shifts.save')}
        </Button>
      </form>

      {sorted.length === 0 ? (
        <p className="empty" data-testid="shifts-empty">
          {t('payout.shifts.none')}
        </p>
      ) : (
        <ul className="cat-list" data-testid="shifts-list">
          {sorted.map((s) => {
            const m = memberById.get(s.memberId);
            const ev = s.eventId ? eventById.get(s.eventId) : undefined;
            return (
              <li key={s.id} className="cat-row" data-testid={`shift-row-${m?.firstName ?? s.memberId}-${s.day}`}>
                <div className="cat-row-main member-row">
                  <MemberAvatar name={m?.firstName ?? '?'} color={m?.color ?? '#888888'} photo={m?.photo} />
                  <span className="cat-row-text">
                    <span className="cat-row-title">
                      {m?.firstName ?? '?'} · {formatHours(s.minutes)}
                    </span>
                    <span className="cat-row-sub">
                      {formatDay(s.day)}
                      {ev ? ` · 🎪 ${ev.name}` : ''}
                    </span>
                  </span>
                </div>
                <Button variant="ghost" onClick={() => void deleteShift(db, s.id)} ariaLabel={t('common.delete')} testId={`shift-delete-${s.id}`}>
                  <span aria-hidden="true">🗑</span>
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
