// The monthly report on paper (A4 turned sideways): the office, the month, the okrug, the moment it
// was printed, the table, the charts and how the figures are counted, in the document language chosen
// here (kk or ru, apart from the interface's). Electron saves the page as a PDF and opens it; a browser
// opens its print dialog. Same parameters as the screen (report-params), read by the same query.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { LANGUAGES, languageSchema, type Language } from '../../../../shared/ipc';
import { formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { loadMonthlyReport, useLive } from '../../db';
import { pdfFileName, printCurrentPage } from '../documents';
import { useOfficeNames, useOfficeNow } from '../journal';
import { ReportCharts } from './report-charts';
import { okrugName, periodText, reportLines, type ReportLabels } from './report-lines';
import { readReportParams, REPORTS_PATH, writeReportParams } from './report-params';
import { ReportDefinitions, ReportTable } from './report-table';
import './reports.css';

/** Two charts side by side across the landscape sheet's printable width (267 mm). */
const PRINT_CHART_WIDTH = 470;

type Outcome = 'idle' | 'saving' | 'printDialog' | 'failed' | { readonly saved: string };

export function ReportPrintView() {
  const { t: ui, i18n } = useTranslation(['reports', 'documents']);
  const { db, clock, calendar, office } = useDesk();
  const interfaceLanguage = useAppSelector((s) => s.preferences.language);
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const now = useOfficeNow(clock);
  const params = readReportParams(searchParams, now.slice(0, 10));
  const asked = languageSchema.safeParse(searchParams.get('lang'));
  const lang: Language = asked.success ? asked.data : interfaceLanguage;
  const t = i18n.getFixedT(lang, 'reports');
  // An akimat's desk prints its own okrug only, as its screen shows it.
  const officeId =
    office?.kind === 'district' ? params.officeId : (office?.officeId ?? params.officeId);
  const { month } = params;
  const [outcome, setOutcome] = useState<Outcome>('idle');

  const loaded = useLive(async () => {
    try {
      return { ok: true as const, report: await loadMonthlyReport(db, month, calendar, officeId) };
    } catch (error) {
      console.error('monthly report print', error);
      return { ok: false as const };
    }
  }, [db, month, calendar, officeId]);

  const directory = useOfficeNames();
  const labels: ReportLabels = { t, language: lang, own: office, directory };
  const period = periodText(t, month);
  const fileName = pdfFileName(
    t('reports:print.fileName'),
    month,
    officeId === null ? '' : okrugName(officeId, labels),
  );

  const chooseLanguage = (next: Language) => {
    const updated = writeReportParams({ month, officeId });
    updated.set('lang', next);
    setSearchParams(updated, { replace: true });
  };
  const print = async () => {
    setOutcome('saving');
    try {
      const result = await printCurrentPage(fileName, { landscape: true });
      setOutcome(
        result.kind === 'saved'
          ? { saved: result.path }
          : result.kind === 'printDialog'
            ? 'printDialog'
            : 'failed',
      );
    } catch {
      setOutcome('failed');
    }
  };
  const back = () => {
    if (location.key !== 'default') void navigate(-1);
    else void navigate(`${REPORTS_PATH}?${writeReportParams({ month, officeId }).toString()}`);
  };

  const messages: { tone: 'ok' | 'info' | 'bad'; text: string }[] = [];
  if (params.invalidMonth !== null)
    messages.push({
      tone: 'bad',
      text: ui('reports:invalidMonth', { value: params.invalidMonth }),
    });
  if (loaded === undefined) messages.push({ tone: 'info', text: ui('reports:loading') });
  else if (!loaded.ok) messages.push({ tone: 'bad', text: ui('reports:loadFailed') });
  if (typeof outcome === 'object')
    messages.push({ tone: 'ok', text: ui('documents:toolbar.saved', { path: outcome.saved }) });
  if (outcome === 'printDialog')
    messages.push({ tone: 'info', text: ui('documents:toolbar.printDialog') });
  if (outcome === 'failed') messages.push({ tone: 'bad', text: ui('documents:toolbar.failed') });

  const report = loaded?.ok ? loaded.report : null;
  return (
    <section className="print-view report-print">
      <div className="print-toolbar report-print-toolbar">
        <h1>{ui('reports:print.title')}</h1>
        <label>
          {ui('documents:toolbar.documentLanguage')}
          <select value={lang} onChange={(e) => chooseLanguage(e.target.value as Language)}>
            {LANGUAGES.map((option) => (
              <option key={option} value={option} lang={option}>
                {ui(`documents:toolbar.languageName.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="report-button"
          disabled={report === null || outcome === 'saving'}
          onClick={() => void print()}
        >
          {outcome === 'saving' ? ui('documents:toolbar.saving') : ui('documents:toolbar.print')}
        </button>
        <button type="button" className="report-button-secondary" onClick={back}>
          {ui('documents:toolbar.back')}
        </button>
      </div>
      {messages.map((m) => (
        <p
          key={m.text}
          className={`print-message report-message report-message-${m.tone}`}
          role={m.tone === 'bad' ? 'alert' : 'status'}
        >
          {m.text}
        </p>
      ))}
      {report !== null && (
        <article className="report-sheet" lang={lang} aria-label={t('reports:title')}>
          {office && (
            <header className="report-sheet-header">
              <div className="report-sheet-office">
                {lang === 'kk' ? office.nameKk : office.nameRu}
              </div>
              <div>{lang === 'kk' ? office.districtKk : office.districtRu}</div>
            </header>
          )}
          <h2 className="report-sheet-title">{t('reports:reportFor', { period })}</h2>
          <p className="report-sheet-subtitle">
            {officeId === null ? t('reports:picker.allOkrugs') : okrugName(officeId, labels)}
            <br />
            {t('reports:print.asOf', { moment: formatDateTime(now) })}
          </p>
          <ReportTable
            lines={reportLines(report, labels)}
            labels={labels}
            caption={t('reports:table.caption', { period })}
          />
          {report.total.received + report.total.decided > 0 ? (
            <ReportCharts report={report} labels={labels} width={PRINT_CHART_WIDTH} />
          ) : (
            <p>{t('reports:empty')}</p>
          )}
          <ReportDefinitions labels={labels} />
        </article>
      )}
    </section>
  );
}
