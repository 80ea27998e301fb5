// The report's address: /reports?month=YYYY-MM&okrug=<office id>. The print view reads the same
// parameters, so what is printed is what the screen showed.
import type { Language } from '../../../../shared/ipc';
import { isReportMonth, previousMonth, type ReportMonth } from '../../../../shared/reports';
import type { LocalDate } from '../../../../shared/time';

export interface ReportParams {
  readonly month: ReportMonth;
  /** The okrug (office id) on the district's desk; null for all. */
  readonly officeId: string | null;
  /** A month in the address that is not one ('2026-13'): shown as said, the previous month instead. */
  readonly invalidMonth: string | null;
}

export function readReportParams(params: URLSearchParams, today: LocalDate): ReportParams {
  const given = params.get('month');
  const valid = given !== null && isReportMonth(given);
  return {
    month: valid ? given : previousMonth(today),
    officeId: params.get('okrug') || null,
    invalidMonth: given !== null && given !== '' && !valid ? given : null,
  };
}

export function writeReportParams(value: {
  readonly month: ReportMonth;
  readonly officeId: string | null;
}): URLSearchParams {
  const params = new URLSearchParams({ month: value.month });
  if (value.officeId) params.set('okrug', value.officeId);
  return params;
}

export const REPORTS_PATH = '/reports';
export const REPORT_PRINT_PATH = '/print/monthly-report';

/** The print view of the report, in the document language `lang`. */
export function reportPrintPath(
  value: { readonly month: ReportMonth; readonly officeId: string | null },
  lang: Language,
): string {
  const params = writeReportParams(value);
  params.set('lang', lang);
  return `${REPORT_PRINT_PATH}?${params.toString()}`;
}
