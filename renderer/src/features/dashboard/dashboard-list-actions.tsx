// The dashboard's open list on paper and in a spreadsheet: printed as it is on screen (the page's
// @media print rules in dashboard-print.css keep only the list, on A4), and exported with the
// journal's own XLSX code (journal-export journalXlsx), so both carry the same columns and statuses.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import type { CaseRow } from '../../db';
import { pdfFileName, printCurrentPage } from '../documents';
import { downloadFile, journalXlsx } from '../journal';
import './dashboard-print.css';

interface Props {
  /** The cases of the list, in its order. */
  readonly rows: readonly CaseRow[];
  /** The list's title (figure and service), for the file names. */
  readonly title: string;
  readonly now: LocalDateTime;
}

export function DashboardListActions({ rows, title, now }: Props) {
  const { t } = useTranslation(['dashboard', 'journal', 'case']);
  const { calendar } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const today = now.slice(0, 10);

  const exportXlsx = async () => {
    setState('busy');
    try {
      const blob = await journalXlsx(rows, { now, calendar, language, t });
      downloadFile(blob, pdfFileName(title, today).replace(/\.pdf$/, '.xlsx'));
      setState('idle');
    } catch (error) {
      console.error('dashboard export', error);
      setState('failed');
    }
  };
  const print = async () => {
    try {
      const result = await printCurrentPage(pdfFileName(title, today));
      setState(result.kind === 'failed' ? 'failed' : 'idle');
    } catch {
      setState('failed');
    }
  };

  return (
    <div className="dashboard-list-actions">
      <button type="button" className="dashboard-button" onClick={() => void print()}>
        {t('dashboard:cases.print')}
      </button>
      <button
        type="button"
        className="dashboard-button"
        disabled={state === 'busy'}
        onClick={() => void exportXlsx()}
      >
        {state === 'busy' ? t('journal:export.busy') : t('journal:export.button')}
      </button>
      {state === 'failed' ? (
        <span className="dashboard-list-failed" role="alert">
          {t('journal:export.failed')}
        </span>
      ) : null}
    </div>
  );
}
