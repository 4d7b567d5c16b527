/** Placeholder until the orders board lands (issue #9). */
export function OrdersScreen() {
  return <section className="panel" data-testid="orders-screen" />;
}
