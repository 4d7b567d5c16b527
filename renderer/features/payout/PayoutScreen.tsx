/**
 * The "Partage" tab: the group's expenses, the hours each member held the
 * stall, and the payout itself (the three rules side by side, each member's
 * share with her face, and the export for the CAE).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SubTabs } from '../../ui/SubTabs';
import { ForeignBanner } from '../journal/JournalCheck';
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
      <SubTabs
        title={t('nav.payout')}
        sections={SECTIONS}
        value={section}
        onChange={setSection}
        label={(id) => t(`payout.sections.${id}`)}
        className="payout-sections"
        testIdPrefix="payout-section"
      />
      <ForeignBanner />
      {section === 'share' ? <SharePanel /> : null}
      {section === 'charges' ? <ChargesPanel /> : null}
      {section === 'shifts' ? <ShiftsPanel /> : null}
    </div>
  );
}
