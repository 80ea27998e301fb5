// When a decision may be taken after the refusal hearing of seed 003 (003:38-47), as ONE set of
// functions: the store's rules (transitions.ts, the log layer and the calendar layer) and the district
// desk's screens (the decision form, the hearing card) both read them, so "not before X" on a screen
// is exactly where the store refuses a decision dated before X. What must stay true:
// - hearingStepMissing needs the log only (the fold runs it too); decisionTiming and
//   decisionWindowProblem need the working-day calendar (the store's context, never the fold).
// - Every window is the shared window function's (shared/deadlines/hearing.ts); nothing here counts
//   days itself but "the day after a window's last day".
// - The store's order of reasons: the missing steps (R-HEAR-4, R-HEAR-5, R-HEAR-1, 003:46), then
//   the remarks window (R-HEAR-6), the notice lead (R-HEAR-1), an unknown receipt (R-HEAR-3), the
//   objection window (R-HEAR-3).
import type { WorkingCalendar } from '../calendar/working-calendar';
import {
  earliestRefusalDecisionDate,
  objectionDeadline,
  remarksDeadline,
} from '../deadlines/hearing';
import { addDays, type LocalDate } from '../time';
import type { DecisionOutcome } from './events';
import { rejection, type RejectionCode, type RejectionReason } from './messages';
import type { HearingState } from './state';

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

export type HearingStepMissing =
  'protocolRequired' | 'protocolNotFamiliarized' | 'refusalWithoutNotice' | 'hearingNotHeld';

/**
 * The step of the hearing a decision of `outcome` still waits for, from the log alone (undefined
 * outcome: what any decision waits for). R-HEAR-4: an oral objection is answered in a protocol; R-HEAR-5:
 * the protocol is given to the applicant to read (003:45); R-HEAR-1: no refusal without the notice and
 * the invitation to a hearing; 003:46: an objection made is heard before a refusal.
 */
export function hearingStepMissing(
  hearing: HearingState | null,
  outcome: DecisionOutcome | undefined,
): HearingStepMissing | null {
  if (hearing !== null) {
    if (hearing.protocolRequired && hearing.protocol === null) return 'protocolRequired';
    if (hearing.protocol !== null && hearing.familiarizedOn === null) {
      return 'protocolNotFamiliarized';
    }
  }
  if (outcome !== 'refuse') return null;
  if (hearing === null) return 'refusalWithoutNotice';
  if (hearing.objection !== null && hearing.protocol === null) return 'hearingNotHeld';
  return null;
}

const dayAfter = (date: LocalDate): LocalDate => addDays(date, 1);

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
  const missing =
    hearingStepMissing(hearing, outcome) ??
    // R-HEAR-3: the objection window counts from the day the notice was received.
    (outcome === 'refuse' && hearing !== null && hearing.noticeReceivedOn === null
      ? 'noticeReceiptUnknown'
      : null);
  return { missing, waits, earliest };
}

/** The first window that refuses a decision dated `date` under `timing`; null when none does. */
export function decisionDateProblem(
  timing: DecisionTiming,
  date: LocalDate,
): RejectionReason | null {
  const wait = timing.waits.find((w) => date < w.from);
  return wait ? rejection(wait.rule) : null;
}

/**
 * The store's calendar check of a decision (`outcome`, dated `date`) after a hearing, in the store's
 * order: the remarks window, the notice lead, an unknown receipt of the notice, the objection window.
 */
export function decisionWindowProblem(
  hearing: HearingState,
  decision: { readonly outcome: DecisionOutcome; readonly date: LocalDate },
  calendar: WorkingCalendar,
): RejectionCode | null {
  const timing = decisionTiming(hearing, decision.outcome, calendar);
  const failing = timing.waits.find((w) => decision.date < w.from);
  if (failing !== undefined && failing.rule !== 'objectionWindowOpen') return failing.rule;
  if (decision.outcome === 'refuse' && hearing.noticeReceivedOn === null) {
    return 'noticeReceiptUnknown';
  }
  return failing?.rule ?? null;
}
