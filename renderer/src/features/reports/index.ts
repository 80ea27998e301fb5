import type { RouteEntry } from '../../app/screen-entry';
import { ReportPrintView } from './report-print-view';
import { REPORT_PRINT_PATH } from './report-params';

export { ReportsScreen } from './reports-screen';
export { REPORTS_PATH } from './report-params';

/** The report's print view, outside the navigation (app/screens.tsx ROUTES). */
export const REPORT_PRINT_ROUTE: RouteEntry = {
  path: REPORT_PRINT_PATH,
  Component: ReportPrintView,
};
