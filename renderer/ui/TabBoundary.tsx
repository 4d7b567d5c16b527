/**
 * One tab's own error boundary: a screen that fails (Partage on a season's
 * figures, a damaged order, a Z that cannot be built) shows what happened and
 * a way back to the till, in the tab's place. The till is outside it, stays
 * mounted with its basket, and keeps selling.
 */
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './components';

type Props = { children: ReactNode; tabName: string; onBack: () => void };
type State = { error: Error | null };

export class TabBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    console.error(`the ${this.props.tabName} screen failed`, error);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <TabFailure tabName={this.props.tabName} error={this.state.error} onBack={this.props.onBack} onRetry={() => this.setState({ error: null })} />;
  }
}

function TabFailure({ tabName, error, onBack, onRetry }: { tabName: string; error: Error; onBack: () => void; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="tab-failure" role="alert" data-testid="tab-failure">
      <h2>{t('crash.tabTitle', { tab: tabName })}</h2>
      <p>{t('crash.tabBody')}</p>
      <pre>{error.message}</pre>
      <div className="tab-failure-actions">
        <Button variant="primary" size="large" onClick={onBack} testId="tab-failure-back">
          <span aria-hidden="true">🛒</span> {t('crash.backToTill')}
        </Button>
        <Button onClick={onRetry} testId="tab-failure-retry">
          {t('crash.retry')}
        </Button>
      </div>
    </section>
  );
}
