// The report's two charts: received against decided (by okrug on the district's whole report, else by
// service), and granted against refused by service. Presentational: the figures come from the report.
import type { MonthlyFigures, MonthlyReport } from '../../../../shared/reports';
import { BarChart } from './report-chart';
import { okrugName, type ReportLabels } from './report-lines';
import { serviceName } from '../journal';

const COLORS = {
  received: '#1f4e79',
  decided: '#8fb8de',
  granted: '#2e7d32',
  refused: '#e07b39',
} as const;

interface Group {
  readonly label: string;
  readonly figures: MonthlyFigures;
}

function summaryOf(groups: readonly Group[], labels: ReportLabels): string[] {
  return groups.map((g) =>
    labels.t('reports:charts.summary', {
      label: g.label,
      received: g.figures.received,
      decided: g.figures.decided,
      granted: g.figures.granted,
      refused: g.figures.refused,
    }),
  );
}

/** Whether received/decided is drawn by okrug: the district's report over more than one okrug. */
export function chartsByOkrug(report: MonthlyReport): boolean {
  return report.officeId === null && report.offices.length > 1;
}

export function ReportCharts({
  report,
  labels,
  width,
}: {
  report: MonthlyReport;
  labels: ReportLabels;
  width?: number;
}) {
  const { t } = labels;
  const byOkrug = chartsByOkrug(report);
  const services: Group[] = report.services.map((s) => ({
    label: serviceName(s.serviceId, labels.language),
    figures: s.figures,
  }));
  const flow: Group[] = byOkrug
    ? report.offices.map((o) => ({ label: okrugName(o.officeId, labels), figures: o.figures }))
    : services;
  const axisLabel = t('reports:charts.axis');
  return (
    <div className="report-charts">
      <BarChart
        title={t(
          byOkrug
            ? 'reports:charts.receivedDecidedByOkrug'
            : 'reports:charts.receivedDecidedByService',
        )}
        axisLabel={axisLabel}
        labels={flow.map((g) => g.label)}
        series={[
          {
            label: t('reports:columns.received'),
            values: flow.map((g) => g.figures.received),
            color: COLORS.received,
          },
          {
            label: t('reports:columns.decided'),
            values: flow.map((g) => g.figures.decided),
            color: COLORS.decided,
          },
        ]}
        summary={summaryOf(flow, labels)}
        {...(width ? { width } : {})}
      />
      <BarChart
        title={t('reports:charts.grantedRefused')}
        axisLabel={axisLabel}
        labels={services.map((g) => g.label)}
        series={[
          {
            label: t('reports:columns.granted'),
            values: services.map((g) => g.figures.granted),
            color: COLORS.granted,
          },
          {
            label: t('reports:columns.refused'),
            values: services.map((g) => g.figures.refused),
            color: COLORS.refused,
          },
        ]}
        summary={summaryOf(services, labels)}
        {...(width ? { width } : {})}
      />
    </div>
  );
}
