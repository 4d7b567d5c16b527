/**
 * The payout: a period, the figures in plain words (sales + invoiced orders
 * − expenses − the CAE's part = what is shared), the three rules side by
 * side with each member's face and amount, a mix, the chosen rule's detail
 * (each line opens the member's one-page statement) and the export for the
 * CAE. Every amount comes from shared/payout.ts; nothing is computed here
 * but sums for display.
 */
import type { TFunction } from 'i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { businessDay, formatDateTime, formatDay, formatMoney, formatRate } from '../../../shared/format';
import { compareRules, computePayout, RULES, type MemberBasis, type MemberShare, type PayoutResult, type PayoutWarning } from '../../../shared/payout';
import type { Member, PayoutPeriod, PayoutRule } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { nowIso } from '../../db/db';
import { exportedPeriodWarnings, loadPayoutInput } from '../../db/payout';
import { messages } from '../../ui/checked';
import { Banner, Button } from '../../ui/components';
import { MemberAvatar } from '../../ui/MemberAvatar';
import { checkMix, checkPeriod, formatHours, MIX_FIELDS, type MixDraft, type PeriodDraft } from './drafts';
import { ExportSection } from './ExportSection';
import { StatementDialog } from './StatementDialog';

type RuleKey = 'equal' | 'hours' | 'made';
const RULE_KEYS: readonly RuleKey[] = ['equal', 'hours', 'made'];
const RULE_ICONS: Record<RuleKey | 'mix', string> = { equal: '⚖️', hours: '⏱️', made: '🧵', mix: '🎚️' };

