import { DEADLINE_FIGURES, type DeadlineFigure } from './deadline-summary';

export interface FigureRow {
  key: string;
  label: string;
  counts: Record<DeadlineFigure, number>;
}

interface DeadlineTableProps {
  caption: string;
  serviceHeader: string;
  figureLabels: Record<DeadlineFigure, string>;
  rows: readonly FigureRow[];
  total: FigureRow;
  selected: { key: string; figure: DeadlineFigure } | null;
  onSelect: (key: string, figure: DeadlineFigure) => void;
  /** What a figure's button says to a screen reader: "5 — overdue — service". */
  describe: (row: FigureRow, figure: DeadlineFigure) => string;
}

function FigureCell(props: {
  row: FigureRow;
  figure: DeadlineFigure;
  selected: boolean;
  onSelect: () => void;
  label: string;
}) {
  const count = props.row.counts[props.figure];
  if (count === 0) return <td className="dashboard-figure dashboard-zero">0</td>;
  return (
    <td className="dashboard-figure">
      <button
        type="button"
        className={`dashboard-count dashboard-count-${props.figure}`}
        aria-pressed={props.selected}
        aria-label={props.label}
        onClick={props.onSelect}
      >
        {count}
      </button>
    </td>
  );
}

/** Services down, figures across; each non-zero figure opens the cases behind it. */
export function DeadlineTable(props: DeadlineTableProps) {
  const renderRow = (row: FigureRow, isTotal: boolean) => (
    <tr key={row.key} className={isTotal ? 'dashboard-total' : undefined}>
      <th scope="row">{row.label}</th>
      {DEADLINE_FIGURES.map((figure) => (
        <FigureCell
          key={figure}
          row={row}
          figure={figure}
          selected={props.selected?.key === row.key && props.selected.figure === figure}
          onSelect={() => props.onSelect(row.key, figure)}
          label={props.describe(row, figure)}
        />
      ))}
    </tr>
  );
  return (
    <table className="dashboard-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.serviceHeader}</th>
          {DEADLINE_FIGURES.map((figure) => (
            <th scope="col" key={figure} className="dashboard-figure">
              {props.figureLabels[figure]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.rows.map((row) => renderRow(row, false))}</tbody>
      <tfoot>{renderRow(props.total, true)}</tfoot>
    </table>
  );
}
