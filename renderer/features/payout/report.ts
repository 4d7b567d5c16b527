/** The report the export files and the members' statements are built from (shared/payout-export.ts). */
import type { PayoutResult } from '../../../shared/payout';
import type { PayoutReport } from '../../../shared/payout-export';
import type { Coop, PayoutPeriod, PayoutRule } from '../../../shared/schemas';

export function payoutReport(coop: Coop, period: PayoutPeriod, rule: PayoutRule, result: PayoutResult, generatedAt: string): PayoutReport {
  return {
    coop: { name: coop.name, caeName: coop.cae.name },
    period,
    rule,
    figures: result.figures,
    shares: result.shares,
    bases: result.bases,
    generatedAt,
  };
}
