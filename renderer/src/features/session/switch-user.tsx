import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogOut } from './log-out';
import { ModalDialog } from './modal-dialog';
import { unsavedWorkNow, type WorkName } from './drafts';

/**
 * A quick user switch that warns first when a screen holds unsaved work (drafts.ts): it is kept for
 * this user and comes back when they log in again on this desk, until the desk is closed. Without
 * unsaved work the switch happens at once.
 */
export function useSwitchUser(): { switchUser: () => void; dialog: ReactNode } {
  const { t } = useTranslation('session');
  const logOut = useLogOut();
  const [asking, setAsking] = useState<readonly WorkName[] | null>(null);
  const switchUser = () => {
    const work = unsavedWorkNow();
    if (work.length === 0) logOut();
    else setAsking(work);
  };
  const dialog = asking && (
    <ModalDialog title={t('switch.heading')} onDismiss={() => setAsking(null)}>
      <p>{t('switch.unsaved')}</p>
      <ul>
        {asking.map((what) => {
          const text = typeof what === 'string' ? t(what) : t(what.key, what.params);
          return <li key={text}>{text}</li>;
        })}
      </ul>
      <p>{t('switch.kept')}</p>
      <div className="session-actions">
        <button type="button" className="session-primary" onClick={logOut}>
          {t('switch.confirm')}
        </button>
        <button
          type="button"
          className="session-secondary"
          data-autofocus
          onClick={() => setAsking(null)}
        >
          {t('switch.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
  return { switchUser, dialog };
}
