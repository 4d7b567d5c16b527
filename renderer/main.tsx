import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n/i18n';
import './ui/styles.css';

async function start(): Promise<void> {
  await initI18n();
  // Ask the browser not to evict the till's data under storage pressure.
  // Refusal is not fatal: backups (data-safety issue) cover it.
  void navigator.storage?.persist?.().catch(() => false);
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
