import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDesk } from '../../app/desk-context';
import { inboundCount, inboundQueue, registerCaseRows, useLive } from '../../db';
import { NavCount } from '../today';
import { journalPath, useOfficeLabel, useOfficeNow } from '../journal';
import { InboundCases } from './inbound-cases';
import { InboundRegisterCard, type Receipt } from './inbound-register';
import { groupByOkrug } from './okrug-groups';
import './inbound.css';

/**
 * The district department's inbound queue: the registers the akimats forwarded and their cases as they
 * arrive, by okrug, each case with its term; the specialist receives a register, which starts the
 * district's own step. Received cases leave the queue for the journal and the today list.
 */
export function InboundScreen() {
  const { t } = useTranslation(['inbound']);
  const { db, clock } = useDesk();
  const now = useOfficeNow(clock);
  const queue = useLive(() => inboundQueue(db), [db]);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const received = useLive(
    async () => (receipt ? registerCaseRows(db, { caseIds: receipt.caseIds }) : []),
    [db, receipt],
  );
  const labelOf = useOfficeLabel();
  const groups = queue ? groupByOkrug(queue, labelOf) : [];

  return (
    <section className="screen inbound-screen">
      <h1>{t('inbound:title')}</h1>
      <p className="inbound-lead">{t('inbound:lead')}</p>

      {receipt && received && received.length > 0 && (
        <div className="card inbound-done" role="status">
          <h2>{t('inbound:done.title', { number: receipt.registerNumber })}</h2>
          <p>{t('inbound:done.lead')}</p>
          <InboundCases
            rows={received}
            now={now}
            caption={t('inbound:done.title', { number: receipt.registerNumber })}
          />
          <p className="inbound-links">
            <Link to="/today">{t('inbound:done.toToday')}</Link>
            <Link to={journalPath({ stage: 'atDistrict' })}>{t('inbound:done.toJournal')}</Link>
          </p>
        </div>
      )}

      {queue === undefined && <p className="inbound-muted">{t('inbound:loading')}</p>}
      {queue !== undefined && queue.length === 0 && (
        <p className="inbound-empty">{t('inbound:empty')}</p>
      )}

      {groups.map((group) => (
        <section key={group.officeId ?? ''} className="inbound-okrug">
          <h2>
            {group.label}{' '}
            <span className="inbound-muted">
              {t('inbound:okrugCount', { count: group.waiting })}
            </span>
          </h2>
          {group.registers.map((register) => (
            <InboundRegisterCard
              key={register.registerId}
              register={register}
              okrugLabel={group.label}
              now={now}
              onReceived={setReceipt}
            />
          ))}
        </section>
      ))}
    </section>
  );
}

/** The navigation's count of cases waiting to be received, when there is any. */
export function InboundNavBadge({ id }: { id: string }) {
  const { t } = useTranslation('inbound');
  const { db } = useDesk();
  const count = useLive(() => inboundCount(db), [db]) ?? 0;
  if (count === 0) return null;
  return <NavCount id={id} count={count} alert={false} label={t('badge', { count })} />;
}
