import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rowDue } from '../../../../shared/journal';
import { formatDate } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { casePath } from '../../app/paths';
import { endOfToday } from '../../../../shared/journal';
import {
  casesWithStepDueBy,
  compareKazakh,
  dueSoonLastDate,
  journalOfficeTallies,
  openCasesDueBy,
  suspendedCases,
  useLive,
  type CaseRow,
} from '../../db';
import { formatNumber } from '../../i18n';
import {
  formatDue,
  journalPath,
  rowWorkLabels,
  serviceName,
  useOfficeLabel,
  useOfficeNow,
} from '../journal';
import { DeadlineTable, type FigureRow } from './dashboard-figures';
import { DashboardListActions } from './dashboard-list-actions';
import { OkrugTable, type OkrugRow } from './okrug-table';
import {
  DEADLINE_FIGURES,
  emptyFigures,
  summarizeDeadlines,
  type DeadlineFigure,
  type FigureCases,
} from './deadline-summary';
import { useMorningReminder, useNotificationPermission } from './use-morning-reminder';
import './dashboard.css';

const ALL = 'all';

const countsOf = (cases: FigureCases): Record<DeadlineFigure, number> => ({
  overdue: cases.overdue.length,
  overdueElsewhere: cases.overdueElsewhere.length,
  dueToday: cases.dueToday.length,
  dueSoon: cases.dueSoon.length,
  suspended: cases.suspended.length,
});

/**
 * Deadlines at a glance: overdue, due today, due within 3 working days and suspended, per service.
 */
