import type { TFunction } from 'i18next';
import type { Cell, SheetData } from 'write-excel-file/browser';
import writeXlsxFile from 'write-excel-file/browser';
import { rowDueDate } from '../../../../shared/journal';
import type { LocalDate } from '../../../../shared/time';
import type { CaseRow } from '../../db';
import { journalRowView, type RowViewEnv } from './journal-row-view';

const DATE_FORMAT = 'dd.mm.yyyy';
const COLUMN_WIDTHS = [20, 12, 36, 15, 48, 28, 12, 30];

/** A calendar date as an Excel date cell (midnight UTC: the library counts days in UTC), or empty. */
function dateCell(date: LocalDate | null): Cell {
  if (!date) return null;
  const value = new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))),
  );
  return { value, type: Date, format: DATE_FORMAT };
}

/** The journal's columns as the screen shows them, with the IIN in its own column. */
export function journalSheet(rows: readonly CaseRow[], env: RowViewEnv): SheetData {
  const t: TFunction = env.t;
  const header = ['number', 'date', 'applicant', 'iin', 'service', 'stage', 'due', 'status'].map(
    (key) => ({ value: t(`journal:columns.${key}`), fontWeight: 'bold' as const }),
  );
  const body = rows.map((row): Cell[] => {
    const view = journalRowView(row, env);
    return [
      // A proactive case has no number: the cell says so and names the occasion, as on screen.
      { value: view.proactive ? view.proactive.line : view.number, type: String },
      dateCell(row.date || null),
      { value: view.applicant, type: String },
      // Text, so an IIN that starts with 0 keeps its 12 digits.
      { value: view.iin, type: String },
      { value: view.service, type: String },
      { value: view.stage, type: String },
      dateCell(rowDueDate(row)),
      {
        value: view.statusDetail ? `${view.status} (${view.statusDetail})` : view.status,
        type: String,
      },
    ];
  });
  return [header, ...body];
}

export function journalFileName(today: LocalDate): string {
  return `journal-${today}.xlsx`;
}

/**
 * Builds the XLSX file of the rows. The library compresses a large sheet in a Web Worker made from a
 * blob: URL; where the Content-Security-Policy forbids such workers the library would wait forever, so
 * the policy's refusal is caught and turned into an error the screen shows.
 */
export function journalXlsx(rows: readonly CaseRow[], env: RowViewEnv): Promise<Blob> {
  return new Promise<Blob>((resolve, reject) => {
    const refused = (event: SecurityPolicyViolationEvent) => {
      if (event.effectiveDirective !== 'worker-src') return;
      stop();
      reject(
        new Error(`The Content-Security-Policy refused the export's worker (${event.blockedURI})`),
      );
    };
    const stop = () => {
      if (typeof document !== 'undefined') {
        document.removeEventListener('securitypolicyviolation', refused);
      }
    };
    if (typeof document !== 'undefined') {
      document.addEventListener('securitypolicyviolation', refused);
    }
    writeXlsxFile(journalSheet(rows, env), {
      sheet: env.t('journal:export.sheet'),
      columns: COLUMN_WIDTHS.map((width) => ({ width })),
      stickyRowsCount: 1,
    })
      .toBlob()
      .then(
        (blob) => {
          stop();
          resolve(blob);
        },
        (error: unknown) => {
          stop();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
  });
}

/** Hands a file to the browser (or Electron) as a download. */
export function downloadFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
