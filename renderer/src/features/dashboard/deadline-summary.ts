import type { WorkingCalendar } from '../../../../shared/calendar';
import {
  DEADLINE_FIGURES,
  figureOf,
  rowWork,
  type DeadlineFigure,
  type DeskSide,
} from '../../../../shared/journal';
import type { LocalDateTime } from '../../../../shared/time';
import type { CaseRow } from '../../db';

/**
 * overdue: late, the desk's own breach (its step or the term while it holds the case);
 * overdueElsewhere: late at the other side (the district's steps, seen from an akimat); dueToday;
 * dueSoon: 1–3 working days left; suspended: the term stands still. shared/journal figureOf on
 * rowWork: the same answer as the journal, the today list and the case page.
 */
export { DEADLINE_FIGURES, type DeadlineFigure };

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
  overdueElsewhere: [],
  dueToday: [],
  dueSoon: [],
  suspended: [],
});

/** Most urgent first: earliest due point (DueKeys order as the points do), then the book order. */
const byDue = (a: CaseRow, b: CaseRow): number => {
  const da = a.stepDue ?? a.due ?? '';
  const db = b.stepDue ?? b.due ?? '';
  return da < db ? -1 : da > db ? 1 : a.number.localeCompare(b.number);
};

/**
 * Sorts open cases into the dashboard's figures, per service and in total, as seen from the desk's
 * side, of one okrug when `officeId` is given. Cases on time or without a term are left out.
 */
export function summarizeDeadlines(
  rows: readonly CaseRow[],
  now: LocalDateTime,
  calendar: WorkingCalendar,
  side: DeskSide = 'akimat',
  /** The district's okrug filter: only the cases that office opened (null: every case). */
  officeId: string | null = null,
): DeadlineSummary {
  const all = emptyFigures();
  const byService = new Map<string, FigureCases>();
  const seen = new Set<string>();
  for (const row of rows) {
    // The dashboard reads a case from more than one index range.
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    if (officeId !== null && row.officeId !== officeId) continue;
    const figure = figureOf(rowWork(row, now, calendar), side);
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
