import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseRole } from '../../../../shared/case';
import { formatDate } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { casePath } from '../../app/paths';
import type { TodayEntry } from '../../db';
import { formatNumber } from '../../i18n';
import { formatDue, rowWorkLabels, serviceName, stepName, useOfficeNow } from '../journal';
import { groupToday, useTodayList } from './use-today';
import './today.css';

/**
 * What is the logged-in person's today: the steps they record, and (for the staff) the terms their
 * side holds, due today or late, grouped by step, late first. The same rows, steps and statuses as
 * the journal, the dashboard and the case page (shared/journal rowWork).
 */
export function TodayScreen() {
  const { t } = useTranslation(['today', 'journal', 'case']);
  const { calendar, clock, office } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const role = useAppSelector((s) => s.session.user?.role ?? null);
  const now = useOfficeNow(clock);
  const entries = useTodayList();
  const side = office?.kind ?? 'akimat';
  const groups = entries ? groupToday(entries) : [];
  const overdue = entries?.filter((e) => e.item.status === 'overdue').length ?? 0;
  const dueToday = (entries?.length ?? 0) - overdue;

  return (
    <section className="screen today-screen">
      <div className="today-header">
        <h1>{t('today:heading')}</h1>
        <p className="today-date">
          {formatDate(now.slice(0, 10))}
          {role && <> · {t(`today:roles.${role}`)}</>}
        </p>
      </div>
      <p className="today-lead">{t(`today:lead.${roleKind(role)}`)}</p>

      {entries && (
        <div className="today-totals" role="list">
          <div className="today-total today-total-overdue" role="listitem">
            <span className="today-total-number">{formatNumber(overdue, language)}</span>
            <span className="today-total-label">{t('today:figures.overdue')}</span>
          </div>
          <div className="today-total today-total-dueToday" role="listitem">
            <span className="today-total-number">{formatNumber(dueToday, language)}</span>
            <span className="today-total-label">{t('today:figures.dueToday')}</span>
          </div>
        </div>
      )}

      {entries === undefined && <p className="today-muted">{t('today:loading')}</p>}
      {entries && entries.length === 0 && <p className="today-clear">{t('today:empty')}</p>}

      {groups.map((group) => {
        const title = group.stepId === null ? t('today:termItem') : stepName(group.stepId, t);
        const headingId = `today-group-${group.stepId ?? 'term'}`;
        return (
          <article key={headingId} className="card today-group" aria-labelledby={headingId}>
            <h2 id={headingId}>
              {title}{' '}
              <span className="today-count">{formatNumber(group.entries.length, language)}</span>
            </h2>
            <table className="today-table">
              <thead>
                <tr>
                  <th scope="col" className="today-col-number">
                    {t('journal:columns.number')}
                  </th>
                  <th scope="col" className="today-col-name">
                    {t('journal:columns.applicant')}
                  </th>
                  <th scope="col">{t('journal:columns.service')}</th>
                  <th scope="col" className="today-col-due">
                    {t('today:columns.due')}
                  </th>
                  <th scope="col" className="today-col-status">
                    {t('journal:columns.status')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {group.entries.map(({ row, item }) => {
                  const labels = rowWorkLabels(row, now, calendar, side, t);
                  return (
                    <tr key={row.id} className={`today-row today-row-${item.status}`}>
                      <td className="today-nowrap">
                        <Link to={casePath(row.id)}>{row.number}</Link>
                      </td>
                      <td className="today-name">{row.applicantName}</td>
                      <td className="today-service">
                        {serviceName(row.serviceId, language)}
                        <div className="today-detail">{t(`case:stages.${row.stage}`)}</div>
                      </td>
                      <td className="today-nowrap">{formatDue(item.due)}</td>
                      <td>
                        <span className={`today-status today-status-${labels.tone}`}>
                          {labels.status}
                        </span>
                        {/* The group names the step and the due column its due point: a step's
                            line needs no more; a term's says how late it is. */}
                        {item.kind === 'term' && labels.detail && (
                          <div className="today-detail">{labels.detail}</div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </article>
        );
      })}
    </section>
  );
}

function roleKind(role: CaseRole | null): 'staff' | 'head' | 'none' {
  switch (role) {
    case 'specialist':
    case 'districtSpecialist':
      return 'staff';
    case 'akim':
    case 'districtHead':
      return 'head';
    case 'admin':
    case null:
      return 'none';
  }
}

/** The navigation's count of the person's today list (late and due today), when there is any. */
export function TodayNavBadge({ id }: { id: string }) {
  const { t } = useTranslation('today');
  const entries = useTodayList();
  const count = entries?.length ?? 0;
  if (count === 0) return null;
  const overdue = entries?.filter((e) => e.item.status === 'overdue').length ?? 0;
  return <NavCount id={id} count={count} alert={overdue > 0} label={t('badge', { count })} />;
}

/** A count beside a navigation link: seen as a number, read as its description. */
export function NavCount(props: { id: string; count: number; alert: boolean; label: string }) {
  return (
    <>
      <span className={`nav-badge${props.alert ? ' nav-badge-alert' : ''}`} aria-hidden="true">
        {props.count}
      </span>
      <span id={props.id} hidden>
        {props.label}
      </span>
    </>
  );
}

export type { TodayEntry };
