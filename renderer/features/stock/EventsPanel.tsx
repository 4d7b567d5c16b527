/**
 * Markets and fairs: the list, a form, "we are here today" (the till then
 * tags sales, production and counts with it), and what each one brought
 * against its stall fee.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDay, formatDay, formatMoney } from '../../../shared/format';
import { marketEventFormSchema, type MarketEvent, type MarketEventForm } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { nowIso } from '../../db/db';
import { eventSummary, saveEvent, setCurrentEvent } from '../../db/events';
import { check, messages, type Checked } from '../../ui/checked';
import { Banner, Button, Field } from '../../ui/components';
import { typedMoney } from './drafts';

type EventDraft = { name: string; place: string; startDay: string; endDay: string; stallFee: string };

function checkEvent(draft: EventDraft): Checked<MarketEventForm> {
  const fee = draft.stallFee.trim() === '' ? { value: 0 } : typedMoney(draft.stallFee);
  const form: MarketEventForm = { name: draft.name, place: draft.place, startDay: draft.startDay, endDay: draft.endDay, stallFee: fee.value };
  const result = check(marketEventFormSchema, form);
  return result.ok ? { ok: true, value: form } : result;
}

export function EventsPanel() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const events = useLiveQuery(() => db.events.orderBy('startDay').reverse().toArray(), [db]);
  const today = businessDay(nowIso(), coop.timeZone);
  const [draft, setDraft] = useState<EventDraft>({ name: '', place: '', startDay: today, endDay: today, stallFee: '' });
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState(false);
  const errors = messages(attempt > 0 ? checkEvent(draft) : null, t);
  const update = (patch: Partial<EventDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = checkEvent(draft);
    setAttempt((n) => n + 1);
    if (!result.ok) return;
    try {
      const event = await saveEvent(db, result.value);
      await setCurrentEvent(db, event.id);
      setDraft({ name: '', place: '', startDay: today, endDay: today, stallFee: '' });
      setAttempt(0);
    } catch (error) {
      console.error(error);
      setFailed(true);
    }
  };

  return (
    <div className="stock-panel">
      <form className="cat-form production-form" onSubmit={(e) => void submit(e)} noValidate data-testid="event-form">
        <h2>
          <span aria-hidden="true">🎪</span> {t('events.new')}
        </h2>
        <div className="recipe-labour">
          <Field label={t('events.name')} error={errors.name}>
            {(id) => <input id={id} value={draft.name} onChange={(e) => update({ name: e.target.value })} autoComplete="off" data-testid="event-name" />}
          </Field>
          <Field label={t('catalog.optional', { label: t('events.place') })} error={errors.place}>
            {(id) => <input id={id} value={draft.place} onChange={(e) => update({ place: e.target.value })} autoComplete="off" data-testid="event-place" />}
          </Field>
          <Field label={t('events.start')} error={errors.startDay}>
            {(id) => <input id={id} type="date" value={draft.startDay} onChange={(e) => update({ startDay: e.target.value })} data-testid="event-start" />}
          </Field>
          <Field label={t('events.end')} error={errors.endDay}>
            {(id) => <input id={id} type="date" value={draft.endDay} onChange={(e) => update({ endDay: e.target.value })} data-testid="event-end" />}
          </Field>
          <Field label={t('events.fee')} error={errors.stallFee}>
            {(id) => (
              <div className="input-with-suffix">
                <input id={id} className="input-money" dir="ltr" value={draft.stallFee} onChange={(e) => update({ stallFee: e.target.value })} inputMode="decimal" data-testid="event-fee" />
                <span className="input-suffix">€</span>
              </div>
            )}
          </Field>
        </div>
        {failed ? <Banner kind="error">{t('catalog.saveError')}</Banner> : null}
        <Button variant="primary" size="large" type="submit" testId="event-save">
          <span aria-hidden="true">✓</span> {t('events.create')}
        </Button>
      </form>
      <ul className="cat-list" data-testid="events-list">
        {(events ?? []).map((event) => (
          <EventRow key={event.id} event={event} current={coop.currentEventId === event.id} />
        ))}
      </ul>
    </div>
  );
}

function EventRow({ event, current }: { event: MarketEvent; current: boolean }) {
  const { t } = useTranslation();
  const { db } = useApp();
  // Re-read when sales or production change, so the figures follow the till.
  const summary = useLiveQuery(() => eventSummary(db, event), [db, event]);
  return (
    <li className="cat-row" data-testid={`event-${event.name}`}>
      <span className="cat-row-main event-row-main">
        <span className="stock-icon" aria-hidden="true">
          🎪
        </span>
        <span className="cat-row-text">
          <span className="cat-row-title">
            {event.name}
            {current ? <span className="cat-tag cat-tag-category">{t('events.current')}</span> : null}
          </span>
          <span className="cat-row-sub">
            {event.place ? `${event.place} · ` : ''}
            {event.startDay === event.endDay ? formatDay(event.startDay) : `${formatDay(event.startDay)} → ${formatDay(event.endDay)}`}
          </span>
        </span>
        {summary ? (
          <span className="cat-row-figures" data-testid={`event-summary-${event.name}`}>
            <span className="cat-price">{t('events.sales', { amount: formatMoney(summary.sales) })}</span>
            <span className={summary.afterFee < 0 ? 'cat-stock cat-stock-negative' : 'cat-stock'}>
              {t('events.afterFee', { fee: formatMoney(event.stallFee), amount: formatMoney(summary.afterFee) })}
            </span>
          </span>
        ) : null}
      </span>
      {current ? (
        <Button variant="ghost" onClick={() => void setCurrentEvent(db, undefined)} testId={`event-leave-${event.name}`}>
          {t('events.leave')}
        </Button>
      ) : (
        <Button onClick={() => void setCurrentEvent(db, event.id)} testId={`event-enter-${event.name}`}>
          <span aria-hidden="true">📍</span> {t('events.enter')}
        </Button>
      )}
    </li>
  );
}
