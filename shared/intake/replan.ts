import type { CaseState } from '../case';
import type { WorkingCalendar } from '../calendar';
import { catalogRoute } from '../schedule/term-start';
import type { LocalDate } from '../time';
import { planRegistration } from './plan-registration';

/** A new due date a person may set after a calendar correction (TermReplanned), with the data used. */
export interface ReplanProposal {
  readonly currentDueDate: LocalDate;
  readonly newDueDate: LocalDate;
  readonly calendarVersion: string;
}

/**
 * What the term of a registered case would be with the calendar in force now, when that differs from
 * the due date it has. A correction never moves a due date by itself: the talon's date stands until a
 * person accepts this proposal. A term lengthened by an extension is the person's own and is not
 * re-planned from registration.
 */
export function replanProposal(state: CaseState, calendar: WorkingCalendar): ReplanProposal | null {
  const intake = state.intake;
  if (intake === null || state.dueDate === null || state.extension !== null) return null;
  let planned;
  try {
    planned = planRegistration({
      serviceId: intake.serviceId,
      receivedAt: intake.receivedAt,
      calendar,
      route: catalogRoute(intake.route, intake.channel),
    });
  } catch {
    return null;
  }
  if (!planned.ok || planned.plan.due.kind !== 'date') return null;
  if (planned.plan.dueDate === state.dueDate) return null;
  return {
    currentDueDate: state.dueDate,
    newDueDate: planned.plan.dueDate,
    calendarVersion: calendar.dataVersion,
  };
}