export function SharePanel() {
  const { t } = useTranslation();
  const { db, coop } = useApp();
  const today = businessDay(nowIso(), coop.timeZone);
  const firstSale = useLiveQuery(async () => (await db.sales.orderBy('businessDay').first())?.businessDay ?? null, [db]);
  const events = useLiveQuery(() => db.events.orderBy('startDay').toArray(), [db]);
  const [typed, setTyped] = useState<PeriodDraft | null>(null);
  const draft: PeriodDraft | null = typed ?? (firstSale === undefined ? null : { from: firstSale && firstSale < today ? firstSale : today, to: today, eventIds: [] });
  const checkedPeriod = draft ? checkPeriod(draft) : null;
  const periodErrors = messages(checkedPeriod, t);
  const period = checkedPeriod?.ok ? checkedPeriod.value : null;
  const periodKey = period ? JSON.stringify(period) : '';
  const input = useLiveQuery(async () => (period ? await loadPayoutInput(db, coop, period) : null), [db, coop, periodKey]);
  const exported = useLiveQuery(() => exportedPeriodWarnings(db, coop), [db, coop]);

  const [chosen, setChosen] = useState<RuleKey | 'mix' | null>(null);
  const [mix, setMix] = useState<MixDraft>({ equal: '50', hours: '0', made: '50' });
  const [mixOpen, setMixOpen] = useState(false);
  const [statementOf, setStatementOf] = useState<string | null>(null);
  const mixChecked = checkMix(mix);

  const rule: PayoutRule | null = chosen === null ? null : chosen === 'mix' ? (mixChecked.ok ? mixChecked.value : null) : RULES[chosen];
  const comparison = useMemo(() => (input ? compareRules(input) : null), [input]);
  const overview = useMemo(() => (input ? computePayout(input, RULES.equal) : null), [input]);
  const result = useMemo(() => (input && rule ? computePayout(input, rule) : null), [input, rule]);

  const updatePeriod = (patch: Partial<PeriodDraft>) => draft && setTyped({ ...draft, ...patch });
  const toggleEvent = (id: string) => {
    if (!draft || !events) return;
    const eventIds = draft.eventIds.includes(id) ? draft.eventIds.filter((e) => e !== id) : [...draft.eventIds, id];
    const chosenEvents = events.filter((e) => eventIds.includes(e.id));
    // Picking markets sets the dates to cover them: one tap instead of two dates.
    if (chosenEvents.length === 0) return setTyped({ ...draft, eventIds });
    const from = chosenEvents.reduce((d, e) => (e.startDay < d ? e.startDay : d), chosenEvents[0]?.startDay ?? draft.from);
    const to = chosenEvents.reduce((d, e) => (e.endDay > d ? e.endDay : d), chosenEvents[0]?.endDay ?? draft.to);
    setTyped({ from, to, eventIds });
  };

  const changed = (exported ?? []).filter((w) => w.changed);
  const samePeriod = (p: PayoutPeriod) => period !== null && p.from === period.from && p.to === period.to && [...p.eventIds].sort().join() === [...period.eventIds].sort().join();
  const thisOne = (exported ?? []).find((w) => !w.changed && samePeriod(w.period));

  return (
    <div className="payout-panel">
      <section className="payout-period" data-testid="payout-period">
        <h2>
          <span aria-hidden="true">📅</span> {t('payout.period.title')}
        </h2>
        <div className="period-fields">
          <label className="period-date">
            <span>{t('payout.period.from')}</span>
            <input type="date" value={draft?.from ?? ''} onChange={(e) => updatePeriod({ from: e.target.value })} data-testid="period-from" />
          </label>
          <label className="period-date">
            <span>{t('payout.period.to')}</span>
            <input type="date" value={draft?.to ?? ''} onChange={(e) => updatePeriod({ to: e.target.value })} aria-invalid={periodErrors.to ? true : undefined} data-testid="period-to" />
          </label>
          {(events ?? []).length > 0 ? (
            <div className="chips period-events" role="group" aria-label={t('payout.period.events')}>
              {(events ?? []).map((ev) => {
                const on = draft?.eventIds.includes(ev.id) ?? false;
                return (
                  <button key={ev.id} type="button" className={on ? 'chip chip-active' : 'chip'} aria-pressed={on} onClick={() => toggleEvent(ev.id)} data-testid={`period-event-${ev.name}`}>
                    🎪 {ev.name}
                  </button>
                );
              })}
            </div>
          ) : null}
        </div>
        {Object.values(periodErrors).length > 0 ? (
          <p className="field-message" role="alert" data-testid="period-error">
            ⚠ {Object.values(periodErrors)[0]}
          </p>
        ) : null}
      </section>

      {changed.map((w) => (
        <Banner key={w.exportId} kind="warning" testId="payout-changed-since-export">
          ⚠️ {t('payout.exportedChanged', { from: formatDay(w.period.from), to: formatDay(w.period.to) })}
        </Banner>
      ))}
      {thisOne ? (
        <Banner kind="info" testId="payout-already-exported">
          📤 {t('payout.alreadyExported', { at: formatDateTime(thisOne.at, coop.timeZone) })}
        </Banner>
      ) : null}

      {!period ? null : !input || !comparison || !overview ? (
        <p className="empty">{t('common.loading')}</p>
      ) : (
        <>
          <Summary result={overview} />
          {overview.figures.saleCount === 0 && overview.figures.invoiceCount === 0 ? (
            <Banner kind="warning" testId="payout-no-sales">
              <strong>🚫 {t('payout.noSalesTitle')}</strong> {t('payout.noSalesBody')}
            </Banner>
          ) : null}
          {overview.figures.toDistribute < 0 ? (
            <Banner kind="warning" testId="payout-negative">
              ⚠️ {t('payout.negativeBody', { amount: formatMoney(-overview.figures.toDistribute) })}
            </Banner>
          ) : null}
          <Compare comparison={comparison} bases={overview.bases} toDistribute={overview.figures.toDistribute} chosen={chosen} onChoose={setChosen} />

          <section className="payout-mix" data-testid="payout-mix">
            {mixOpen ? (
              <MixEditor
                mix={mix}
                onChange={(next) => {
                  setMix(next);
                  if (chosen === 'mix' && !checkMix(next).ok) setChosen(null);
                }}
                onChoose={() => setChosen('mix')}
                chosen={chosen === 'mix'}
              />
            ) : (
              <Button onClick={() => setMixOpen(true)} testId="mix-open">
                <span aria-hidden="true">{RULE_ICONS.mix}</span> {t('payout.mix.open')}
              </Button>
            )}
          </section>

          {result && rule && chosen ? (
            <>
              <Detail result={result} ruleKey={chosen} rule={rule} onStatement={setStatementOf} />
              <ExportSection input={input} result={result} rule={rule} />
            </>
          ) : (
            <p className="payout-choose-hint" data-testid="payout-choose-hint">
              👆 {t('payout.chooseHint')}
            </p>
          )}
          {statementOf && result && rule ? <StatementDialog input={input} result={result} rule={rule} memberId={statementOf} onClose={() => setStatementOf(null)} /> : null}
        </>
      )}
    </div>
  );
}

/** Warnings from shared/payout.ts, translated (amounts in their params are cents). */
export function warningText(t: TFunction, w: PayoutWarning): string {
  const params: Record<string, unknown> = { ...w.params };
  if (typeof params.amount === 'number') params.amount = formatMoney(params.amount);
  return t(w.key, params);
}

