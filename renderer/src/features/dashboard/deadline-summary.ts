import type { WorkingCalendar } from '../../../../shared/calendar';
import type { LocalDateTime } from '../../../../shared/time';
import type { CaseRow } from '../../db';
import { rowTermState } from '../journal';

/**
 * overdue: past the due date; dueToday: due today; dueSoon: 1–3 working days left; suspended: the term
 * stands still (open cases). The same statuses as the journal and the case page (termStateOf).
 */
export const DEADLINE_FIGURES = ['overdue', 'dueToday', 'dueSoon', 'suspended'] as const;
export type DeadlineFigure = (typeof DEADLINE_FIGURES)[number];

export type FigureCases = Record<DeadlineFigure, CaseRow[]>;

export interface ServiceDeadlines {
  serviceId: string;
  cases: FigureCases;
}

export interface DeadlineSummary {
  /** Every case behind each figure, all services together. */
  all: FigureCases;
  /** Services with at least one case in a figure, by service id. */
  services: ServiceDeadlines[];
}

export const emptyFigures = (): FigureCases => ({
  overdue: [],
  dueToday: [],
  dueSoon: [],
  suspended: [],
});

function figureOf(
  row: CaseRow,
  now: LocalDateTime,
  calendar: WorkingCalendar,
): DeadlineFigure | null {
  const state = rowTermState(row, now, calendar);
  if (state.kind === 'suspended') return 'suspended';
  if (state.kind !== 'term') return null;
  switch (state.status) {
    case 'overdue':
      return 'overdue';
    case 'dueToday':
      return 'dueToday';
    case 'atRisk':
      return 'dueSoon';
    case 'onTime':
      return null;
  }
}

/** Most urgent first: earliest due point (DueKeys order as the points do), then the book order. */
const byDue = (a: CaseRow, b: CaseRow): number => {
  const da = a.due ?? '';
  const db = b.due ?? '';
  return da < db ? -1 : da > db ? 1 : a.number.localeCompare(b.number);
};

/**
 * Sorts open cases into the dashboard's figures with the deadline engine (termStatus on the working-day
 * calendar), per service and in total. Cases on time or without a term are left out.
 */
export function summarizeDeadlines(
  rows: readonly CaseRow[],
  now: LocalDateTime,
  calendar: WorkingCalendar,
): DeadlineSummary {
  const all = emptyFigures();
  const byService = new Map<string, FigureCases>();
  for (const row of rows) {
    const figure = figureOf(row, now, calendar);
    if (figure === null) continue;
    all[figure].push(row);
    let service = byService.get(row.serviceId);
    if (!service) {
      service = emptyFigures();
      byService.set(row.serviceId, service);
    }
    service[figure].push(row);
  }
  for (const figures of [all, ...byService.values()]) {
    for (const figure of DEADLINE_FIGURES) figures[figure].sort(byDue);
  }
  return {
    all,
    services: [...byService]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([serviceId, cases]) => ({ serviceId, cases })),
  };
}
