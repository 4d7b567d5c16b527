import type { TFunction } from 'i18next';
import type { Unit } from '../../shared/schemas';

/** "2 pièces", "1,5 m": the unit word agrees with the quantity (in thousandths). */
export function unitLabel(t: TFunction, unit: Unit, milli = 1000): string {
  return t(`units.${unit}`, { count: Math.abs(milli) / 1000 });
}
