import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { changePin, isSignerRole } from '../../db';
import { ModalDialog } from './modal-dialog';
import { NewPinFields, newPinProblem } from './new-pin';
import { PinInput } from './pin-input';
import { PinMessage, usePinFeedback } from './pin-feedback';
import './session.css';

interface ChangePinValues {
  current: string;
  next: string;
  repeat: string;
}

/**
 * The logged-in user changes their own PIN, proving it with the current one. A signer keeps the same
 * key pair: the key is wrapped again under the new PIN.
 */
export function ChangePinDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { db, clock } = useDesk();
  const user = useAppSelector((s) => s.session.user);
  const feedback = usePinFeedback();
  const [done, setDone] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const { register, handleSubmit, setError, setFocus, resetField, formState } =
    useForm<ChangePinValues>({ defaultValues: { current: '', next: '', repeat: '' } });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    if (!user) return;
    setFailed(null);
    feedback.show(null);
    const problem = newPinProblem(values.next, values.repeat, user.role);
    if (problem) {
      setError(problem.field === 'pin' ? 'next' : 'repeat', { message: problem.message });
      return;
    }
    try {
      const result = await changePin(db, user.id, values.current, values.next, {
        nowMs: clock.nowMs(),
      });
      if (result.ok) {
        setDone(true);
        return;
      }
      switch (result.reason) {
        case 'identity:pin.wrong':
        case 'session:pin.wait':
        case 'users:errors.notFound':
        case 'users:errors.inactive':
          feedback.show(result);
          resetField('current');
          setFocus('current');
          return;
        case 'identity:pin.notDigits':
        case 'identity:pin.length':
        case 'identity:pin.signerLength':
        case 'identity:pin.tooSimple':
        case 'users:errors.samePin':
          setError('next', { message: result.reason });
          return;
        case 'users:errors.changedMeanwhile':
          setFailed(result.reason);
          return;
      }
    } catch (error) {
      console.error('PIN change failed', error);
      setFailed('session:changePin.failed');
    }
  });

  return (
    <ModalDialog title={t('session:changePin.heading')} onDismiss={onClose}>
      {done ? (
        <>
          <p role="status">{t('session:changePin.done')}</p>
          <div className="session-actions">
            <button type="button" className="session-primary" autoFocus onClick={onClose}>
              {t('session:changePin.close')}
            </button>
          </div>
        </>
      ) : (
        <form className="session-pin-form" onSubmit={submit} noValidate>
          <label htmlFor="session-change-current">{t('session:changePin.current')}</label>
          <PinInput
            id="session-change-current"
            data-autofocus
            aria-describedby="session-change-current-message"
            {...register('current')}
          />
          <PinMessage lines={feedback.lines} id="session-change-current-message" />

          <NewPinFields
            idPrefix="session-change"
            label={t('session:changePin.new')}
            repeatLabel={t('session:changePin.repeat')}
            pin={register('next')}
            repeat={register('repeat')}
            pinError={errors.next?.message}
            repeatError={errors.repeat?.message}
          />

          {user && isSignerRole(user.role) && (
            <p className="session-note">{t('session:changePin.signerNote')}</p>
          )}
          {failed && (
            <p className="session-field-error" role="alert">
              {t(failed)}
            </p>
          )}
          <div className="session-actions">
            <button
              type="submit"
              className="session-primary"
              disabled={formState.isSubmitting || feedback.waiting}
            >
              {formState.isSubmitting
                ? t('session:changePin.working')
                : t('session:changePin.submit')}
            </button>
            <button type="button" className="session-secondary" onClick={onClose}>
              {t('session:changePin.cancel')}
            </button>
          </div>
        </form>
      )}
    </ModalDialog>
  );
}
