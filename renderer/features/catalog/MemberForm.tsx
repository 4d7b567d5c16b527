/**
 * A member's fields: first name, colour, optional photo and CAE analytic
 * code. Used by the first-run screen (one per row) and the Members screen.
 * Changes are sent as patches so that a photo still being shrunk never
 * overwrites a name typed meanwhile.
 */
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/components';
import type { FieldErrors } from '../../ui/forms';
import { MemberAvatar } from '../../ui/MemberAvatar';
import type { MemberDraft } from './drafts';
import { ColorPalette, GroupField, PhotoPicker } from './pickers';

export function MemberForm({
  value,
  onChange,
  errors,
  testIdPrefix,
}: {
  value: MemberDraft;
  onChange: (patch: Partial<MemberDraft>) => void;
  /** Keyed by field: "firstName", "color", "photo", "analyticCode". */
  errors: FieldErrors;
  /** "member" gives member-name, member-color-e4572e, member-photo, member-code. */
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="member-form">
      <div className="member-form-head">
        <span data-testid={`${testIdPrefix}-avatar`} className="member-form-avatar">
          <MemberAvatar name={value.firstName} color={value.color} photo={value.photo} size="large" />
        </span>
        <Field label={t('catalog.firstName')} error={errors.firstName}>
          {(id) => (
            <input
              id={id}
              value={value.firstName}
              onChange={(e) => onChange({ firstName: e.target.value })}
              autoComplete="off"
              autoCapitalize="words"
              maxLength={80}
              data-testid={`${testIdPrefix}-name`}
            />
          )}
        </Field>
        <Field label={t('catalog.optional', { label: t('catalog.analyticCode') })} error={errors.analyticCode} hint={t('catalog.analyticCodeHint')}>
          {(id) => (
            <input
              id={id}
              value={value.analyticCode}
              onChange={(e) => onChange({ analyticCode: e.target.value })}
              autoComplete="off"
              maxLength={60}
              data-testid={`${testIdPrefix}-code`}
            />
          )}
        </Field>
      </div>
      <GroupField label={t('catalog.memberColor')} error={errors.color}>
        <ColorPalette value={value.color} onChange={(color) => onChange({ color })} testIdPrefix={`${testIdPrefix}-color`} />
      </GroupField>
      <div className={errors.photo ? 'field field-error' : 'field'}>
        {/* The avatar above shows the photo; the button says what it does. */}
        <PhotoPicker value={value.photo} onChange={(photo) => onChange({ photo })} testId={`${testIdPrefix}-photo`} preview={false} />
        {errors.photo ? (
          <p className="field-message" role="alert">
            ⚠ {errors.photo}
          </p>
        ) : null}
      </div>
    </div>
  );
}
