// The dates of the hearing before a refusal (003:38-47) as the district desk shows them: the hearing
// card, the decision form and the hearing forms all read them here, and every date comes from the
// shared window functions (shared/deadlines/hearing.ts) with the desk's calendar, never from a second
// computation.
// When a decision may be dated is shared/case/hearing-timing's, the very functions the store's rules
// call; hearing-dates.test.ts still checks the screens' dates against canAppend day by day.
import type { WorkingCalendar } from '../../../../../shared/calendar';
import { decisionTiming, type DecisionTiming, type HearingState } from '../../../../../shared/case';
import {
  checkObjectionDate,
  checkRemarksDate,
  objectionDeadline,
  remarksDeadline,
  type WindowFilingCheck,
} from '../../../../../shared/deadlines';
import type { LocalDate } from '../../../../../shared/time';

/** Every date of the hearing the card shows, each from the shared window functions. */
export interface HearingDates {
  readonly noticeDate: LocalDate;
  readonly noticeReceivedOn: LocalDate | null;
  /** R-HEAR-3: the objection window's last day; null while the receipt is unknown. */
  readonly objectionDeadline: LocalDate | null;
  /** The objection against its window (late: kept and flagged, R-HEAR-3). */
  readonly objectionCheck: WindowFilingCheck | null;
  readonly familiarizedOn: LocalDate | null;
  /** R-HEAR-5: the remarks window's last day; null until the protocol was read. */
  readonly remarksDeadline: LocalDate | null;
  readonly remarksCheck: WindowFilingCheck | null;
  /** When a refusal may be decided (R-HEAR-1, R-HEAR-3, R-HEAR-6) and what is still missing. */
  readonly refusal: DecisionTiming;
}

export function hearingDates(hearing: HearingState, calendar: WorkingCalendar): HearingDates {
  const received = hearing.noticeReceivedOn;
  const read = hearing.familiarizedOn;
  return {
    noticeDate: hearing.notice.noticeDate,
    noticeReceivedOn: received,
    objectionDeadline: received === null ? null : objectionDeadline(received, calendar),
    objectionCheck:
      received !== null && hearing.objection !== null
        ? checkObjectionDate(received, hearing.objection.date, calendar)
        : null,
    familiarizedOn: read,
    remarksDeadline: read === null ? null : remarksDeadline(read, calendar),
    remarksCheck:
      read !== null && hearing.remarks !== null
        ? checkRemarksDate(read, hearing.remarks.date, calendar)
        : null,
    refusal: decisionTiming(hearing, 'refuse', calendar),
  };
}
