import type { WorkingCalendar } from '../../../../shared/calendar';
import { termStateOf, type CaseTermState } from '../../../../shared/schedule';
import type { LocalDateTime } from '../../../../shared/time';
import { rowDue } from '../../../../shared/journal';
import type { CaseRow } from '../../db';

export type { CaseTermState };

/**
 * onTime green, dueToday/atRisk amber, overdue red, suspended blue, closed grey; theirs: late at the
 * other side (the district's, seen from an akimat), never the desk's own red.
 */
export type TermTone = 'ok' | 'warn' | 'bad' | 'paused' | 'muted' | 'theirs';

/** Where a journal row's case stands against its term: shared/schedule termStateOf on what the row keeps. */
export function rowTermState(
  row: Pick<CaseRow, 'termPhase' | 'due' | 'dayUnit'>,
  now: LocalDateTime,
  calendar: WorkingCalendar,
): CaseTermState {
  return termStateOf(
    { phase: row.termPhase, due: rowDue(row), dayUnit: row.dayUnit ?? 'workingDays' },
    now,
    calendar,
  );
}

export function termTone(state: CaseTermState): TermTone {
  switch (state.kind) {
    case 'suspended':
      return 'paused';
    case 'closed':
    case 'noTerm':
    case 'unknown':
      return 'muted';
    case 'term':
      switch (state.status) {
        case 'onTime':
          return 'ok';
        case 'dueToday':
        case 'atRisk':
          return 'warn';
        case 'overdue':
          return 'bad';
      }
  }
}
