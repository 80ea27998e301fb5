// The monthly report (issue 9 §11): a month (the previous one unless chosen), on the district's desk
// an okrug or all of them, the table, two charts, the XLSX export and the print view. An akimat's desk
// shows the same report for its own okrug. The figures are shared/reports'; this screen only shows
// them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { shiftMonth, monthNumber, yearOfMonth, type ReportMonth } from '../../../../shared/reports';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { compareKazakh, journalOfficeIds, loadMonthlyReport, useLive } from '../../db';
import { downloadFile, officeCodeOf, useOfficeNames, useOfficeNow } from '../journal';
import { ReportCharts } from './report-charts';
import { okrugName, periodText, reportLines, type ReportLabels } from './report-lines';
import { readReportParams, reportPrintPath, writeReportParams } from './report-params';
import { reportFileName, reportXlsx } from './report-sheet';
import { ReportDefinitions, ReportTable } from './report-table';
import './reports.css';

/** How many years back the year list reaches. */
const YEARS_BACK = 10;
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

const monthOfParts = (year: number, month: number): ReportMonth =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;

export function ReportsScreen() {
  const { t } = useTranslation('reports');
  const { db, clock, calendar, office } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const now = useOfficeNow(clock);
  const today = now.slice(0, 10);
  const currentMonth = today.slice(0, 7);
  const params = readReportParams(searchParams, today);
  const districtMode = office?.kind === 'district';
  // An akimat's desk reports on its own okrug only.
  const officeId = districtMode ? params.officeId : (office?.officeId ?? params.officeId);
  const month = params.month;
  const directory = useOfficeNames();
  const labels: ReportLabels = { t, language, own: office, directory };

  const update = (change: { month?: ReportMonth; officeId?: string | null }) =>
    setSearchParams(
      writeReportParams({ month: change.month ?? month, officeId: change.officeId ?? officeId }),
      { replace: true },
    );

  const loaded = useLive(async () => {
    try {
      return { ok: true as const, report: await loadMonthlyReport(db, month, calendar, officeId) };
    } catch (error) {
      console.error('monthly report', error);
      return { ok: false as const };
    }
  }, [db, month, calendar, officeId]);
  const officeIds = useLive(
    async () => (districtMode ? journalOfficeIds(db) : []),
    [db, districtMode],
  );

  const [exportState, setExportState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const report = loaded?.ok ? loaded.report : null;
  const exportXlsx = async () => {
    if (!report) return;
    setExportState('busy');
    try {
      const code = report.officeId === null ? null : officeCodeOf(report.officeId);
      downloadFile(await reportXlsx(report, labels), reportFileName(report.month, code));
      setExportState('idle');
    } catch (error) {
      console.error('report export', error);
      setExportState('failed');
    }
  };

  const year = yearOfMonth(month);
  const firstYear = Math.min(year, yearOfMonth(currentMonth) - YEARS_BACK);
  const years: number[] = [];
  for (let y = Math.max(year, yearOfMonth(currentMonth)); y >= firstYear; y -= 1) years.push(y);
  const okrugOptions = [...new Set([...(officeIds ?? []), ...(officeId ? [officeId] : [])])]
    .map((id) => ({ value: id, label: okrugName(id, labels) }))
    .sort((a, b) => compareKazakh(a.label, b.label));
  const period = periodText(t, month);
  const empty = report !== null && report.total.received + report.total.decided === 0;

  return (
    <section className="screen reports-screen">
      <div className="report-header">
        <h1>{t('reportFor', { period })}</h1>
        <div className="report-actions">
          <button
            type="button"
            className="report-button"
            disabled={!report || exportState === 'busy'}
            onClick={() => void exportXlsx()}
          >
            {exportState === 'busy' ? t('export.busy') : t('export.button')}
          </button>
          <button
            type="button"
            className="report-button"
            disabled={!report}
            onClick={() => void navigate(reportPrintPath({ month, officeId }, language))}
          >
            {t('print.button')}
          </button>
        </div>
      </div>
      <div className="report-toolbar" role="group" aria-label={t('picker.month')}>
        <button
          type="button"
          className="report-button-secondary"
          onClick={() => update({ month: shiftMonth(month, -1) })}
        >
          ‹ {t('picker.previous')}
        </button>
        <label>
          {t('picker.month')}
          <select
            value={monthNumber(month)}
            onChange={(e) => update({ month: monthOfParts(year, Number(e.target.value)) })}
          >
            {MONTHS.map((m) => (
              <option key={m} value={m}>
                {t(`months.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('picker.year')}
          <select
            value={year}
            onChange={(e) =>
              update({ month: monthOfParts(Number(e.target.value), monthNumber(month)) })
            }
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="report-button-secondary"
          disabled={month >= currentMonth}
          onClick={() => update({ month: shiftMonth(month, 1) })}
        >
          {t('picker.next')} ›
        </button>
        {districtMode && (
          <label>
            {t('picker.okrug')}
            <select
              value={officeId ?? ''}
              onChange={(e) =>
                setSearchParams(writeReportParams({ month, officeId: e.target.value || null }), {
                  replace: true,
                })
              }
            >
              <option value="">{t('picker.allOkrugs')}</option>
              {okrugOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {params.invalidMonth !== null && (
        <p className="report-error" role="alert">
          {t('invalidMonth', { value: params.invalidMonth })}
        </p>
      )}
      {exportState === 'failed' && (
        <p className="report-error" role="alert">
          {t('export.failed')}
        </p>
      )}
      {loaded === undefined ? (
        <p role="status">{t('loading')}</p>
      ) : !loaded.ok ? (
        <p className="report-error" role="alert">
          {t('loadFailed')}
        </p>
      ) : (
        <>
          {empty && <p className="report-empty">{t('empty')}</p>}
          <ReportTable
            lines={reportLines(loaded.report, labels)}
            labels={labels}
            caption={t('table.caption', { period })}
          />
          {!empty && <ReportCharts report={loaded.report} labels={labels} />}
          <ReportDefinitions labels={labels} />
        </>
      )}
    </section>
  );
}
