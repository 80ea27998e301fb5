import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './sync.css';
import { formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { rejectedEventsOfCase, retryRejected, useLive } from '../../db';
import { localDateTimeAt } from '../../platform';

/**
 * The events of this case the hub refused, each with its reason, until a person acts: "send again"
 * puts the event back in the queue (after the cause is fixed: a signer's key registered, a desk
 * updated) and syncs. Nothing refused is ever dropped.
 */
export function CaseRejections({ caseId }: { caseId: string }) {
  const { t } = useTranslation('sync');
  const { db, sync } = useDesk();
  const items = useLive(() => rejectedEventsOfCase(db, caseId), [db, caseId]);
  const [busy, setBusy] = useState(false);
  if (!items || items.length === 0) return null;
  const retry = async (eventId: string): Promise<void> => {
    setBusy(true);
    try {
      if (await retryRejected(db, eventId)) await sync.syncNow();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card cp-conflicts sync-case-rejections" role="alert">
      <h2>{t('ui.caseRejectedHeading')}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.eventId}>
            <strong>{item.eventType ? t(`case:events.${item.eventType}`) : item.eventId}</strong>,{' '}
            {t('ui.refusedAt', { at: formatDateTime(localDateTimeAt(item.rejectedAtMs)) })}:{' '}
            {t(item.reason)}{' '}
            <button
              type="button"
              className="sync-button sync-button--secondary"
              disabled={busy}
              onClick={() => void retry(item.eventId)}
            >
              {t('ui.sendAgain')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
