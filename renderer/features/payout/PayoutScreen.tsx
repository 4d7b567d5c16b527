/**
 * The "Partage" tab: the group's expenses, the hours each member held the
 * stall, and the payout itself (the three rules side by side, each member's
 * share with her face, and the export for the CAE).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChargesPanel } from './ChargesPanel';
import { SharePanel } from './SharePanel';
import { ShiftsPanel } from './ShiftsPanel';
import './payout.css';

const SECTIONS = [
  { id: 'share', icon: '💶' },
  { id: 'charges', icon: '🧾' },
  { id: 'shifts', icon: '⏱️' },
] as const;
type Section = (typeof SECTIONS)[number]['id'];

export function PayoutScreen() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('share');
  return (
    <div className="cat-screen payout-screen" data-testid="payout-screen">
      <div className="toolbar">
        <h1>{t('nav.payout')}</h1>
        <div className="payout-sections" role="tablist">
          {SECTIONS.map((s) => (
            <button
              key={s.id}
              type="button"
              role="tab"
              aria-selected={section === s.id}
              className={section === s.id ? 'btn btn-primary btn-normal' : 'btn btn-secondary btn-normal'}
              onClick={() => setSection(s.id)}
              data-testid={`payout-section-${s.id}`}
            >
              <span aria-hidden="true">{s.icon}</span> {t(`payout.sections.${s.id}`)}
            </button>
          ))}
        </div>
      </div>
      {section === 'share' ? <SharePanel /> : null}
      {section === 'charges' ? <ChargesPanel /> : null}
      {section === 'shifts' ? <ShiftsPanel /> : null}
    </div>
  );
}
