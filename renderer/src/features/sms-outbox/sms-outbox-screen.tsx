import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SmsOutboxMessage } from '../../../../shared/sync/sms';
import { formatDate, formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { loadHubLink } from '../../db';
import { localDateTimeAt } from '../../platform';
import { useOfficeLabel } from '../journal';
import { readSmsOutbox, type OutboxRead } from './outbox-client';
import './sms-outbox.css';

/**
 * /sms: the SMS notices of decisions the hub queued (R-DEC-2, 003:49) and what became of each, read
 * from the hub when the desk is online: the district department sees its district's, an akimat its
 * own office's (the hub decides by the desk's credential). Nothing of it is kept on the desk.
 */
export function SmsOutboxScreen() {
  const { t } = useTranslation('sms');
  const { db } = useDesk();
  const labelOf = useOfficeLabel();
  const online = useAppSelector((s) => s.connectivity.network === 'online');
  // Each press of Refresh (and a change of the network) reads the outbox again; `loading` while the
  // answer shown is not the latest asked for.
  const [asked, setAsked] = useState(0);
  const [answer, setAnswer] = useState<{ asked: number; read: OutboxRead } | null>(null);

  useEffect(() => {
    let current = true;
    void (async () => {
      const link = await loadHubLink(db);
      const result = await readSmsOutbox(
        link && { url: link.url, credential: link.credential },
        online,
        (input, init) => fetch(input, init),
      );
      if (current) setAnswer({ asked, read: result });
    })();
    return () => {
      current = false;
    };
  }, [db, online, asked]);

  const read = answer?.read ?? null;
  const loading = answer?.asked !== asked;

  return (
    <section className="screen sms-outbox-screen">
      <h1>{t('title')}</h1>
      <p className="sms-lead">{t('lead')}</p>
      <div className="sms-toolbar">
        <button type="button" onClick={() => setAsked((n) => n + 1)} disabled={loading}>
          {loading ? t('loading') : t('refresh')}
        </button>
      </div>
      {read && !read.ok && (
        <p className="sms-problem" role="alert">
          {t(read.problem)}
        </p>
      )}
      {read?.ok && read.messages.length === 0 && <p className="sms-empty">{t('empty')}</p>}
      {read?.ok && read.messages.length > 0 && (
        <>
          {!read.complete && <p className="sms-problem">{t('partial')}</p>}
          <table className="sms-table">
            <thead>
              <tr>
                <th scope="col">{t('columns.state')}</th>
                <th scope="col">{t('columns.case')}</th>
                <th scope="col">{t('columns.office')}</th>
                <th scope="col">{t('columns.decision')}</th>
                <th scope="col">{t('columns.phone')}</th>
                <th scope="col">{t('columns.language')}</th>
                <th scope="col">{t('columns.time')}</th>
                <th scope="col">{t('columns.text')}</th>
              </tr>
            </thead>
            <tbody>
              {read.messages.map((m) => (
                <MessageRow key={m.id} message={m} officeName={labelOf(m.officeId)} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function MessageRow({ message: m, officeName }: { message: SmsOutboxMessage; officeName: string }) {
  const { t } = useTranslation('sms');
  return (
    <tr data-testid="sms-row">
      <td>
        <span className={`sms-state sms-state-${m.state}`}>{t(`states.${m.state}`)}</span>
        {m.state === 'failed' && m.failure !== null && (
          <div className="sms-failure">{t('failure', { reason: m.failure })}</div>
        )}
        {m.attempts > 1 && <div className="sms-hint">{t('attempts', { n: m.attempts })}</div>}
      </td>
      <td>
        <Link to={`/cases/${encodeURIComponent(m.caseId)}`}>
          {m.registrationNumber ?? t('noNumber')}
        </Link>
      </td>
      <td>{officeName}</td>
      <td>
        {t(`outcomes.${m.outcome}`)}
        <div className="sms-hint">{formatDate(m.decisionDate)}</div>
      </td>
      <td className="sms-phone">{m.phoneMasked}</td>
      <td>{t(`language.${m.language}`)}</td>
      <td>
        <div>{t('queuedAt', { at: formatDateTime(localDateTimeAt(m.queuedAtMs)) })}</div>
        {m.handedAtMs !== null && (
          <div className="sms-hint">
            {t('handedAt', { at: formatDateTime(localDateTimeAt(m.handedAtMs)) })}
          </div>
        )}
      </td>
      <td className="sms-text" lang={m.language}>
        {m.text}
      </td>
    </tr>
  );
}
