// The akimat's work when the district's signed result arrives by sync (issue 9 §8): the specialist
// takes the result back (ReturnedToAkimat) and tells the applicant it is ready
// (ApplicantNotifiedResultReady); the issue itself then runs from that notice (case-schedule
// startsAtNotice, 001:11148 / 4913). What must stay true:
// - The arrival is not in the case's log: it is when the hub took the district head's ResultSigned in
//   (the receipt time the desk keeps, renderer/src/db/hub-times.ts), which the caller passes in. So
//   this is no step of caseSchedule (a pure function of the log) and no journal row holds it.
// - The akimat's deadline counts from the arrival: the result is taken back and the applicant told on
//   the working day it arrived, or on the first working day after when it arrived outside working
//   time. That is the rule 003:31 (R-REG-1) gives for what the office receives, read here for a
//   result received from the district [I]: the regulations set no other term for this act.
// - Only a result the district signed and sent by sync: a paper result the akimat typed itself
//   (DistrictResultRecorded) has arrived when it is typed, and its notice step is the case's own.
import { TRANSITIONS, type CaseEventOf, type CaseRole, type CaseState } from '../case';
import { AKIM_OFFICE_HOURS, type DailyHours, type WorkingCalendar } from '../calendar';
import { registrationDate, type Due } from '../deadlines';
import type { LocalDateTime } from '../time';

/** The today list's step id for "result arrived: take it back and notify the applicant". */
export const RESULT_ARRIVED_STEP = 'result-arrived';

/**
 * The district head's signed result the akimat still has to take back or tell the applicant about,
 * or null: an akim-route case signed at the district (ResultSigned), not yet announced to the
 * applicant, issued or closed.
 */
export function resultAwaitingAkimat(state: CaseState): CaseEventOf<'ResultSigned'> | null {
  if (state.route !== 'akimToDistrict') return null;
  if (state.stage !== 'signed' && state.stage !== 'returned') return null;
  if (state.stepTimes.ApplicantNotifiedResultReady !== undefined) return null;
  if (state.stepTimes.ResultIssued !== undefined) return null;
  for (let i = state.events.length - 1; i >= 0; i--) {
    const event = state.events[i];
    if (event?.type === 'ResultSigned') return event;
  }
  return null;
}

/**
 * When the akimat must have taken the arrived result back and told the applicant: the working day of
 * `arrivedAt` when it came within the office's working hours, else the first working day after.
 */
export function resultArrivalDue(
  arrivedAt: LocalDateTime,
  calendar: WorkingCalendar,
  hours: DailyHours = AKIM_OFFICE_HOURS.working,
): Due {
  return { kind: 'date', date: registrationDate(arrivedAt, calendar, hours) };
}

/** The desk role that takes an arrived result back: the transition table's for ReturnedToAkimat. */
export function resultArrivalRole(): CaseRole | null {
  return TRANSITIONS.find((row) => row.type === 'ReturnedToAkimat')?.roles[0] ?? null;
}
