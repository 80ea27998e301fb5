// The report as lines, in the order the screen's table, the printed sheet and the XLSX file show them:
// each service's okrugs, then the service's total (when it has more than one okrug), then the total of
// everything. The one place that order and those labels are decided.
import type { TFunction } from 'i18next';
import type { Language } from '../../../../shared/ipc';
import type { OfficeProfile } from '../../../../shared/office';
import {
  monthNumber,
  yearOfMonth,
  type MonthlyFigures,
  type MonthlyReport,
  type ReportMonth,
} from '../../../../shared/reports';
import { formatNumber } from '../../i18n';
import { officeLabel, serviceName, type OfficeNames } from '../journal';

export interface ReportLine {
  readonly kind: 'row' | 'serviceTotal' | 'total';
  /** Stable across renders: for React keys. */
  readonly key: string;
  readonly service: string;
  readonly okrug: string;
  readonly figures: MonthlyFigures;
}

/**
 * What naming needs: a translator (the `reports` namespace reachable), the language, the own office
 * and the district's office directory (features/journal useOfficeNames), so okrugs print by name.
 */
export interface ReportLabels {
  readonly t: TFunction;
  readonly language: Language;
  readonly own: OfficeProfile | null;
  readonly directory: OfficeNames;
}

/** The figure columns, in their order. */
export const FIGURE_COLUMNS = [
  'received',
  'decided',
  'granted',
  'refused',
  'onTime',
  'late',
  'averageDays',
] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

/** "ноябрь 2026 г." / "2026 жылғы қараша". */
export function periodText(t: TFunction, month: ReportMonth): string {
  return t('reports:period', {
    month: t(`reports:months.${monthNumber(month)}`),
    year: yearOfMonth(month),
  });
}

export function okrugName(officeId: string, labels: ReportLabels): string {
  return officeLabel(officeId, labels.language, labels.own, labels.directory);
}

export function reportLines(report: MonthlyReport, labels: ReportLabels): ReportLine[] {
  const { t, language } = labels;
  const lines: ReportLine[] = [];
  for (const service of report.services) {
    const name = serviceName(service.serviceId, language);
    const rows = report.rows.filter((r) => r.serviceId === service.serviceId);
    for (const row of rows) {
      lines.push({
        kind: 'row',
        key: `${row.serviceId}|${row.officeId}`,
        service: name,
        okrug: okrugName(row.officeId, labels),
        figures: row.figures,
      });
    }
    if (rows.length > 1) {
      lines.push({
        kind: 'serviceTotal',
        key: `${service.serviceId}|`,
        service: name,
        okrug: t('reports:table.serviceTotal'),
        figures: service.figures,
      });
    }
  }
  lines.push({
    kind: 'total',
    key: '|',
    service: t('reports:table.total'),
    okrug: '',
    figures: report.total,
  });
  return lines;
}

/** A figure as shown: counts as they are, the average with one decimal (18,3), none as a dash. */
export function figureText(
  figures: MonthlyFigures,
  column: FigureColumn,
  labels: ReportLabels,
): string {
  if (column !== 'averageDays') return formatNumber(figures[column], labels.language);
  return figures.averageDays === null
    ? labels.t('reports:table.noAverage')
    : formatNumber(figures.averageDays, labels.language, 1);
}
