import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseRole } from '../../../../shared/case';
import { fixLatinLookalikes, INPUT_MESSAGES } from '../../../../shared/input';
import { PinInput } from '../session';
import type { UserDraft, UserDraftErrors } from './user-draft';
import './users.css';

/**
 * Name, role, PIN and its repeat of one new user. Presentational: the form that owns the values passes
 * `field(key)` (react-hook-form's register for that key) and the errors as message keys.
 */
export function UserDraftFields({
  idPrefix,
  field,
  errors,
  roles,
  signer,
  name,
  onFixName,
}: {
  idPrefix: string;
  field: (key: keyof UserDraft) => UseFormRegisterReturn;
  errors: UserDraftErrors;
  /** The roles this kind of office gives (shared/office/roles). */
  roles: readonly CaseRole[];
  /** The chosen role signs documents: say that a key pair will be made. */
  signer: boolean;
  /** The name as typed, for the one-click fix of Latin look-alike letters. */
  name?: string | undefined;
  /** Writes the fixed name into the form. */
  onFixName?: ((fixed: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const id = (key: keyof UserDraft) => `${idPrefix}-${key}`;
  const error = (key: keyof UserDraft) => {
    const message = errors[key];
    return message ? (
      <p className="users-field-error" id={`${id(key)}-error`} role="alert">
        {t(message)}
      </p>
    ) : null;
  };
  const described = (key: keyof UserDraft, hint?: string) =>
    [errors[key] ? `${id(key)}-error` : null, hint].filter(Boolean).join(' ') || undefined;

  return (
    <div className="users-draft-fields">
      <div className="users-field users-field-wide">
        <label htmlFor={id('name')}>{t('users:fields.name')}</label>
        <input
          id={id('name')}
          type="text"
          autoComplete="off"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={described('name')}
          {...field('name')}
        />
        {error('name')}
        {errors.name === INPUT_MESSAGES.nameLatin && name !== undefined && onFixName && (
          <button
            type="button"
            className="users-fix"
            onClick={() => onFixName(fixLatinLookalikes(name.trim()))}
          >
            {t('inputChecks:name.fix', { fixed: fixLatinLookalikes(name.trim()) })}
          </button>
        )}
      </div>
      <div className="users-field">
        <label htmlFor={id('role')}>{t('users:fields.role')}</label>
        <select
          id={id('role')}
          aria-invalid={errors.role ? true : undefined}
          aria-describedby={described('role')}
          {...field('role')}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`users:roles.${r}`)}
            </option>
          ))}
        </select>
        {error('role')}
      </div>
      <div className="users-field">
        <label htmlFor={id('pin')}>{t('users:fields.pin')}</label>
        <PinInput
          id={id('pin')}
          autoComplete="new-password"
          aria-invalid={errors.pin ? true : undefined}
          aria-describedby={described('pin', `${idPrefix}-pin-hint`)}
          {...field('pin')}
        />
        {error('pin')}
      </div>
      <div className="users-field">
        <label htmlFor={id('pinRepeat')}>{t('users:fields.pinRepeat')}</label>
        <PinInput
          id={id('pinRepeat')}
          autoComplete="new-password"
          aria-invalid={errors.pinRepeat ? true : undefined}
          aria-describedby={described('pinRepeat')}
          {...field('pinRepeat')}
        />
        {error('pinRepeat')}
      </div>
      <p className="users-hint users-field-wide" id={`${idPrefix}-pin-hint`}>
        {t('session:pin.hint')}
        {signer && <> {t('users:signerNote')}</>}
      </p>
    </div>
  );
}
