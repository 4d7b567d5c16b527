/**
 * Who made what for the order: a progress bar per line ("38 / 60 m"), each
 * member's part, and "J'ai fait": a member taps her face and types what she
 * made and/or the minutes she worked. A mistake is undone by a
 * counter-entry, never by editing (the payout shares depend on it).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDay, formatDay, formatInteger, formatQuantity } from '../../../shared/format';
import { remainingToProduce } from '../../../shared/orders';
import type { Contribution } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { nowIso } from '../../db/db';
import { correctContribution, OrderError, recordContribution, type OrderView } from '../../db/orders';
import { Banner, Button, Field } from '../../ui/components';
import { MemberAvatar } from '../../ui/MemberAvatar';
import { unitLabel } from '../../ui/units';
import { parseSignedQuantity } from '../catalog/drafts';
import { Choices, GroupField } from '../catalog/pickers';
import { Section, WhoPicker } from './OrderDetail';
import { ProgressBar } from './status';

export function ProductionSection({ view }: { view: OrderView }) {
  const { t } = useTranslation();
  const { members } = useApp();
  const memberById = new Map(members.map((m) => [m.id, m]));
  const cancelled = view.order.status === 'cancelled';
  const finished = view.order.status === 'delivered' || view.order.status === 'paid';
  const [logging, setLogging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { db } = useApp();
  const corrected = new Set(view.contributions.map((c) => c.correctsId).filter(Boolean));
  const firstUnit = view.progress[0]?.unit ?? 'piece';

  const correct = async (c: Contribution) => {
    setProblem(null);
    try {
      await correctContribution(db, c.id);
    } catch (error) {
      setProblem(error instanceof OrderError ? t(error.key, error.params) : t('orders.saveError'));
    }
  };

  return (
    <Section icon="🧵" title={t('orders.production')} testId="order-production">
      <div className="order-progress-list">
        {view.progress.map((p) => (
          <div key={p.key} className="order-progress-line">
            <span className="order-progress-name">{p.name}</span>
            <ProgressBar
              done={p.produced}
              total={p.ordered}
              testId={`progress-${p.name}`}
              label={t('orders.madeOf', { done: formatQuantity(p.produced), total: formatQuantity(p.ordered), unit: unitLabel(t, p.unit, p.ordered) })}
            />
            {remainingToProduce(p) > 0 ? (
              <span className="muted">{t('orders.leftToMake', { qty: formatQuantity(remainingToProduce(p)), unit: unitLabel(t, p.unit, remainingToProduce(p)) })}</span>
            ) : (
              <span className="order-progress-done">✅ {t('orders.allMade')}</span>
            )}
          </div>
        ))}
      </div>
      {view.byMember.length > 0 ? (
        <ul className="order-members" data-testid="order-by-member">
          {view.byMember.map((m) => {
            const member = memberById.get(m.memberId);
            return (
              <li key={m.memberId} data-testid={`by-member-${member?.firstName ?? m.memberId}`}>
                {member ? <MemberAvatar name={member.firstName} color={member.color} photo={member.photo} size="small" /> : null}
                <span className="order-member-name">{member?.firstName ?? '?'}</span>
                <strong>
                  {m.quantity !== 0 ? `${formatQuantity(m.quantity)} ${unitLabel(t, firstUnit, m.quantity)}` : ''}
                  {m.quantity !== 0 && m.minutes !== 0 ? ' · ' : ''}
                  {m.minutes !== 0 ? `${formatInteger(m.minutes)} min` : ''}
                </strong>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t('orders.nobodyYet')}</p>
      )}
      {cancelled ? null : finished && !logging ? (
        // Once delivered, the form steps aside; a part forgotten can still be noted.
        <div className="actions order-actions-start">
          <Button onClick={() => setLogging(true)} testId="made-open">
            🙋‍♀️ {t('orders.iMadeLate')}
          </Button>
        </div>
      ) : (
        <ContributionForm view={view} />
      )}
      {problem ? <Banner kind="error">{problem}</Banner> : null}
      {view.contributions.length > 0 ? (
        <details className="order-contributions">
          <summary>{t('orders.contributionLog', { count: view.contributions.length })}</summary>
          <ul className="order-contribution-list" data-testid="contribution-list">
            {[...view.contributions]
              .sort((a, b) => b.at.localeCompare(a.at))
              .map((c) => {
                const member = memberById.get(c.memberId);
                const line = view.progress.find((p) => p.key === c.lineKey) ?? view.progress[0];
                const canCorrect = !c.correctsId && !corrected.has(c.id);
                return (
                  <li key={c.id} className={c.correctsId || corrected.has(c.id) ? 'contribution-struck' : undefined}>
                    <span>
                      {c.correctsId ? '↩ ' : ''}
                      {member?.firstName} · {c.quantity !== 0 ? `${formatQuantity(c.quantity)} ${line ? unitLabel(t, line.unit, c.quantity) : ''}` : ''}
                      {c.minutes !== 0 ? ` · ${formatInteger(c.minutes)} min` : ''} · {formatDay(c.day)}
                    </span>
                    {canCorrect ? (
                      <Button variant="ghost" onClick={() => void correct(c)} testId={`contribution-correct-${member?.firstName ?? ''}`}>
                        ↩ {t('orders.correct')}
                      </Button>
                    ) : null}
                  </li>
                );
              })}
          </ul>
        </details>
      ) : null}
    </Section>
  );
}

function ContributionForm({ view }: { view: OrderView }) {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const lines = view.progress;
  const [memberId, setMemberId] = useState<string | undefined>(undefined);
  const [lineKey, setLineKey] = useState(lines[0]?.key ?? '');
  const [quantity, setQuantity] = useState('');
  const [minutes, setMinutes] = useState('');
  const [tried, setTried] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const line = lines.find((l) => l.key === lineKey) ?? lines[0];

  const qty = quantity.trim() === '' ? 0 : parseSignedQuantity(quantity);
  const mins = minutes.trim() === '' ? 0 : /^-?\d+$/.test(minutes.trim()) ? Number(minutes.trim()) : null;
  const errors: Record<string, string> = {};
  if (!memberId) errors.member = t('orders.errWho');
  if (qty === null) errors.quantity = t('err.quantity');
  else if (qty < 0) errors.quantity = t('err.quantityNegative');
  if (mins === null) errors.minutes = t('err.minutes');
  else if (mins < 0) errors.minutes = t('orders.errMinutesNegative');
  if (qty === 0 && mins === 0) errors.quantity = t('orders.errNothing');
  const shown = tried ? errors : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setNotice(null);
    if (Object.keys(errors).length > 0 || !memberId || qty === null || mins === null) return;
    try {
      await recordContribution(db, { orderId: view.order.id, memberId, ...(line ? { lineKey: line.key } : {}), quantity: qty, minutes: mins, day: businessDay(nowIso(), coop.timeZone) });
      setNotice({ kind: 'ok', text: t('orders.contributionDone') });
      setQuantity('');
      setMinutes('');
      setMemberId(undefined);
      setTried(false);
    } catch (error) {
      console.error(error);
      setNotice({ kind: 'error', text: error instanceof OrderError ? t(error.key, error.params) : t('orders.saveError') });
    }
  };

  return (
    <form className="order-subform contribution-form" onSubmit={(e) => void submit(e)} noValidate data-testid="contribution-form">
      <h3>🙋‍♀️ {t('orders.iMade')}</h3>
      <GroupField label={t('orders.tapYourFace')} error={shown.member}>
        <WhoPicker who={memberId} onWho={setMemberId} testIdPrefix="made-who" />
      </GroupField>
      {lines.length > 1 ? (
        <GroupField label={t('orders.whichLine')}>
          <Choices options={lines.map((l) => ({ value: l.key, label: l.name }))} value={lineKey} onChange={setLineKey} testIdPrefix="made-line" compact />
        </GroupField>
      ) : null}
      <div className="contribution-figures">
        <Field label={t('orders.howMuchMade')} error={shown.quantity}>
          {(id) => (
            <div className="input-with-suffix">
              <input id={id} className="input-quantity" dir="ltr" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} data-testid="made-qty" />
              <span className="input-suffix">{line ? unitLabel(t, line.unit, 2000) : ''}</span>
            </div>
          )}
        </Field>
        <Field label={t('catalog.optional', { label: t('orders.minutes') })} error={shown.minutes}>
          {(id) => (
            <div className="input-with-suffix">
              <input id={id} className="input-quantity" dir="ltr" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} data-testid="made-min" />
              <span className="input-suffix">min</span>
            </div>
          )}
        </Field>
        <Button variant="primary" size="large" type="submit" testId="made-ok">
          ✓ {t('orders.madeButton')}
        </Button>
      </div>
      {notice ? (
        <Banner kind={notice.kind} testId="contribution-notice">
          {notice.text}
        </Banner>
      ) : null}
    </form>
  );
}
