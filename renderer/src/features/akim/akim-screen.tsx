import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rowDue } from '../../../../shared/journal';
import { Link } from 'react-router';
import { findService, localized } from '../../../../shared/catalog';
import { formatDate, formatDateTime } from '../../../../shared/time';
import type { LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { casePath } from '../../app/paths';
import { loadAkimInbox, useLive, type AkimInboxCase } from '../../db';
import { actingAs } from '../session';
import { useTodayList } from '../today';
import { ResolutionForm } from './resolution-form';
import { TermBadge } from './term';
import './akim.css';

/** The registers screen selects a register by this search parameter. */
export const REGISTER_QUERY_PARAM = 'register';
const registerLink = (id: string) => `/registers?${REGISTER_QUERY_PARAM}=${encodeURIComponent(id)}`;

export function serviceName(serviceId: string, language: 'kk' | 'ru'): string {
  const found = findService(serviceId);
  return found.ok ? localized(found.service.name, language) : serviceId;
}

/**
 * The akim's desk: what waits for a resolution or a signature, nearest deadline first (the late
 * first; db/akim-queries nearestDeadlineFirst), with its terms. The
 * resolution is imposed right here; registers and certificates open where they are signed.
 */
export function AkimScreen() {
  const { t } = useTranslation(['akim', 'today']);
  const { db, clock, office } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const inbox = useLive(
    () => (office ? loadAkimInbox(db, actingAs('akim', office)) : Promise.resolve(undefined)),
    [db, office],
  );
  // His resolutions and signatures due today or late: the today list's (shared/journal rowWork).
  const dueNow = useTodayList();
  const [openCase, setOpenCase] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const now: LocalDateTime = clock.nowLocal();
  // Terms of minutes (the resolution) change colour while the screen is open.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), 30_000);
    return () => window.clearInterval(timer);
  }, []);

  if (!inbox) {
    return (
      <section className="screen akim-screen">
        <h1>{t('title')}</h1>
        <p className="akim-muted">{t('loading')}</p>
      </section>
    );
  }

  const applicant = (item: AkimInboxCase) => (
    <>
      <span>{item.row.applicantName}</span>
      {item.row.flagged && <span className="akim-flag">{t('flagged')}</span>}
      <div className="akim-muted akim-small">{t('iin', { iin: item.row.iin })}</div>
    </>
  );

  return (
    <section className="screen akim-screen">
      <h1>{t('title')}</h1>
      <div className="akim-summary" role="list">
        <SummaryTile label={t('sections.resolutions')} count={inbox.resolutions.length} />
        <SummaryTile label={t('sections.registers')} count={inbox.registers.length} />
        <SummaryTile label={t('sections.certificates')} count={inbox.certificates.length} />
        <Link to="/today" className="akim-tile-link" role="listitem">
          <SummaryTile
            label={t('today:akimDue')}
            count={dueNow?.length ?? 0}
            late={(dueNow ?? []).some((e) => e.item.status === 'overdue')}
          />
        </Link>
      </div>
      {notice && (
        <p className="akim-success" role="status">
          {notice}
        </p>
      )}

      <InboxSection
        id="akim-resolutions"
        title={t('sections.resolutions')}
        count={inbox.resolutions.length}
        empty={t('empty.resolutions')}
      >
        <table className="akim-table">
          <thead>
            <tr>
              <th>{t('columns.number')}</th>
              <th>{t('columns.registered')}</th>
              <th>{t('columns.applicant')}</th>
              <th>{t('columns.service')}</th>
              <th>{t('columns.resolutionDue')}</th>
              <th>{t('columns.due')}</th>
              <th>{t('columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {inbox.resolutions.map((item) => (
              <Fragment key={item.row.id}>
                <tr className={openCase === item.row.id ? 'akim-row--open' : undefined}>
                  <td className="akim-nowrap">
                    <Link to={casePath(item.row.id)}>{item.row.number}</Link>
                  </td>
                  <td>
                    {item.registeredAt
                      ? formatDateTime(item.registeredAt)
                      : formatDate(item.row.date)}
                  </td>
                  <td>{applicant(item)}</td>
                  <td>{serviceName(item.row.serviceId, language)}</td>
                  <td>
                    <TermBadge due={item.resolutionDue} now={now} />
                  </td>
                  <td>
                    <TermBadge due={rowDue(item.row)} phase={item.row.termPhase} now={now} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="akim-button akim-button--primary"
                      aria-expanded={openCase === item.row.id}
                      onClick={() => {
                        setNotice(null);
                        setOpenCase(openCase === item.row.id ? null : item.row.id);
                      }}
                    >
                      {openCase === item.row.id
                        ? t('actions.close')
                        : t('actions.resolve', { number: item.row.number })}
                    </button>
                  </td>
                </tr>
                {openCase === item.row.id && (
                  <tr className="akim-row-form">
                    <td colSpan={7}>
                      <h3>{t('resolution.headingFor', { number: item.row.number })}</h3>
                      <ResolutionForm
                        caseId={item.row.id}
                        onCancel={() => setOpenCase(null)}
                        onImposed={() => {
                          setOpenCase(null);
                          setNotice(t('resolution.imposedOn', { number: item.row.number }));
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </InboxSection>

      <InboxSection
        id="akim-registers"
        title={t('sections.registers')}
        count={inbox.registers.length}
        empty={t('empty.registers')}
      >
        <table className="akim-table">
          <thead>
            <tr>
              <th>{t('columns.register')}</th>
              <th>{t('columns.date')}</th>
              <th>{t('columns.cases')}</th>
              <th>{t('columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {inbox.registers.map((register) => (
              <tr key={register.id}>
                <td className="akim-nowrap">{register.number}</td>
                <td>{formatDate(register.date)}</td>
                <td>{register.caseIds.length}</td>
                <td>
                  <Link className="akim-button akim-button--primary" to={registerLink(register.id)}>
                    {t('actions.openRegister')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </InboxSection>

      <InboxSection
        id="akim-certificates"
        title={t('sections.certificates')}
        count={inbox.certificates.length}
        empty={t('empty.certificates')}
      >
        <table className="akim-table">
          <thead>
            <tr>
              <th>{t('columns.number')}</th>
              <th>{t('columns.registered')}</th>
              <th>{t('columns.applicant')}</th>
              <th>{t('columns.resolution')}</th>
              <th>{t('columns.due')}</th>
              <th>{t('columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {inbox.certificates.map((item) => (
              <tr key={item.row.id}>
                <td className="akim-nowrap">
                  <Link to={casePath(item.row.id)}>{item.row.number}</Link>
                </td>
                <td>
                  {item.registeredAt
                    ? formatDateTime(item.registeredAt)
                    : formatDate(item.row.date)}
                </td>
                <td>{applicant(item)}</td>
                <td>{item.resolution ? `«${item.resolution.text}»` : '—'}</td>
                <td>
                  <TermBadge due={rowDue(item.row)} phase={item.row.termPhase} now={now} />
                </td>
                <td>
                  <Link className="akim-button akim-button--primary" to={casePath(item.row.id)}>
                    {t('actions.signCertificate')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </InboxSection>
    </section>
  );
}

function SummaryTile({ label, count, late }: { label: string; count: number; late?: boolean }) {
  return (
    <div
      className={`akim-tile${count > 0 ? ' akim-tile--busy' : ''}${late ? ' akim-tile--late' : ''}`}
      role={late === undefined ? 'listitem' : undefined}
    >
      <span className="akim-tile-count">{count}</span>
      <span className="akim-tile-label">{label}</span>
    </div>
  );
}

/** One list of the inbox: a heading with its count, then the items or a line saying there are none. */
function InboxSection({
  id,
  title,
  count,
  empty,
  children,
}: {
  id: string;
  title: string;
  count: number;
  empty: string;
  children: ReactNode;
}) {
  return (
    <article className="card akim-card" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="akim-count">{count}</span>
      </h2>
      {count === 0 ? <p className="akim-muted">{empty}</p> : children}
    </article>
  );
}
