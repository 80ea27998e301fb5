// The hearing before a refusal at a glance (seed 003:38-47): the notice and the hearing it sets, the
// objection window, the protocol, the day it was read, the remarks window and the earliest date a
// refusal may bear. Every date comes from hearingDates (the shared window functions over the desk's
// calendar); the card only says them.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseState, HearingState } from '../../../../shared/case';
import type { WorkingCalendar } from '../../../../shared/calendar';
import type { ServiceDefinition } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';
import type { WindowFilingCheck } from '../../../../shared/deadlines';
import { formatDate, formatDateTime } from '../../../../shared/time';
import { noticeGroundLines } from '../documents';
import { hearingDates } from './forms/hearing-dates';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** "on time" or "late (the window ended …)" for a filing within a window. */
function FilingFlag({ check }: { check: WindowFilingCheck | null }) {
  const { t } = useTranslation('casePage');
  if (check === null || !check.ok) return null;
  return check.late ? (
    <span className="cp-late"> — {t(check.messageKey, { date: formatDate(check.deadline) })}</span>
  ) : (
    <span className="cp-ok"> — {t('hearing.card.inTime')}</span>
  );
}

export function HearingCard({
  hearing,
  decision,
  calendar,
  service,
  lang,
}: {
  hearing: HearingState;
  decision: CaseState['decision'];
  calendar: WorkingCalendar;
  /** The case's service, whose catalog names a listed ground in the reader's language. */
  service: ServiceDefinition | null;
  lang: Language;
}) {
  const { t } = useTranslation('casePage');
  const dates = hearingDates(hearing, calendar);
  const { notice, objection, protocol, remarks } = hearing;
  const refusal = dates.refusal;
  return (
    <article className="card cp-card cp-hearing" aria-labelledby="cp-hearing-heading">
      <h2 id="cp-hearing-heading">{t('hearing.card.heading')}</h2>
      <dl className="cp-facts">
        <Row label={t('hearing.card.notice')}>{formatDate(dates.noticeDate)}</Row>
        <Row label={t('hearing.card.grounds')}>
          {noticeGroundLines(notice.grounds, service, lang).join('; ')}
        </Row>
        <Row label={t('hearing.card.hearing')}>
          {formatDateTime(notice.hearing.at)}, {t(`case:hearingModes.${notice.hearing.mode}`)}
          {notice.hearing.details ? ` (${notice.hearing.details})` : ''}
        </Row>
        <Row label={t('hearing.card.received')}>
          {dates.noticeReceivedOn ? formatDate(dates.noticeReceivedOn) : t('hearing.card.notYet')}
        </Row>
        <Row label={t('hearing.card.objectionDeadline')}>
          {dates.objectionDeadline
            ? formatDate(dates.objectionDeadline)
            : t('hearing.card.afterReceipt')}
        </Row>
        <Row label={t('hearing.card.objection')}>
          {objection ? (
            <>
              {t(`case:objectionForms.${objection.form}`)}, {formatDate(objection.date)}
              <FilingFlag check={dates.objectionCheck} />
            </>
          ) : (
            t('hearing.card.none')
          )}
        </Row>
        <Row label={t('hearing.card.protocol')}>
          {protocol ? (
            t('hearing.card.protocolText', {
              date: formatDate(protocol.date),
              number: protocol.number ?? '—',
            })
          ) : hearing.protocolRequired ? (
            <span className="cp-late">{t('hearing.card.protocolRequired')}</span>
          ) : (
            t('hearing.card.none')
          )}
        </Row>
        <Row label={t('hearing.card.familiarized')}>
          {dates.familiarizedOn
            ? formatDate(dates.familiarizedOn)
            : protocol
              ? t('hearing.card.notYet')
              : '—'}
        </Row>
        <Row label={t('hearing.card.remarksDeadline')}>
          {dates.remarksDeadline ? formatDate(dates.remarksDeadline) : '—'}
        </Row>
        <Row label={t('hearing.card.remarks')}>
          {remarks ? (
            <>
              {formatDate(remarks.date)}
              <FilingFlag check={dates.remarksCheck} />
            </>
          ) : (
            t('hearing.card.none')
          )}
        </Row>
        <Row label={t(decision ? 'hearing.card.decision' : 'hearing.card.earliestRefusal')}>
          {decision ? (
            t('hearing.card.decided', {
              date: formatDate(decision.date),
              outcome: t(`case:decisionOutcomes.${decision.outcome}`),
            })
          ) : (
            <>
              {refusal.earliest ? formatDate(refusal.earliest.from) : '—'}
              {refusal.earliest && (
                <div className="cp-muted">
                  {t(`decision.why.${refusal.earliest.rule}`, {
                    from: formatDate(refusal.earliest.from),
                    anchor: formatDate(refusal.earliest.anchor),
                  })}
                </div>
              )}
              {refusal.missing && (
                <div className="cp-late">{t(`case:rejections.${refusal.missing}`)}</div>
              )}
            </>
          )}
        </Row>
      </dl>
    </article>
  );
}