export function DashboardScreen() {
  const { t } = useTranslation(['dashboard', 'journal', 'case']);
  const { db, clock, office, calendar } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const labelOf = useOfficeLabel();
  const now = useOfficeNow(clock);
  const today = now.slice(0, 10);
  const covered = calendar.covers(today);
  const lastSoon = covered ? dueSoonLastDate(today, calendar) : today;
  const side = office?.kind ?? 'akimat';
  // Terms due soon, steps due today or late (a late step of a term far off), and suspended terms.
  const stepsUntil = endOfToday(now);
  const rows = useLive(
    async () => [
      ...(await openCasesDueBy(db, lastSoon)),
      ...(await casesWithStepDueBy(db, stepsUntil)),
      ...(await suspendedCases(db)),
    ],
    [db, lastSoon, stepsUntil],
  );
  // The district's view across okrugs: each akimat's open and late cases (the journal's own
  // filters, counted on the officeId index's keys), and the figures of one okrug when one is chosen.
  const districtMode = side === 'district';
  const okrugFilterId = useId();
  const [okrug, setOkrug] = useState<string | null>(null);
  const tallies = useLive(
    async () => (districtMode && covered ? journalOfficeTallies(db, { now, calendar }) : []),
    [db, districtMode, covered, now, calendar],
  );
  const okrugRows: OkrugRow[] = (tallies ?? [])
    .map((tally) => ({ ...tally, label: labelOf(tally.officeId) }))
    .sort((a, b) => compareKazakh(a.label, b.label));
  const okrugName = okrug === null ? null : labelOf(okrug);
  const summary = useMemo(
    () => (rows && covered ? summarizeDeadlines(rows, now, calendar, side, okrug) : null),
    [rows, now, covered, calendar, side, okrug],
  );
  useMorningReminder();
  const { permission, request } = useNotificationPermission();
  const [selected, setSelected] = useState<{ key: string; figure: DeadlineFigure } | null>(null);

  const figureLabels: Record<DeadlineFigure, string> = {
    overdue: t('dashboard:figures.overdue'),
    overdueElsewhere: t(`dashboard:figures.overdueElsewhere.${side}`),
    dueToday: t('dashboard:figures.dueToday'),
    dueSoon: t('dashboard:figures.dueSoon'),
    suspended: t('dashboard:figures.suspended'),
  };
  const serviceRows: (FigureRow & { cases: FigureCases })[] = (summary?.services ?? [])
    .map((s) => ({
      key: s.serviceId,
      label: serviceName(s.serviceId, language),
      counts: countsOf(s.cases),
      cases: s.cases,
    }))
    .sort((a, b) => compareKazakh(a.label, b.label));
  const totalRow = {
    key: ALL,
    label: t('dashboard:table.total'),
    counts: countsOf(summary?.all ?? emptyFigures()),
    cases: summary?.all ?? emptyFigures(),
  };

  // Until a figure is chosen, the most urgent non-empty one of all services is open.
  const firstUrgent = DEADLINE_FIGURES.find((f) => totalRow.counts[f] > 0);
  const open = selected ?? (firstUrgent !== undefined ? { key: ALL, figure: firstUrgent } : null);
  const openRow = open && [totalRow, ...serviceRows].find((r) => r.key === open.key);
  const openCases: CaseRow[] = open && openRow ? openRow.cases[open.figure] : [];
  const nothingDue = summary !== null && firstUrgent === undefined;

  return (
    <section className="screen dashboard-screen">
      <div className="dashboard-header">
        <h1>{t('dashboard:title')}</h1>
        <p className="dashboard-date">
          {t('dashboard:asOf', { date: formatDate(today) })}
          {covered && !calendar.isWorkingDay(today) && (
            <span className="dashboard-day-off"> · {t('dashboard:dayOff')}</span>
          )}
        </p>
      </div>

      {!covered && (
        <p className="dashboard-warning" role="alert">
          {t('dashboard:calendarMissing')}
        </p>
      )}

      {districtMode && okrugRows.length > 0 && (
        <div className="dashboard-okrug-filter">
          <label htmlFor={okrugFilterId}>{t('dashboard:okrugs.filter')}</label>
          <select
            id={okrugFilterId}
            value={okrug ?? ''}
            onChange={(e) => {
              setOkrug(e.target.value || null);
              setSelected(null);
            }}
          >
            <option value="">{t('dashboard:okrugs.all')}</option>
            {okrugRows.map((row) => (
              <option key={row.officeId} value={row.officeId}>
                {row.label}
              </option>
            ))}
          </select>
        </div>
      )}

      {summary && (
        <div className="dashboard-totals">
          {DEADLINE_FIGURES.map((figure) => (
            <button
              type="button"
              key={figure}
              className={`dashboard-total-card dashboard-card-${figure}`}
              aria-pressed={open?.key === ALL && open.figure === figure}
              onClick={() => setSelected({ key: ALL, figure })}
            >
              <span className="dashboard-total-number">
                {formatNumber(totalRow.counts[figure], language)}
              </span>
              <span className="dashboard-total-label">{figureLabels[figure]}</span>
            </button>
          ))}
        </div>
      )}

      {nothingDue && <p className="dashboard-clear">{t('dashboard:allClear')}</p>}

      {summary && !nothingDue && (
        <div className="dashboard-grid">
          <div className="card dashboard-services">
            <DeadlineTable
              caption={t('dashboard:table.caption')}
              serviceHeader={t('dashboard:table.service')}
              figureLabels={figureLabels}
              rows={serviceRows}
              total={totalRow}
              selected={open}
              onSelect={(key, figure) => setSelected({ key, figure })}
              describe={(row, figure) =>
                t('dashboard:table.figureButton', {
                  count: row.counts[figure],
                  figure: figureLabels[figure],
                  service: row.label,
                })
              }
            />
          </div>
          {open && openRow && (
            <div className="card dashboard-cases">
              {office ? (
                <p className="dashboard-print-only">
                  {language === 'kk' ? office.nameKk : office.nameRu}
                </p>
              ) : null}
              <div className="dashboard-cases-head">
                <h2>
                  {figureLabels[open.figure]} ·{' '}
                  {openRow.key === ALL ? t('dashboard:cases.allServices') : openRow.label}
                  {okrugName !== null && ` · ${okrugName}`}{' '}
                  <span className="dashboard-muted">
                    ({formatNumber(openCases.length, language)})
                  </span>
                </h2>
                {openCases.length > 0 ? (
                  <DashboardListActions
                    rows={openCases}
                    title={`${figureLabels[open.figure]} ${openRow.key === ALL ? '' : openRow.label}${okrugName === null ? '' : ` ${okrugName}`}`}
                    now={now}
                  />
                ) : null}
              </div>
              {openCases.length === 0 ? (
                <p className="dashboard-muted">{t('dashboard:cases.none')}</p>
              ) : (
                <table className="dashboard-case-list">
                  <thead>
                    <tr>
                      <th scope="col">{t('journal:columns.number')}</th>
                      <th scope="col">{t('journal:columns.applicant')}</th>
                      {openRow.key === ALL && <th scope="col">{t('journal:columns.service')}</th>}
                      <th scope="col">{t('journal:columns.stage')}</th>
                      <th scope="col">{t('journal:columns.due')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {openCases.map((row) => {
                      const labels = rowWorkLabels(row, now, calendar, side, t);
                      return (
                        <tr key={row.id}>
                          <td>
                            <Link to={casePath(row.id)}>{row.number}</Link>
                          </td>
                          <td>
                            {row.applicantName}
                            <div className="dashboard-muted dashboard-nowrap">
                              {t('journal:columns.iin')} {row.iin}
                            </div>
                          </td>
                          {openRow.key === ALL && (
                            <td className="dashboard-service-cell">
                              {serviceName(row.serviceId, language)}
                            </td>
                          )}
                          <td>{t(`case:stages.${row.stage}`)}</td>
                          <td className="dashboard-nowrap">
                            {formatDue(rowDue(row))}
                            {row.dueProvisional && (
                              <span
                                className="dashboard-provisional"
                                role="img"
                                aria-label={t('journal:provisional')}
                                title={t('journal:provisional')}
                              >
                                *
                              </span>
                            )}
                            <div className={`dashboard-detail dashboard-detail-${open.figure}`}>
                              {labels.status}
                              {labels.detail && ` · ${labels.detail}`}
                            </div>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </div>
          )}
        </div>
      )}

      {districtMode && okrugRows.length > 0 && (
        <div className="card dashboard-okrug-card">
          <OkrugTable
            caption={t('dashboard:okrugs.caption')}
            headers={{
              okrug: t('dashboard:okrugs.okrug'),
              outstanding: t('dashboard:okrugs.outstanding'),
              overdue: t('dashboard:okrugs.overdue'),
            }}
            rows={okrugRows}
            total={{
              label: t('dashboard:table.total'),
              outstanding: okrugRows.reduce((sum, row) => sum + row.outstanding, 0),
              overdue: okrugRows.reduce((sum, row) => sum + row.overdue, 0),
            }}
            pathOf={(officeId, figure) =>
              journalPath(
                figure === 'outstanding'
                  ? { officeId, stage: 'open' }
                  : { officeId, deadline: 'overdue' },
              )
            }
            describe={(row, figure) =>
              t(`dashboard:okrugs.link.${figure}`, {
                count: row[figure],
                okrug: row.label,
              })
            }
            format={(value) => formatNumber(value, language)}
            selected={okrug}
          />
        </div>
      )}

      <div className="card dashboard-reminder">
        <h2>{t('dashboard:reminders.title')}</h2>
        <p>
          {t('dashboard:reminders.explain', {
            time: office?.workingHours.opensAt ?? '09:00',
          })}
        </p>
        {permission === 'granted' && (
          <p className="dashboard-reminder-on">{t('dashboard:reminders.on')}</p>
        )}
        {permission === 'default' && (
          <button type="button" className="dashboard-button" onClick={() => void request()}>
            {t('dashboard:reminders.enable')}
          </button>
        )}
        {permission === 'denied' && (
          <p className="dashboard-muted">{t('dashboard:reminders.denied')}</p>
        )}
        {permission === 'unsupported' && (
          <p className="dashboard-muted">{t('dashboard:reminders.unsupported')}</p>
        )}
      </div>
    </section>
  );
}
