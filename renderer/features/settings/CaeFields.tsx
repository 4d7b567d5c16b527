/**
 * The hosting CAE's legal details, as printed on every receipt and invoice.
 * Shared by the first-run screen and the settings; both check them with the
 * same schema (SIRET and VAT number checksums included).
 */
import { useTranslation } from 'react-i18next';
import type { Cae } from '../../../shared/schemas';
import { Field } from '../../ui/components';
import type { FieldErrors } from '../../ui/forms';
import './settings.css';

/** Every field as typed ('' when empty). */
export type CaeDraft = { name: string; address: string; siret: string; vatNumber: string; legalForm: string; shareCapital: string; rcs: string };

export const emptyCaeDraft: CaeDraft = { name: '', address: '', siret: '', vatNumber: '', legalForm: '', shareCapital: '', rcs: '' };

export function caeDraftFrom(cae: Cae): CaeDraft {
  return {
    name: cae.name,
    address: cae.address,
    siret: cae.siret,
    vatNumber: cae.vatNumber,
    legalForm: cae.legalForm,
    shareCapital: cae.shareCapital ?? '',
    rcs: cae.rcs,
  };
}

type FieldSpec = {
  key: keyof CaeDraft;
  testId: string;
  optional?: boolean;
  wide?: boolean;
  inputMode?: 'numeric' | 'text';
  upper?: boolean;
};

const FIELDS: readonly FieldSpec[] = [
  { key: 'name', testId: 'cae-name', wide: true },
  { key: 'address', testId: 'cae-address', wide: true },
  { key: 'siret', testId: 'cae-siret', inputMode: 'numeric' },
  { key: 'vatNumber', testId: 'cae-vat', upper: true },
  { key: 'legalForm', testId: 'cae-legal-form', optional: true },
  { key: 'shareCapital', testId: 'cae-share-capital', optional: true },
  { key: 'rcs', testId: 'cae-rcs', optional: true },
];

export function CaeFields({ value, onChange, errors }: { value: CaeDraft; onChange: (patch: Partial<CaeDraft>) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  return (
    <div className="cae-fields">
      {FIELDS.map((f) => {
        const label = t(`settings.caeFields.${f.key}`);
        return (
          <div key={f.key} className={f.wide ? 'cae-field cae-field-wide' : 'cae-field'}>
            <Field
              label={f.optional ? t('catalog.optional', { label }) : label}
              error={errors[`cae.${f.key}`]}
              hint={t(`settings.caeHints.${f.key}`)}
            >
              {(id) => (
                <input
                  id={id}
                  value={value[f.key]}
                  onChange={(e) => onChange({ [f.key]: e.target.value })}
                  inputMode={f.inputMode ?? 'text'}
                  autoCapitalize={f.upper ? 'characters' : 'sentences'}
                  autoComplete="off"
                  spellCheck={false}
                  data-testid={f.testId}
                />
              )}
            </Field>
          </div>
        );
      })}
    </div>
  );
}
