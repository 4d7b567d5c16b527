import type { TFunction } from 'i18next';
import type { MaterialUnit, Unit } from '../../shared/schemas';

/** "2 pièces", "1,5 m": the unit word agrees with the quantity (in thousandths). */
export function unitLabel(t: TFunction, unit: Unit | MaterialUnit, milli = 1000): string {
  return t(`units.${unit}`, { count: Math.abs(milli) / 1000 });
}
