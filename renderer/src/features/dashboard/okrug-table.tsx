import { Link } from 'react-router';
import type { OfficeTally } from '../../db';

export interface OkrugRow extends OfficeTally {
  readonly label: string;
}

interface OkrugTableProps {
  caption: string;
  headers: { okrug: string; outstanding: string; overdue: string };
  rows: readonly OkrugRow[];
  total: { label: string; outstanding: number; overdue: number };
  /** The journal's address for the okrug's open or overdue cases. */
  pathOf: (officeId: string, figure: 'outstanding' | 'overdue') => string;
  /** What a figure's link says to a screen reader. */
  describe: (row: OkrugRow, figure: 'outstanding' | 'overdue') => string;
  format: (value: number) => string;
  /** The okrug chosen in the dashboard's filter, marked in the table. */
  selected: string | null;
}

/** Okrugs down, outstanding and overdue across; each figure opens the journal filtered to it. */
export function OkrugTable(props: OkrugTableProps) {
  const cell = (row: OkrugRow, figure: 'outstanding' | 'overdue') => {
    const count = row[figure];
    if (count === 0) return <td className="dashboard-figure dashboard-zero">0</td>;
    return (
      <td className="dashboard-figure">
        <Link
          className={`dashboard-count dashboard-okrug-${figure}`}
          to={props.pathOf(row.officeId, figure)}
          aria-label={props.describe(row, figure)}
        >
          {props.format(count)}
        </Link>
      </td>
    );
  };
  return (
    <table className="dashboard-table dashboard-okrugs">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.headers.okrug}</th>
          <th scope="col" className="dashboard-figure">
            {props.headers.outstanding}
          </th>
          <th scope="col" className="dashboard-figure">
            {props.headers.overdue}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr
            key={row.officeId}
            className={props.selected === row.officeId ? 'dashboard-okrug-selected' : undefined}
          >
            <th scope="row">{row.label}</th>
            {cell(row, 'outstanding')}
            {cell(row, 'overdue')}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="dashboard-total">
          <th scope="row">{props.total.label}</th>
          <td className="dashboard-figure">{props.format(props.total.outstanding)}</td>
          <td className="dashboard-figure">{props.format(props.total.overdue)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
