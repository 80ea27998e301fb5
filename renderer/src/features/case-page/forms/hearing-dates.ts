// The dates of the hearing before a refusal (003:38-47) as the district desk shows them: the hearing
// card, the decision form and the hearing forms all read them here, and every date comes from the
// shared window functions (shared/deadlines/hearing.ts) with the desk's calendar, never from a second
// computation.
// What must stay true: decisionTiming says "not before X" exactly where the store's rules
// (shared/case/transitions.ts hearingWindowsCheck and the DecisionMade log rules) refuse a decision
// dated before X, in the same order of reasons; hearing-dates.test.ts checks it against canAppend.
import type { WorkingCalendar } from '../../../../../shared/calendar';
import type {
  DecisionOutcome,
  HearingState,
  RejectionCode,
  RejectionReason,
} from '../../../../../shared/case';
import { rejection } from '../../../../../shared/case';
import {
  checkObjectionDate,
  checkRemarksDate,
  earliestRefusalDecisionDate,
  objectionDeadline,
  remarksDeadline,
  type WindowFilingCheck,
} from '../../../../../shared/deadlines';
import { addDays, type LocalDate } from '../../../../../shared/time';

/** A window the decision waits for: dated `from` or later, because of `rule` (anchored at `anchor`). */
export interface DecisionWait {
  /** Also the store's rejection code for a decision dated before `from`. */
  readonly rule: 'remarksWindowOpen' | 'refusalTooEarly' | 'objectionWindowOpen';
  /** The earliest date the decision may bear. */
  readonly from: LocalDate;
  /**
   * refusalTooEarly: the notice date; objectionWindowOpen and remarksWindowOpen: the window's last day
   * (the applicant may still file on it, so the decision comes the day after).
   */
  readonly anchor: LocalDate;
}

export interface DecisionTiming {
  /**
   * A step of the hearing missing before a decision of this outcome can be saved at all (the store's
   * rejection code), in the store's order; null when none is.
   */
  readonly missing: RejectionCode | null;
  /** The windows that hold the decision back, in the order the store checks them. */
  readonly waits: readonly DecisionWait[];
  /** The latest of the waits: the earliest date the decision may bear, and why; null: no window. */
  readonly earliest: DecisionWait | null;
}

const dayAfter = (date: LocalDate): LocalDate => addDays(date, 1);

function missingStep(hearing: HearingState | null, outcome: DecisionOutcome): RejectionCode | null {
  if (hearing !== null) {
    // R-HEAR-4: an oral objection is answered in a protocol first.
    if (hearing.protocolRequired && hearing.protocol === null) return 'protocolRequired';
    // R-HEAR-5: the protocol is given to the applicant to read (003:45).
    if (hearing.protocol !== null && hearing.familiarizedOn === null) {
      return 'protocolNotFamiliarized';
    }
  }
  if (outcome !== 'refuse') return null;
  // R-HEAR-1: no refusal without the preliminary notice and the invitation to a hearing.
  if (hearing === null) return 'refusalWithoutNotice';
  // 003:46: an objection made is heard before a refusal.
  if (hearing.objection !== null && hearing.protocol === null) return 'hearingNotHeld';
  // R-HEAR-3: the objection window counts from the day the notice was received.
  if (hearing.noticeReceivedOn === null) return 'noticeReceiptUnknown';
  return null;
}

/**
 * When a decision of `outcome` may be dated, after the hearing as logged so far: R-HEAR-1 (3 working
 * days after the notice, refusals only), R-HEAR-3 (after the objection window when no objection was
 * made, refusals only), R-HEAR-6 (after the remarks window while no remarks are logged, any decision).
 */
export function decisionTiming(
  hearing: HearingState | null,
  outcome: DecisionOutcome,
  calendar: WorkingCalendar,
): DecisionTiming {
  const waits: DecisionWait[] = [];
  if (hearing !== null) {
    if (hearing.familiarizedOn !== null && hearing.remarks === null) {
      const ends = remarksDeadline(hearing.familiarizedOn, calendar);
      waits.push({ rule: 'remarksWindowOpen', from: dayAfter(ends), anchor: ends });
    }
    if (outcome === 'refuse') {
      const noticeDate = hearing.notice.noticeDate;
      waits.push({
        rule: 'refusalTooEarly',
        from: earliestRefusalDecisionDate(noticeDate, calendar),
        anchor: noticeDate,
      });
      if (hearing.noticeReceivedOn !== null && hearing.objection === null) {
        const ends = objectionDeadline(hearing.noticeReceivedOn, calendar);
        waits.push({ rule: 'objectionWindowOpen', from: dayAfter(ends), anchor: ends });
      }
    }
  }
  const earliest = waits.reduce<DecisionWait | null>(
    (latest, w) => (latest === null || w.from > latest.from ? w : latest),
    null,
  );
  return { missing: missingStep(hearing, outcome), waits, earliest };
}

/** The store's reason for a decision dated `date` under `timing`; null when the date is allowed. */
export function decisionDateProblem(
  timing: DecisionTiming,
  date: LocalDate,
): RejectionReason | null {
  const wait = timing.waits.find((w) => date < w.from);
  return wait ? rejection(wait.rule) : null;
}

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
