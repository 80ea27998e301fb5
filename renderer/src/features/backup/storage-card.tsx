import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../app/desk-context';
import { askDurableStorage, durableStorageState, type StorageAnswer } from './data-origin';

/**
 * Where the desk keeps its data and whether the browser may evict it (issue 11 §3): the answer to
 * navigator.storage.persist(), asked at start (main.tsx) and again from here; in a browser, the
 * address (origin) the data belongs to, since another address of the same computer does not see it.
 */
export function StorageCard() {
  const { t } = useTranslation('backup');
  const { appInfo } = useDesk();
  const [answer, setAnswer] = useState<StorageAnswer | null>(null);
  useEffect(() => {
    let live = true;
    void durableStorageState(navigator.storage).then((a) => {
      if (live) setAnswer(a);
    });
    return () => {
      live = false;
    };
  }, []);
  const browser = appInfo.shell === 'browser';
  return (
    <article className="card" aria-labelledby="storage-card-heading">
      <h2 id="storage-card-heading">{t('storage.heading')}</h2>
      <dl>
        <dt>{t('storage.persistence')}</dt>
        <dd className={answer === 'persisted' ? 'system-ok' : 'backup-due'}>
          {answer === null ? '…' : t(`storage.answer.${answer}`)}
        </dd>
        <dt>{t('storage.origin')}</dt>
        <dd>{window.location.origin}</dd>
      </dl>
      <p className="system-hint">{t(browser ? 'storage.browserHint' : 'storage.electronHint')}</p>
      {answer === 'notPersisted' && (
        <button
          type="button"
          className="backup-button backup-button--secondary"
          onClick={() => void askDurableStorage(navigator.storage).then(setAnswer)}
        >
          {t('storage.askAgain')}
        </button>
      )}
    </article>
  );
}
