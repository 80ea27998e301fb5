import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';
import type { CaseRole } from '../../../../shared/case';
import { isSignerRole } from '../../../../shared/office';
import { validatePin } from '../../../../shared/signing';
import { PinInput } from './pin-input';

/**
 * What is wrong with a new PIN typed twice, as a message key on the field to show it by: the PIN
 * itself first (length, digits, too simple), then the repetition.
 */
export function newPinProblem(
  pin: string,
  repeat: string,
  /** Whose PIN: a signer's (akim, district head) has at least 6 digits (issue 11 §1). */
  role: CaseRole | null = null,
): { field: 'pin' | 'repeat'; message: string } | null {
  const valid = validatePin(pin, { signer: role !== null && isSignerRole(role) });
  if (!valid.ok) return { field: 'pin', message: valid.reason };
  if (repeat !== pin) return { field: 'repeat', message: 'session:pin.mismatch' };
  return null;
}

interface NewPinFieldsProps {
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix: string;
  label: string;
  repeatLabel: string;
  pin: UseFormRegisterReturn;
  repeat: UseFormRegisterReturn;
  /** Message keys of the fields' errors. */
  pinError: string | undefined;
  repeatError: string | undefined;
}

/** A new PIN and its repetition, with the rule under the first and each field's error beside it. */
export function NewPinFields(props: NewPinFieldsProps) {
  const { t } = useTranslation();
  const { idPrefix, pinError, repeatError } = props;
  return (
    <>
      <label htmlFor={`${idPrefix}-new`}>{props.label}</label>
      <PinInput
        id={`${idPrefix}-new`}
        autoComplete="new-password"
        aria-invalid={pinError ? true : undefined}
        aria-describedby={`${idPrefix}-new-hint`}
        {...props.pin}
      />
      <p className="session-hint" id={`${idPrefix}-new-hint`}>
        {t('session:pin.hint')}
      </p>
      {pinError && (
        <p className="session-field-error" role="alert">
          {t(pinError)}
        </p>
      )}

      <label htmlFor={`${idPrefix}-repeat`}>{props.repeatLabel}</label>
      <PinInput
        id={`${idPrefix}-repeat`}
        autoComplete="new-password"
        aria-invalid={repeatError ? true : undefined}
        {...props.repeat}
      />
      {repeatError && (
        <p className="session-field-error" role="alert">
          {t(repeatError)}
        </p>
      )}
    </>
  );
}
