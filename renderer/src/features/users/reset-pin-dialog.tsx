import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../app/desk-context';
import { resetPin, writeFailureReason, type UserRow } from '../../db';
import {
  ModalDialog,
  NewPinFields,
  newPinProblem,
  PinInput,
  PinMessage,
  usePinFeedback,
  type SessionUser,
} from '../session';

interface ResetValues {
  managerPin: string;
  newPin: string;
  repeat: string;
}

/**
 * A forgotten PIN. The akim or admin confirms with their own PIN; the user then types the new PIN
 * themselves, so nobody else learns it. A signer gets a new key pair (the forgotten PIN was the only
 * way to open the old one); the old public key is kept to check earlier signatures.
 */
export function ResetPinDialog({
  user,
  manager,
  onClose,
  onDone,
}: {
  user: UserRow;
  manager: SessionUser;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { db, clock } = useDesk();
  const feedback = usePinFeedback();
  const [failed, setFailed] = useState<string | null>(null);
  const { register, handleSubmit, setError, setFocus, resetField, formState } =
    useForm<ResetValues>({ defaultValues: { managerPin: '', newPin: '', repeat: '' } });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setFailed(null);
    feedback.show(null);
    const problem = newPinProblem(values.newPin, values.repeat, user.role);
    if (problem) {
      setError(problem.field === 'pin' ? 'newPin' : 'repeat', { message: problem.message });
      return;
    }
    try {
      const result = await resetPin(
        db,
        {
          userId: user.id,
          newPin: values.newPin,
          managerId: manager.id,
          managerPin: values.managerPin,
        },
        { nowMs: clock.nowMs() },
      );
      if (result.ok) {
        onDone(
          t(result.newSigningKey ? 'users:reset.doneNewKey' : 'users:reset.done', {
            name: user.name,
          }),
        );
        return;
      }
      switch (result.reason) {
        case 'identity:pin.wrong':
        case 'session:pin.wait':
          feedback.show(result);
          resetField('managerPin');
          setFocus('managerPin');
          return;
        case 'identity:pin.notDigits':
        case 'identity:pin.length':
        case 'identity:pin.signerLength':
        case 'identity:pin.tooSimple':
          setError('newPin', { message: result.reason });
          return;
        default:
          setFailed(result.reason);
      }
    } catch (error) {
      console.error('PIN reset failed', error);
      const reason = writeFailureReason(error);
      setFailed(reason === 'common:writeErrors.unknown' ? 'users:reset.failed' : reason);
    }
  });

  return (
    <ModalDialog title={t('users:reset.heading', { name: user.name })} onDismiss={onClose}>
      <form className="users-dialog-form" onSubmit={submit} noValidate>
        <p>{t('users:reset.explain')}</p>
        {user.signingKey && <p className="users-warning">{t('users:reset.signerWarning')}</p>}

        <label htmlFor="users-reset-manager">
          {t('users:reset.managerPin', { name: manager.name })}
        </label>
        <PinInput
          id="users-reset-manager"
          data-autofocus
          aria-describedby="users-reset-manager-message"
          {...register('managerPin')}
        />
        <PinMessage lines={feedback.lines} id="users-reset-manager-message" />

        <NewPinFields
          idPrefix="users-reset"
          label={t('users:reset.newPin')}
          repeatLabel={t('users:reset.newPinRepeat')}
          pin={register('newPin')}
          repeat={register('repeat')}
          pinError={errors.newPin?.message}
          repeatError={errors.repeat?.message}
        />

        {failed && (
          <p className="users-field-error" role="alert">
            {t(failed)}
          </p>
        )}
        <div className="users-actions">
          <button
            type="submit"
            className="users-primary"
            disabled={formState.isSubmitting || feedback.waiting}
          >
            {formState.isSubmitting ? t('users:reset.working') : t('users:reset.submit')}
          </button>
          <button type="button" className="users-secondary" onClick={onClose}>
            {t('users:reset.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
