// The report's table: the lines of report-lines with their figures. Presentational, for the screen and
// the printed sheet alike.
import { FIGURE_COLUMNS, figureText, type ReportLabels, type ReportLine } from './report-lines';

/** How many lines from `start` on name the same service: its cell spans them. */
function groupSize(lines: readonly ReportLine[], start: number): number {
  let end = start + 1;
  while (end < lines.length && lines[end]?.service === lines[start]?.service) end += 1;
  return end - start;
}

export function ReportTable({
  lines,
  labels,
  caption,
}: {
  lines: readonly ReportLine[];
  labels: ReportLabels;
  caption: string;
}) {
  const { t } = labels;
  return (
    <table className="report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reports:columns.service')}</th>
          <th scope="col">{t('reports:columns.okrug')}</th>
          {FIGURE_COLUMNS.map((c) => (
            <th key={c} scope="col" className="report-num">
              {t(`reports:columns.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((line, i) => (
          <tr key={line.key} className={`report-line-${line.kind}`}>
            {i > 0 && lines[i - 1]?.service === line.service ? null : (
              <th scope="rowgroup" rowSpan={groupSize(lines, i)}>
                {line.service}
              </th>
            )}
            <td>{line.okrug}</td>
            {FIGURE_COLUMNS.map((c) => (
              <td key={c} className="report-num">
                {figureText(line.figures, c, labels)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How the figures are counted, under the table (and on the printed sheet). */
export function ReportDefinitions({ labels }: { labels: ReportLabels }) {
  const { t } = labels;
  return (
    <section className="report-definitions">
      <h2>{t('reports:definitions.heading')}</h2>
      <ul>
        {(['received', 'decided', 'onTime', 'averageDays'] as const).map((key) => (
          <li key={key}>{t(`reports:definitions.${key}`)}</li>
        ))}
      </ul>
    </section>
  );
}