function SummaryTile({ icon, label, amount, sign, testId, strong, note }: { icon: string; label: string; amount: number; sign?: '+' | '−' | '='; testId: string; strong?: boolean; note?: string }) {
  return (
    <>
      {sign ? (
        <span className="sum-sign" aria-hidden="true">
          {sign}
        </span>
      ) : null}
      <div className={['sum-tile', strong ? 'sum-tile-strong' : '', strong && amount < 0 ? 'sum-tile-negative' : ''].filter(Boolean).join(' ')} data-testid={testId}>
        <span className="sum-icon" aria-hidden="true">
          {icon}
        </span>
        <span className="sum-label">{label}</span>
        <span className="sum-amount" data-testid={`${testId}-amount`}>
          {formatMoney(amount)}
        </span>
        {note ? <span className="sum-note">{note}</span> : null}
      </div>
    </>
  );
}

/** Sales + invoiced orders − expenses − the CAE's part = what is shared (all excl. VAT; VAT goes to the State). */
function Summary({ result }: { result: PayoutResult }) {
  const { t } = useTranslation();
  const f = result.figures;
  return (
    <section className="payout-summary" data-testid="payout-summary" aria-label={t('payout.summary.title')}>
      <div className="sum-row">
        <SummaryTile icon="🛒" label={t('payout.summary.sales')} amount={f.salesHt} testId="sum-sales" note={t('payout.summary.tickets', { count: f.saleCount })} />
        <SummaryTile icon="📋" label={t('payout.summary.orders')} amount={f.ordersHt} sign="+" testId="sum-orders" note={t('payout.summary.invoices', { count: f.invoiceCount })} />
        <SummaryTile icon="🧾" label={t('payout.summary.charges')} amount={f.chargesHt} sign="−" testId="sum-charges" />
        <SummaryTile icon="🏢" label={t('payout.summary.cae', { rate: formatRate(f.contributionBp) })} amount={f.contribution} sign="−" testId="sum-cae" />
        <SummaryTile icon="💶" label={t('payout.summary.toShare')} amount={f.toDistribute} sign="=" testId="sum-to-share" strong />
      </div>
      <p className="sum-vat" data-testid="sum-vat">
        {t('payout.summary.vat', { vat: formatMoney(f.vat), ttc: formatMoney(f.ttc) })}
      </p>
    </section>
  );
}

function MemberFace({ member, basis, size = 'medium' }: { member: Member | undefined; basis: MemberBasis; size?: 'small' | 'medium' | 'large' }) {
  return <MemberAvatar name={basis.firstName} color={member?.color ?? '#888888'} photo={member?.photo} size={size} />;
}

/** One short line: why she gets this under the rule (her hours, what she sold, or one equal part). */
function whyLine(t: TFunction, rule: RuleKey, basis: MemberBasis, count: number): string {
  if (rule === 'equal') return t('payout.why.equal', { count });
  if (rule === 'hours') return t('payout.why.hours', { hours: formatHours(basis.minutes) });
  return t('payout.why.made', { amount: formatMoney(basis.madeHt) });
}

/**
 * The three rules side by side: one row per member (her face and colour
 * once), one column per rule. In each cell the amount, a bar in her colour
 * (longer = more money, readable without words) and one short line of why.
 */
