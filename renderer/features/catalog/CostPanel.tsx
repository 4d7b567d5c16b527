/**
 * "Is this price enough?" — the cost price of one unit, step by step, in
 * plain words, ending with one coloured sentence: red when the price loses
 * money, orange when little is left, green otherwise; and the price that
 * leaves the margin the group aims for, with a button to take it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { costBreakdown, marginStatus, suggestedPrice, type CostInput, type MarginStatus } from '../../../shared/costing';
import { formatMoney, formatPercentNumber, formatRate } from '../../../shared/format';
import { parsePercent } from '../../../shared/money';
import type { Unit } from '../../../shared/schemas';

const STATUS_ICONS: Record<MarginStatus, string> = { loss: '⛔', thin: '⚠️', ok: '✅' };

export function CostPanel({
  input,
  unit,
  thinMarginBp,
  targetMarginBp,
  onUsePrice,
}: {
  /** null while the price typed is not readable yet. */
  input: CostInput | null;
  unit: Unit;
  thinMarginBp: number;
  targetMarginBp: number;
  onUsePrice: (cents: number) => void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState(() => formatPercentNumber(targetMarginBp));
  const targetBp = parsePercent(target);
  if (!input) {
    return (
      <section className="cost-panel" data-testid="cost-panel">
        <h3>{t('catalog.cost.title')}</h3>
        <p className="field-hint">{t('catalog.cost.needPrice')}</p>
      </section>
    );
  }
  const b = costBreakdown(input);
  const status = marginStatus(b, thinMarginBp);
  const per = t(`catalog.cost.per.${unit}`);
  // With no materials and no minutes the cost is 0: a "suggested price" of
  // 0,00 € would be nonsense, so the panel says what to enter instead.
  const noCost = b.cost === 0;
  const suggestion = targetBp === null || noCost ? null : suggestedPrice(b.cost, input.vatRate, input.contributionBp, targetBp);
  const hours = `${formatMoney(input.hourlyRate)}/h`;

  return (
    <section className={`cost-panel cost-${status}`} data-testid="cost-panel" aria-live="polite">
      <h3>{t('catalog.cost.title')}</h3>
      <dl className="cost-lines">
        <div className="cost-line">
          <dt>
            <span aria-hidden="true">🧵</span> {t('catalog.cost.materials')}
          </dt>
          <dd data-testid="cost-materials">{formatMoney(b.materials)}</dd>
        </div>
        <div className="cost-line">
          <dt>
            <span aria-hidden="true">⏱️</span> {t('catalog.cost.labour', { minutes: input.labourMinutes, rate: hours })}
          </dt>
          <dd data-testid="cost-labour">{formatMoney(b.labour)}</dd>
        </div>
        <div className="cost-line cost-total">
          <dt>
            <span aria-hidden="true">🟰</span> {t('catalog.cost.cost', { per })}
          </dt>
          <dd data-testid="cost-cost">{formatMoney(b.cost)}</dd>
        </div>
        <div className="cost-line cost-sep">
          <dt>
            <span aria-hidden="true">🏷️</span> {t('catalog.cost.priceHt', { rate: formatRate(input.vatRate) })}
          </dt>
          <dd data-testid="cost-price-ht">{formatMoney(b.priceHt)}</dd>
        </div>
        <div className="cost-line">
          <dt>
            <span aria-hidden="true">🤝</span> {t('catalog.cost.contribution', { rate: formatRate(input.contributionBp) })}
          </dt>
          <dd data-testid="cost-contribution">− {formatMoney(b.contribution)}</dd>
        </div>
        <div className="cost-line">
          <dt>
            <span aria-hidden="true">🟰</span> {t('catalog.cost.costLine')}
          </dt>
          <dd>− {formatMoney(b.cost)}</dd>
        </div>
        <div className="cost-line cost-total cost-margin">
          <dt>
            <span aria-hidden="true">💰</span> {t('catalog.cost.margin', { per })}
          </dt>
          <dd data-testid="cost-margin">
            {formatMoney(b.margin)} <small>({formatRate(b.marginBp)})</small>
          </dd>
        </div>
      </dl>
      <p className={`cost-verdict cost-verdict-${status}`} data-testid="cost-verdict" role={status === 'loss' ? 'alert' : undefined}>
        <span aria-hidden="true">{STATUS_ICONS[status]}</span>{' '}
        {status === 'loss'
          ? t('catalog.cost.loss', { amount: formatMoney(-b.margin), per })
          : status === 'thin'
            ? t('catalog.cost.thin', { rate: formatRate(thinMarginBp) })
            : t('catalog.cost.ok')}
      </p>
      {noCost ? (
        <p className="field-hint cost-suggest" data-testid="cost-suggest">
          <span aria-hidden="true">✍️</span> {t('catalog.cost.noCost')}
        </p>
      ) : (
        <div className="cost-suggest" data-testid="cost-suggest">
          <label className="cost-target">
            {t('catalog.cost.target')}
            <input
              className="input-percent"
              dir="ltr"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              inputMode="decimal"
              data-testid="cost-target"
            />
            {t('catalog.cost.targetAfter')}
          </label>
          {suggestion !== null ? (
            <>
              <span className="cost-suggested" data-testid="cost-suggested">
                {t('catalog.cost.suggested', { price: formatMoney(suggestion) })}
              </span>
              <button type="button" className="btn btn-secondary btn-normal" onClick={() => onUsePrice(suggestion)} data-testid="cost-use-price">
                {t('catalog.cost.usePrice')}
              </button>
            </>
          ) : (
            <span className="field-hint">{t('catalog.cost.noSuggestion')}</span>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * The same verdict as the panel's, for right under the price field: whoever
 * types a price sees at once if it loses money, without scrolling down.
 */
export function PriceVerdict({ input, unit, thinMarginBp }: { input: CostInput; unit: Unit; thinMarginBp: number }) {
  const { t } = useTranslation();
  const b = costBreakdown(input);
  const status = marginStatus(b, thinMarginBp);
  if (status === 'ok') return null;
  const per = t(`catalog.cost.per.${unit}`);
  return (
    <p className={`cost-verdict cost-verdict-${status} price-verdict`} data-testid="price-verdict">
      <span aria-hidden="true">{STATUS_ICONS[status]}</span>{' '}
      {status === 'loss' ? t('catalog.cost.loss', { amount: formatMoney(-b.margin), per }) : t('catalog.cost.thinShort')}
    </p>
  );
}

/** The list's marker: a coloured dot and a word, only when the price needs attention. */
export function MarginMarker({ status, testId }: { status: MarginStatus; testId?: string }) {
  const { t } = useTranslation();
  if (status === 'ok') return null;
  return (
    <span className={`margin-marker margin-marker-${status}`} data-testid={testId}>
      <span aria-hidden="true">{STATUS_ICONS[status]}</span> {t(`catalog.cost.marker.${status}`)}
    </span>
  );
}
