import { useEffect, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { validatePin } from '../../../../shared/signing';
import { useDesk } from '../../app/desk-context';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { listActiveUsers, pinWaitUntil, useLive, verifyUserPin, type UserRow } from '../../db';
import { LanguageSwitch } from '../preferences';
import { PinInput } from './pin-input';
import { PinMessage, usePinFeedback, type PinFeedback } from './pin-feedback';
import { userLoggedIn } from './session-slice';
import './session.css';

/** The page around the login and lock screens: who the desk belongs to, and the language. */
export function SessionPage({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { office } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const officeName = office ? (language === 'kk' ? office.nameKk : office.nameRu) : '';
  return (
    <div className="session-page">
      <header className="session-page-header">
        <div className="frame-title">
          <span className="app-name">Akimat Desk</span>
          <span className="office-name">{officeName || t('frame.officeNotSetUp')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main className="session-page-main">{children}</main>
    </div>
  );
}

/** Who is at the desk: pick yourself, type your PIN. */
export function LoginScreen() {
  const { t } = useTranslation();
  const { db } = useDesk();
  const users = useLive(() => listActiveUsers(db), [db]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = users?.find((u) => u.id === selectedId) ?? null;

  return (
    <SessionPage>
      <section className="session-card" aria-labelledby="session-login-heading">
        <h1 id="session-login-heading">{t('session:login.heading')}</h1>
        {selected ? (
          <LoginPinForm key={selected.id} user={selected} onBack={() => setSelectedId(null)} />
        ) : (
          <>
            <h2 className="session-subheading">{t('session:login.whoWorks')}</h2>
            {users && users.length === 0 && <p role="alert">{t('session:login.noUsers')}</p>}
            <ul className="session-user-list">
              {users?.map((user) => (
                <li key={user.id}>
                  <button
                    type="button"
                    className="session-user-button"
                    onClick={() => setSelectedId(user.id)}
                  >
                    <span className="session-user-name">{user.name}</span>
                    <span className="session-user-role">{t(`users:roles.${user.role}`)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </SessionPage>
  );
}

function LoginPinForm({ user, onBack }: { user: UserRow; onBack: () => void }) {
  const { t } = useTranslation();
  const { db, clock } = useDesk();
  const dispatch = useAppDispatch();
  const feedback = usePinFeedback();
  const { register, handleSubmit, setFocus, resetField, formState } = useForm<{ pin: string }>({
    defaultValues: { pin: '' },
  });
  useShowEarlierWait(user.id, feedback.show);

  const submit = handleSubmit(async ({ pin }) => {
    const format = validatePin(pin);
    if (!format.ok && format.reason !== 'identity:pin.tooSimple') {
      feedback.show({ ok: false, reason: format.reason });
      setFocus('pin');
      return;
    }
    try {
      const result = await verifyUserPin(db, user.id, pin, clock.nowMs());
      if (result.ok) {
        dispatch(
          userLoggedIn({ id: result.user.id, name: result.user.name, role: result.user.role }),
        );
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
    <form className="session-pin-form" onSubmit={submit} noValidate>
      <p className="session-who">
        <span className="session-user-name">{user.name}</span>
        <span className="session-user-role">{t(`users:roles.${user.role}`)}</span>
      </p>
      <label htmlFor="session-login-pin">{t('session:login.pin')}</label>
      <PinInput
        id="session-login-pin"
        autoFocus
        aria-describedby="session-login-message"
        {...register('pin')}
      />
      <PinMessage lines={feedback.lines} id="session-login-message" />
      <div className="session-actions">
        <button
          type="submit"
          className="session-primary"
          disabled={formState.isSubmitting || feedback.waiting}
        >
          {formState.isSubmitting ? t('session:login.checking') : t('session:login.submit')}
        </button>
        <button type="button" className="session-secondary" onClick={onBack}>
          {t('session:login.otherUser')}
        </button>
      </div>
    </form>
  );
}

/** A wait from earlier wrong PINs (even from before a reload) shows as soon as the user is picked. */
export function useShowEarlierWait(userId: string, show: PinFeedback['show']): void {
  const { db, clock } = useDesk();
  useEffect(() => {
    let live = true;
    void pinWaitUntil(db, userId, clock.nowMs()).then((until) => {
      if (live && until !== null) show({ ok: false, reason: 'session:pin.wait', retryAtMs: until });
    });
    return () => {
      live = false;
    };
  }, [db, clock, userId, show]);
}
