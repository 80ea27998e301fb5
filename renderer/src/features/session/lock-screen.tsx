import { useRef } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../app/desk-context';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { verifyUserPin } from '../../db';
import { useShowEarlierWait, SessionPage } from './login-screen';
import { useSwitchUser } from './switch-user';
import { useModalDialog } from './modal-dialog';
import { PinInput } from './pin-input';
import { PinMessage, usePinFeedback } from './pin-feedback';
import { deskUnlocked } from './session-slice';
import './session.css';

/**
 * Covers the desk after idle time or on request. The desk stays mounted beneath (a half-filled form
 * survives), but it is hidden and inert: only the same user's PIN opens it, or another user logs in.
 */
export function LockScreen() {
  const user = useAppSelector((s) => s.session.user);
  const ref = useRef<HTMLDialogElement>(null);
  const { onCancel } = useModalDialog(ref, undefined);
  return (
    <dialog
      ref={ref}
      className="session-lock"
      aria-labelledby="session-lock-heading"
      onCancel={onCancel}
    >
      <SessionPage>{user && <UnlockForm userId={user.id} name={user.name} />}</SessionPage>
    </dialog>
  );
}

function UnlockForm({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const { db, clock } = useDesk();
  const dispatch = useAppDispatch();
  const { switchUser, dialog: switchDialog } = useSwitchUser();
  const feedback = usePinFeedback();
  useShowEarlierWait(userId, feedback.show);
  const { register, handleSubmit, setFocus, resetField, formState } = useForm<{ pin: string }>({
    defaultValues: { pin: '' },
  });

  const submit = handleSubmit(async ({ pin }) => {
    try {
      const result = await verifyUserPin(db, userId, pin, clock.nowMs());
      if (result.ok) {
        dispatch(deskUnlocked());
        return;
      }
      feedback.show(result);
    } catch (error) {
      console.error('PIN check failed', error);
      feedback.show({ ok: false, reason: 'session:failed' });
    }
    resetField('pin');
    setFocus('pin');
  });

  return (
    <section className="session-card" aria-labelledby="session-lock-heading">
      <h1 id="session-lock-heading">{t('session:lock.heading')}</h1>
      <p>{t('session:lock.prompt', { name })}</p>
      <form className="session-pin-form" onSubmit={submit} noValidate>
        <label htmlFor="session-lock-pin">{t('session:login.pin')}</label>
        <PinInput
          id="session-lock-pin"
          data-autofocus
          aria-describedby="session-lock-message"
          {...register('pin')}
        />
        <PinMessage lines={feedback.lines} id="session-lock-message" />
        <div className="session-actions">
          <button
            type="submit"
            className="session-primary"
            disabled={formState.isSubmitting || feedback.waiting}
          >
            {formState.isSubmitting ? t('session:login.checking') : t('session:lock.unlock')}
          </button>
          <button type="button" className="session-secondary" onClick={switchUser}>
            {t('session:lock.otherUser')}
          </button>
        </div>
      </form>
      <p className="session-note">{t('session:lock.keptWork')}</p>
      <p className="session-note">{t('session:lock.otherUserNote')}</p>
      {switchDialog}
    </section>
  );
}