function Compare({
  comparison,
  bases,
  toDistribute,
  chosen,
  onChoose,
}: {
  comparison: { rule: PayoutRule; shares: MemberShare[] }[];
  bases: MemberBasis[];
  toDistribute: number;
  chosen: RuleKey | 'mix' | null;
  onChoose: (rule: RuleKey) => void;
}) {
  const { t } = useTranslation();
  const { members } = useApp();
  const memberById = new Map(members.map((m) => [m.id, m]));
  const fallback: Record<RuleKey, boolean> = { equal: false, hours: bases.every((b) => b.minutes <= 0), made: bases.every((b) => b.madeHt <= 0) };
  const amounts = RULE_KEYS.map((_, i) => new Map((comparison[i]?.shares ?? []).map((sh) => [sh.memberId, sh.total])));
  const sums = amounts.map((byMember) => [...byMember.values()].reduce((s, v) => s + v, 0));
  const largest = Math.max(1, ...amounts.flatMap((byMember) => [...byMember.values()].map(Math.abs)));
  const colClass = (key: RuleKey) => (chosen === key ? 'compare-cell compare-cell-chosen' : 'compare-cell');
  return (
    <section className="payout-compare" data-testid="payout-compare" aria-label={t('payout.compare.title')}>
      <h2>
        <span aria-hidden="true">👀</span> {t('payout.compare.title')}
      </h2>
      <table className="compare-table">
        <thead>
          <tr>
            <th className="compare-corner" />
            {RULE_KEYS.map((key) => (
              <th key={key} scope="col" className={colClass(key)} data-testid={`compare-${key}`}>
                <span className="compare-head">
                  <span className="compare-icon" aria-hidden="true">
                    {RULE_ICONS[key]}
                  </span>
                  <span className="compare-title">{t(`payout.rules.${key}`)}</span>
                  <span className="compare-explain">{fallback[key] ? t(`payout.compare.fallback.${key}`) : t(`payout.rules.${key}Explain`)}</span>
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {bases.map((basis) => {
            const member = memberById.get(basis.memberId);
            const color = member?.color ?? '#888888';
            return (
              <tr key={basis.memberId} className="compare-row" data-testid={`compare-row-${basis.firstName}`}>
                <th scope="row" className="compare-member-cell">
                  <span className="compare-member" style={{ borderInlineStartColor: color }}>
                    <MemberFace member={member} basis={basis} />
                    <span className="compare-name">
                      {basis.firstName}
                      {basis.archived ? <span className="cat-tag">{t('payout.archivedTag')}</span> : null}
                    </span>
                  </span>
                </th>
                {RULE_KEYS.map((key, i) => {
                  const amount = amounts[i]?.get(basis.memberId) ?? 0;
                  return (
                    <td key={key} className={amount === 0 ? `${colClass(key)} compare-zero` : colClass(key)} data-rule={key} data-testid={`compare-${key}-${basis.firstName}`}>
                      <span className="compare-amount" data-testid={`compare-${key}-${basis.firstName}-amount`}>
                        {formatMoney(amount)}
                      </span>
                      <span className="compare-bar" aria-hidden="true">
                        <span style={{ inlineSize: `${Math.round((Math.abs(amount) / largest) * 100)}%`, backgroundColor: color }} />
                      </span>
                      <span className="compare-why">{whyLine(t, key, basis, bases.length)}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="compare-member-cell compare-total-label">
              {t('payout.compare.totalLabel')}
            </th>
            {RULE_KEYS.map((key, i) => (
              <td key={key} className={colClass(key)}>
                <span className="compare-total" data-testid={`compare-${key}-total`}>
                  {formatMoney(sums[i] ?? 0)}
                  {sums[i] === toDistribute ? ' ✓' : ''}
                </span>
                <Button variant={chosen === key ? 'success' : 'primary'} size="large" onClick={() => onChoose(key)} testId={`choose-${key}`} className="compare-choose">
                  {chosen === key ? `✓ ${t('payout.compare.chosen')}` : t('payout.compare.choose')}
                </Button>
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function MixEditor({ mix, onChange, onChoose, chosen }: { mix: MixDraft; onChange: (mix: MixDraft) => void; onChoose: () => void; chosen: boolean }) {
  const { t } = useTranslation();
  const checked = checkMix(mix);
  const errors = messages(checked, t);
  const sum = checked.sumBp;
  return (
    <div className="mix-editor">
      <h3>
        <span aria-hidden="true">{RULE_ICONS.mix}</span> {t('payout.mix.title')}
      </h3>
      <p className="field-hint">{t('payout.mix.hint')}</p>
      <div className="mix-fields">
        {MIX_FIELDS.map((field) => {
          const numeric = Number(mix[field].replace(',', '.'));
          return (
            <div key={field} className={errors[field] ? 'mix-field field-error' : 'mix-field'}>
              <label className="mix-label" htmlFor={`mix-${field}`}>
                <span aria-hidden="true">{RULE_ICONS[field]}</span> {t(`payout.rules.${field}`)}
              </label>
              <input
                type="range"
                min={0}
                max={100}
                step={5}
                value={Number.isFinite(numeric) ? numeric : 0}
                onChange={(e) => onChange({ ...mix, [field]: e.target.value })}
                aria-label={t(`payout.rules.${field}`)}
                data-testid={`mix-slider-${field}`}
              />
              <div className="input-with-suffix">
                <input id={`mix-${field}`} className="input-quantity" dir="ltr" inputMode="decimal" value={mix[field]} onChange={(e) => onChange({ ...mix, [field]: e.target.value })} data-testid={`mix-${field}`} />
                <span className="input-suffix">%</span>
              </div>
              {errors[field] ? <p className="field-message">⚠ {errors[field]}</p> : null}
            </div>
          );
        })}
      </div>
      <p className={errors.sum ? 'mix-sum mix-sum-bad' : 'mix-sum'} data-testid="mix-sum" role={errors.sum ? 'alert' : undefined}>
        {t('payout.mix.sum', { sum: sum === null ? '?' : formatRate(sum) })}
        {errors.sum ? ` — ⚠ ${errors.sum}` : ' ✓'}
      </p>
      <Button variant={chosen ? 'success' : 'primary'} size="large" onClick={onChoose} disabled={!checked.ok} testId="choose-mix">
        {chosen ? `✓ ${t('payout.compare.chosen')}` : t('payout.mix.choose')}
      </Button>
    </div>
  );
}

function ruleTitle(t: TFunction, key: RuleKey | 'mix', rule: PayoutRule): string {
  if (key !== 'mix') return t(`payout.rules.${key}`);
  const parts: string[] = [];
  if (rule.equalBp) parts.push(`${formatRate(rule.equalBp)} ${t('payout.rules.equal')}`);
  if (rule.hoursBp) parts.push(`${formatRate(rule.hoursBp)} ${t('payout.rules.hours')}`);
  if (rule.madeBp) parts.push(`${formatRate(rule.madeBp)} ${t('payout.rules.made')}`);
  return parts.join(' + ');
}

function Detail({ result, ruleKey, rule, onStatement }: { result: PayoutResult; ruleKey: RuleKey | 'mix'; rule: PayoutRule; onStatement: (memberId: string) => void }) {
  const { t } = useTranslation();
  const { members } = useApp();
  const memberById = new Map(members.map((m) => [m.id, m]));
  const basisById = new Map(result.bases.map((b) => [b.memberId, b]));
  const warnings = result.warnings.filter((w) => !w.key.endsWith('.noSales') && !w.key.endsWith('.negative'));
  const totalToPay = result.shares.reduce((s, sh) => s + sh.toPay, 0);
  return (
    <section className="payout-detail" data-testid="payout-detail">
      <h2>
        <span aria-hidden="true">{RULE_ICONS[ruleKey]}</span> {t('payout.detail.title', { rule: ruleTitle(t, ruleKey, rule) })}
      </h2>
      {warnings.map((w, i) => (
        <Banner key={`${w.key}-${i}`} kind="warning" testId={`payout-warning-${w.key.split('.').at(-1) ?? ''}`}>
          ⚠️ {warningText(t, w)}
        </Banner>
      ))}
      <ul className="detail-list">
        {result.shares.map((sh) => {
          const basis = basisById.get(sh.memberId);
          if (!basis) return null;
          const member = memberById.get(sh.memberId);
          const why: string[] = [];
          why.push(t('payout.why.hoursLong', { hours: formatHours(basis.minutes) }));
          why.push(t('payout.why.madeLong', { amount: formatMoney(basis.madeHt) }));
          if (basis.madeQuantityNote) why.push(`🧵 ${basis.madeQuantityNote}`);
          return (
            <li key={sh.memberId} className={basis.archived ? 'detail-row detail-row-archived' : 'detail-row'} style={{ borderInlineStartColor: member?.color }} data-testid={`detail-${basis.firstName}`}>
              <button type="button" className="detail-main" onClick={() => onStatement(sh.memberId)} data-testid={`statement-open-${basis.firstName}`}>
                <MemberFace member={member} basis={basis} size="large" />
                <span className="detail-text">
                  <span className="detail-name">
                    {basis.firstName}
                    {basis.archived ? <span className="cat-tag">{t('payout.archivedTag')}</span> : null}
                  </span>
                  <span className="detail-why">{why.join(' · ')}</span>
                  {sh.reimbursement > 0 ? (
                    <span className="detail-reimburse" data-testid={`detail-${basis.firstName}-reimburse`}>
                      {t('payout.detail.shareAndReimburse', { share: formatMoney(sh.total), reimburse: formatMoney(sh.reimbursement) })}
                    </span>
                  ) : null}
                </span>
                <span className="detail-figures">
                  <span className="detail-amount" data-testid={`detail-${basis.firstName}-amount`}>
                    {formatMoney(sh.toPay)}
                  </span>
                  <span className="detail-share">{formatRate(sh.shareBp)}</span>
                </span>
                <span className="detail-open">
                  <span aria-hidden="true">📄</span>
                  <span className="detail-open-label">{t('payout.detail.statement')}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <p className="detail-total" data-testid="detail-total">
        {t('payout.detail.total', { amount: formatMoney(totalToPay) })}
      </p>
    </section>
  );
}
