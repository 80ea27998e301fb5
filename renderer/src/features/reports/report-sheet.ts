// The monthly report as an XLSX file: the lines the screen shows (report-lines), a title line with the
// month and the okrug, counts as numbers and the average with one decimal, so the file can be summed
// and charted again in a spreadsheet.
import type { Cell, SheetData } from 'write-excel-file/browser';
import writeXlsxFile from 'write-excel-file/browser';
import type { MonthlyReport, ReportMonth } from '../../../../shared/reports';
import {
  FIGURE_COLUMNS,
  okrugName,
  periodText,
  reportLines,
  type ReportLabels,
} from './report-lines';

const COLUMN_WIDTHS = [48, 28, 12, 12, 16, 12, 12, 18, 18];

/** The sheet: title, okrug (when narrowed to one), header, the lines. */
export function reportSheet(report: MonthlyReport, labels: ReportLabels): SheetData {
  const { t } = labels;
  const title: Cell[] = [
    {
      value: t('reports:reportFor', { period: periodText(t, report.month) }),
      type: String,
      fontWeight: 'bold',
    },
  ];
  const scope: Cell[][] =
    report.officeId === null
      ? []
      : [
          [
            {
              value: `${t('reports:picker.okrug')}: ${okrugName(report.officeId, labels)}`,
              type: String,
            },
          ],
        ];
  const header: Cell[] = [
    t('reports:columns.service'),
    t('reports:columns.okrug'),
    ...FIGURE_COLUMNS.map((c) => t(`reports:columns.${c}`)),
  ].map((value) => ({ value, type: String, fontWeight: 'bold' as const, wrap: true }));
  const body = reportLines(report, labels).map((line): Cell[] => {
    const bold = line.kind === 'row' ? {} : { fontWeight: 'bold' as const };
    return [
      { value: line.service, type: String, ...bold },
      line.okrug === '' ? null : { value: line.okrug, type: String, ...bold },
      ...FIGURE_COLUMNS.map((column): Cell => {
        const value = line.figures[column];
        if (value === null) return null;
        return column === 'averageDays'
          ? { value, type: Number, format: '0.0', ...bold }
          : { value, type: Number, ...bold };
      }),
    ];
  });
  return [title, ...scope, [], header, ...body];
}

export function reportFileName(month: ReportMonth, officeCode: string | null): string {
  return officeCode ? `monthly-report-${month}-${officeCode}.xlsx` : `monthly-report-${month}.xlsx`;
}

/**
 * The XLSX file. A report is a few dozen lines, far under the size (160 KB a part) from which the
 * library's zip would compress in a Web Worker, so no worker (and no Content-Security-Policy refusal
 * of one, see journal-export) is involved.
 */
export function reportXlsx(report: MonthlyReport, labels: ReportLabels): Promise<Blob> {
  return writeXlsxFile(reportSheet(report, labels), {
    sheet: labels.t('reports:export.sheet'),
    columns: COLUMN_WIDTHS.map((width) => ({ width })),
  }).toBlob();
}
