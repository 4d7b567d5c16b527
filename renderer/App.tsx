import { useLiveQuery } from 'dexie-react-hooks';
import { Component, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppContext, BasketLinesProvider, type AppContextValue } from './app-context';
import { loadCoop } from './db/catalog';
import { tillSigner } from './db/custody';
import { appDb } from './db/db';
import { CheckoutScreen } from './features/checkout/CheckoutScreen';
import { ClosingScreen } from './features/closing/ClosingScreen';
import { HistoryScreen } from './features/history/HistoryScreen';
import { OrdersScreen } from './features/orders/OrdersScreen';
import { PayoutScreen } from './features/payout/PayoutScreen';
import { MembersScreen } from './features/catalog/MembersScreen';
import { ProductsScreen } from './features/catalog/ProductsScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { SetupScreen } from './features/setup/SetupScreen';
import { StockScreen } from './features/stock/StockScreen';
import { LanguageSwitch } from './ui/LanguageSwitch';
import { TabBoundary } from './ui/TabBoundary';

const TABS = [
  { id: 'checkout', icon: '🛒' },
  { id: 'history', icon: '🧾' },
  { id: 'closing', icon: '🔒' },
  { id: 'orders', icon: '📋' },
  { id: 'products', icon: '🏷️' },
  { id: 'stock', icon: '📦' },
  { id: 'members', icon: '👥' },
  { id: 'payout', icon: '💶' },
  { id: 'settings', icon: '⚙️' },
] as const;
type Tab = (typeof TABS)[number]['id'];

export function App() {
  return (
    <ErrorBoundary>
      {/* Outside Root: a basket line added at the till re-renders its readers only. */}
      <BasketLinesProvider>
        <Root />
      </BasketLinesProvider>
    </ErrorBoundary>
  );
}

function Root() {
  const { t } = useTranslation();
  const db = appDb();
  // null = no co-op yet (first run); undefined = still loading.
  const coop = useLiveQuery(async () => (await loadCoop(db)) ?? null, [db]);
  const members = useLiveQuery(() => db.members.orderBy('order').toArray(), [db]);
  const [cashierId, setCashierId] = useState<string | undefined>(undefined);
  const [tab, setTab] = useState<Tab>('checkout');
  const tillId = coop?.tillId;
  // At start: the device's key is made if missing and journalled when the chain names another (upgrade, new laptop).
  useEffect(() => {
    if (tillId) tillSigner(db, tillId).catch((error: unknown) => console.warn('the till key could not be prepared', error));
  }, [db, tillId]);

  const context = useMemo<AppContextValue | null>(
    () => (coop && members ? { db, coop, members, cashierId, setCashierId, openTill: () => setTab('checkout') } : null),
    [db, coop, members, cashierId],
  );

  if (coop === undefined || members === undefined) return <div className="splash">{t('common.loading')}</div>;
  if (coop === null || !context) return <SetupScreen db={db} />;

  return (
    <AppContext.Provider value={context}>
      <div className="shell">
        <header className="topbar">
          <div className="brand" title={coop.name}>
            <span className="brand-mark">Étal</span>
            <span className="brand-coop">{coop.name}</span>
          </div>
          <nav className="tabs" aria-label={t('nav.label')}>
            {TABS.map((item) => (
              <button
                key={item.id}
                type="button"
                className={tab === item.id ? 'tab tab-active' : 'tab'}
                onClick={() => setTab(item.id)}
                aria-current={tab === item.id ? 'page' : undefined}
                title={t(`nav.${item.id}`)}
                data-testid={`tab-${item.id}`}
              >
                <span className="tab-icon" aria-hidden="true">
                  {item.icon}
                </span>
                <span className="tab-label">{t(`nav.${item.id}`)}</span>
              </button>
            ))}
          </nav>
          <LanguageSwitch />
        </header>
        <main className="screen">
          {/* The till stays mounted: a basket being filled must survive a look at
              the sales list or the stock (the cart lives in its state only). */}
          <div hidden={tab !== 'checkout'}>
            <TabBoundary tabName={t('nav.checkout')} onBack={() => setTab('checkout')}>
              <CheckoutScreen />
            </TabBoundary>
          </div>
          {/* Each other tab has a boundary of its own (keyed by tab, so a failure stays with its tab):
              it shows its message there and the till above keeps selling. */}
          <TabBoundary key={tab} tabName={t(`nav.${tab}`)} onBack={() => setTab('checkout')}>
            {tab === 'history' ? <HistoryScreen /> : null}
            {tab === 'closing' ? <ClosingScreen /> : null}
            {tab === 'orders' ? <OrdersScreen /> : null}
            {tab === 'products' ? <ProductsScreen /> : null}
            {tab === 'stock' ? <StockScreen /> : null}
            {tab === 'members' ? <MembersScreen /> : null}
            {tab === 'payout' ? <PayoutScreen /> : null}
            {tab === 'settings' ? <SettingsScreen /> : null}
          </TabBoundary>
        </main>
      </div>
    </AppContext.Provider>
  );
}

type BoundaryState = { error: Error | null };

/** The last line of defence: a clear sentence and a reload button, never a blank window. */
class ErrorBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <CrashScreen error={this.state.error} />;
  }
}

function CrashScreen({ error }: { error: Error }) {
  const { t } = useTranslation();
  return (
    <div className="crash" role="alert">
      <h1>{t('crash.title')}</h1>
      <p>{t('crash.body')}</p>
      <pre>{error.message}</pre>
      <button type="button" className="btn btn-primary btn-large" onClick={() => window.location.reload()}>
        {t('crash.reload')}
      </button>
    </div>
  );
}
