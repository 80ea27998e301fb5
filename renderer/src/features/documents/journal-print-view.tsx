// The journal on paper: the list the journal screen shows (the same search, filters and order, read by
// the same query), on A4 turned sideways, with the office, the moment it was printed and the filters.
// The screen's list is virtual (only the lines on screen exist), so it is printed from here, not from
// the screen; the XLSX export writes the same rows (journal-export).
import { useSearchParams } from 'react-router';
import { findService, localized } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';
import { formatDateTime, type LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { queryJournal, useLive } from '../../db';
import {
  journalQueryOf,
  journalRowView,
  readJournalParams,
  useOfficeNow,
  type JournalParams,
  type JournalRowView,
} from '../journal';
import { officeLines, type DocT } from './common';
import { DocHeader } from './doc-parts';
import { pdfFileName } from './file-name';
import { usePrintFrame } from './use-print-frame';

/** More lines than this are not laid out for print: the list is narrowed or exported instead. */
export const PRINT_ROW_LIMIT = 1000;

export interface CaseListProps {
  t: DocT;
  office: { office: string; district: string };
  title: string;
  /** What the list holds (its filters), in the document's language. */
  selection: string;
  printedAt: LocalDateTime;
  rows: readonly JournalRowView[];
  /** How many lines the list has in all (more than `rows` when cut at PRINT_ROW_LIMIT). */
  total: number;
  /** The service column is left out when the whole list is one service. */
  showService?: boolean;
}

/** A list of cases on landscape A4: the journal's columns, the header repeated on every page. */
export function CaseListDocument({
  t,
  office,
  title,
  selection,
  printedAt,
  rows,
  total,
  showService = true,
}: CaseListProps) {
  return (
    <article className="doc-sheet doc-sheet-landscape" aria-label={title}>
      <DocHeader office={office.office} district={office.district} />
      <h2 className="doc-title">{title}</h2>
      <p className="doc-subtitle">
        {selection}
        <br />
        {t('caseList.asOf', { moment: formatDateTime(printedAt) })} ·{' '}
        {t('caseList.count', { count: total })}
      </p>
      {rows.length < total ? (
        <p className="doc-note">{t('caseList.truncated', { shown: rows.length, total })}</p>
      ) : null}
      <table className="doc-table doc-case-list">
        <colgroup>
          <col className="doc-list-no" />
          <col className="doc-list-number" />
          <col className="doc-list-date" />
          <col className="doc-list-applicant" />
          {showService ? <col className="doc-list-service" /> : null}
          <col className="doc-list-stage" />
          <col className="doc-list-due" />
          <col className="doc-list-status" />
        </colgroup>
        <thead>
          <tr>
            <th>{t('caseList.columns.no')}</th>
            <th>{t('journal:columns.number')}</th>
            <th>{t('journal:columns.date')}</th>
            <th>{t('journal:columns.applicant')}</th>
            {showService ? <th>{t('journal:columns.service')}</th> : null}
            <th>{t('journal:columns.stage')}</th>
            <th>{t('journal:columns.due')}</th>
            <th>{t('journal:columns.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.id}>
              <td className="doc-num">{i + 1}</td>
              <td className="doc-num">
                {row.proactive ? (
                  <>
                    {row.proactive.mark}
                    <div className="doc-list-detail">{row.proactive.occasion}</div>
                  </>
                ) : (
                  row.number
                )}
              </td>
              <td className="doc-num">{row.date}</td>
              <td>
                {row.applicant}
                <div className="doc-list-iin">
                  {t('journal:columns.iin')} {row.iin}
                </div>
              </td>
              {showService ? <td>{row.service}</td> : null}
              <td>{row.stage}</td>
              <td className="doc-num">
                {row.due}
                {row.dueProvisional ? '*' : ''}
              </td>
              <td>
                {row.status}
                {row.statusDetail ? (
                  <div className="doc-list-detail">{row.statusDetail}</div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.some((r) => r.dueProvisional) ? (
        <p className="doc-note">* {t('journal:provisional')}</p>
      ) : null}
    </article>
  );
}

/** The journal's filters in words, in the document's language. */
export function journalSelection(t: DocT, params: JournalParams, lang: Language): string {
  const parts: string[] = [];
  if (params.search.trim() !== '') parts.push(t('caseList.search', { text: params.search.trim() }));
  if (params.serviceId) {
    const found = findService(params.serviceId);
    parts.push(found.ok ? localized(found.service.name, lang) : params.serviceId);
  }
  if (params.stage) {
    parts.push(
      params.stage === 'open' || params.stage === 'closed'
        ? t(`journal:filters.${params.stage}`)
        : t(`case:stages.${params.stage}`),
    );
  }
  if (params.deadline) parts.push(t(`journal:filters.${params.deadline}`));
  return parts.length === 0
    ? t('caseList.allCases')
    : t('caseList.selection', { filters: parts.join('; ') });
}

export function JournalPrintView() {
  const [searchParams] = useSearchParams();
  const params = readJournalParams(searchParams);
  const queryKey = searchParams.toString();
  const { db, clock, calendar, office } = useDesk();
  const now = useOfficeNow(clock);
  const { lang, t, ui, frame } = usePrintFrame('titles.journal', '/journal');
  const data = useLive(async () => {
    const query = journalQueryOf(readJournalParams(new URLSearchParams(queryKey)));
    const result = await queryJournal(db, query, { now, calendar });
    const rows = await result.window(0, Math.min(result.total, PRINT_ROW_LIMIT));
    return { rows, total: result.total };
  }, [db, queryKey, calendar, now]);

  if (data === undefined) return frame(null, [{ tone: 'info', text: ui('status.loading') }]);
  if (office === null) return frame(null, [{ tone: 'bad', text: ui('status.officeNotSetUp') }]);
  const env = { now, calendar, language: lang, t };
  const views = data.rows.map((row) => journalRowView(row, env));
  return frame(
    pdfFileName(t('fileNames.journal'), now.slice(0, 10)),
    data.total > PRINT_ROW_LIMIT
      ? [
          {
            tone: 'warn',
            text: ui('caseList.truncated', { shown: PRINT_ROW_LIMIT, total: data.total }),
          },
        ]
      : [],
    <CaseListDocument
      t={t}
      office={officeLines(office, lang)}
      title={t('caseList.journalTitle')}
      selection={journalSelection(t, params, lang)}
      printedAt={now}
      rows={views}
      total={data.total}
      showService={params.serviceId === null}
    />,
    { landscape: true },
  );
}
