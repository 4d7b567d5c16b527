/**
 * The day at a glance before closing: sales by hour against the previous
 * market day (a uPlot bar chart, small and canvas-drawn, readable on a small
 * laptop), and what each member-maker's work brought in.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDay, formatInteger, formatMoney } from '../../../shared/format';
import { activeHours, salesByHour, salesByMaker } from '../../../shared/reports';
import type { Sale } from '../../../shared/schemas';
import { useApp } from '../../app-context';
import { salesOfDay } from '../../db/sales';

export function DayCharts({ day }: { day: string }) {
  const { t } = useTranslation();
  const { db, coop, members } = useApp();
  const data = useLiveQuery(async () => {
    // The newest day before this one, read from the index's end: not every day of the season.
    const previous = (await db.sales.where('businessDay').below(day).last())?.businessDay;
    const [today, before] = await Promise.all([salesOfDay(db, day), previous ? salesOfDay(db, previous) : Promise.resolve([] as Sale[])]);
    return { today: today.filter((s) => s.tillId === coop.tillId), before: before.filter((s) => s.tillId === coop.tillId), previous };
  }, [db, day, coop.tillId]);
  if (!data) return null;
  const todayHours = salesByHour(data.today, coop.timeZone);
  const beforeHours = salesByHour(data.before, coop.timeZone);
  const byMaker = salesByMaker(data.today);
  const makers = members.filter((m) => byMaker.has(m.id)).sort((a, b) => (byMaker.get(b.id) ?? 0) - (byMaker.get(a.id) ?? 0));
  const top = Math.max(1, ...makers.map((m) => Math.abs(byMaker.get(m.id) ?? 0)));
  const todayLabel = t('closing.chartToday', { date: formatDay(day) });
  const beforeLabel = data.previous ? t('closing.chartPrevious', { date: formatDay(data.previous) }) : null;

  return (
    <section className="closing-card" aria-labelledby="charts-title" data-testid="day-charts">
      <h2 id="charts-title">📊 {t('closing.chartsTitle')}</h2>
      <div className="charts-grid">
        <div>
          <h3>{t('closing.byHour')}</h3>
          <HourChart today={todayHours} before={data.previous ? beforeHours : null} todayLabel={todayLabel} beforeLabel={beforeLabel} />
        </div>
        <div>
          <h3>{t('closing.byMaker')}</h3>
          {makers.length === 0 ? (
            <p className="muted">{t('closing.noMakers')}</p>
          ) : (
            <ul className="maker-bars" data-testid="maker-bars">
              {makers.map((m) => {
                const cents = byMaker.get(m.id) ?? 0;
                return (
                  <li key={m.id}>
                    <span className="maker-name">{m.firstName}</span>
                    <span className="maker-bar" aria-hidden="true">
                      <span style={{ inlineSize: `${Math.round((Math.abs(cents) / top) * 100)}%`, backgroundColor: m.color }} />
                    </span>
                    <strong>{formatMoney(cents)}</strong>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

function HourChart({ today, before, todayLabel, beforeLabel }: { today: number[]; before: number[] | null; todayLabel: string; beforeLabel: string | null }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([today, before, todayLabel, beforeLabel]);
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const [first, last] = activeHours(today, ...(before ? [before] : []));
    const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const bars = uPlot.paths.bars?.({ size: [0.4, 48], align: before ? -1 : 0 });
    const barsRight = uPlot.paths.bars?.({ size: [0.4, 48], align: 1 });
    const series: uPlot.Series[] = [
      { label: t('closing.hour') },
      { label: todayLabel, fill: '#f3a712cc', stroke: '#c77c00', width: 1, ...(bars ? { paths: bars } : {}), points: { show: false } },
    ];
    const data: uPlot.AlignedData = [hours, hours.map((h) => today[h] ?? 0)];
    if (before && beforeLabel) {
      series.push({ label: beforeLabel, fill: '#669bbccc', stroke: '#33617f', width: 1, ...(barsRight ? { paths: barsRight } : {}), points: { show: false } });
      data.push(hours.map((h) => before[h] ?? 0));
    }
    const chart = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 260,
        series,
        scales: { x: { time: false, range: [first - 0.5, last + 0.5] } },
        axes: [
          { values: (_u, ticks) => ticks.map((v) => (Number.isInteger(v) ? `${formatInteger(v)} h` : '')), incrs: [1] },
          { values: (_u, ticks) => ticks.map((v) => formatMoney(Math.round(v))), size: 80 },
        ],
        legend: { show: true, live: false },
        cursor: { show: false },
      },
      data,
      el,
    );
    return () => chart.destroy();
    // `key` holds every input; the arrays themselves are new on each render.
  }, [key, t]);
  return <div ref={box} className="hour-chart" role="img" aria-label={t('closing.byHourAlt')} data-testid="hour-chart" />;
}
