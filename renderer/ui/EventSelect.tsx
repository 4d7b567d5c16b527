import type { MarketEvent } from '../../shared/schemas';
import { formatDay } from '../../shared/format';

/** A market or fair to pick from a list ("name (first day)"), or none (`noneLabel`, value ''). */
export function EventSelect({
  id,
  value,
  onChange,
  events,
  noneLabel,
  testId,
}: {
  id: string;
  value: string;
  onChange: (eventId: string) => void;
  events: readonly Pick<MarketEvent, 'id' | 'name' | 'startDay'>[] | undefined;
  noneLabel: string;
  testId: string;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{noneLabel}</option>
      {(events ?? []).map((ev) => (
        <option key={ev.id} value={ev.id}>
          {ev.name} ({formatDay(ev.startDay)})
        </option>
      ))}
    </select>
  );
}
