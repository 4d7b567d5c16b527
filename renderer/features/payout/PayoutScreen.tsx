/** Placeholder until the payout screen lands (issue #7). */
export function PayoutScreen() {
  return <section className="panel" data-testid="payout-screen" />;
}
