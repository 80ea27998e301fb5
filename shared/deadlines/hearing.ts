import type { LocalDate } from '../time';
import type { WorkingCalendar } from '../calendar';
import { PROCEDURAL_TERMS } from './procedural-terms';

// The hearing before a refusal (seed 003:38-47, APPK art. 73). All windows count working days AFTER
// the anchor date (the anchor day itself is not counted, R-CAL-5):
// - R-HEAR-1: the preliminary refusal notice goes out no later than 3 working days before the
//   decision, so a refusal decision may be dated no earlier than addWorkingDays(noticeDate, 3);
// - R-HEAR-3: the applicant may object within 2 working days of receiving the notice, the window
//   ends addWorkingDays(noticeReceiptDate, 2); a late objection is kept and flagged, never dropped;
// - R-HEAR-5: remarks on the hearing protocol within 3 working days after reading it, the window
//   ends addWorkingDays(familiarizationDate, 3);
// - R-HEAR-6: no decision while the remarks window is open and no remarks are logged.

export type HearingRejection =
  'hearing.decisionTooEarly' | 'hearing.remarksWindowOpen' | 'hearing.beforeAnchor';

interface Rejected<R extends HearingRejection> {
  readonly ok: false;
  readonly reason: R;
  readonly messageKey: `calendar:deadlines.${R}`;
}

const reject = <R extends HearingRejection>(reason: R): Rejected<R> => ({
  ok: false,
  reason,
  messageKey: `calendar:deadlines.${reason}`,
});

export function earliestRefusalDecisionDate(
  noticeDate: LocalDate,
  calendar: WorkingCalendar,
): LocalDate {
  return calendar.addWorkingDays(noticeDate, PROCEDURAL_TERMS.refusalNoticeLead.term.amount);
}

/** R-HEAR-1. The rejection carries the earliest allowed date (message param `date`). */
export function checkRefusalDecisionDate(
  noticeDate: LocalDate,
  decisionDate: LocalDate,
  calendar: WorkingCalendar,
):
  | { readonly ok: true }
  | (Rejected<'hearing.decisionTooEarly'> & { readonly earliest: LocalDate }) {
  const earliest = earliestRefusalDecisionDate(noticeDate, calendar);
  return decisionDate >= earliest
    ? { ok: true }
    : { ...reject('hearing.decisionTooEarly'), earliest };
}

export function objectionDeadline(
  noticeReceiptDate: LocalDate,
  calendar: WorkingCalendar,
): LocalDate {
  return calendar.addWorkingDays(noticeReceiptDate, PROCEDURAL_TERMS.objectionWindow.term.amount);
}

export function remarksDeadline(
  familiarizationDate: LocalDate,
  calendar: WorkingCalendar,
): LocalDate {
  return calendar.addWorkingDays(familiarizationDate, PROCEDURAL_TERMS.remarksWindow.term.amount);
}

/**
 * Result of checking something the applicant filed within a window. A late filing is accepted with
 * `late: true` (the provider must still see it; message key for the flag given); a filing dated
 * before the window's anchor is a data-entry error and is rejected.
 */
export type WindowFilingCheck =
  | {
      readonly ok: true;
      readonly late: false;
      readonly deadline: LocalDate;
    }
  | {
      readonly ok: true;
      readonly late: true;
      readonly deadline: LocalDate;
      readonly messageKey:
        'calendar:deadlines.hearing.objectionLate' | 'calendar:deadlines.hearing.remarksLate';
    }
  | Rejected<'hearing.beforeAnchor'>;

/** R-HEAR-3: an objection dated `objectionDate` against a notice received on `noticeReceiptDate`. */
export function checkObjectionDate(
  noticeReceiptDate: LocalDate,
  objectionDate: LocalDate,
  calendar: WorkingCalendar,
): WindowFilingCheck {
  if (objectionDate < noticeReceiptDate) return reject('hearing.beforeAnchor');
  const deadline = objectionDeadline(noticeReceiptDate, calendar);
  return objectionDate <= deadline
    ? { ok: true, late: false, deadline }
    : { ok: true, late: true, deadline, messageKey: 'calendar:deadlines.hearing.objectionLate' };
}

/** R-HEAR-5: remarks dated `remarksDate` on a protocol read on `familiarizationDate`. */
export function checkRemarksDate(
  familiarizationDate: LocalDate,
  remarksDate: LocalDate,
  calendar: WorkingCalendar,
): WindowFilingCheck {
  if (remarksDate < familiarizationDate) return reject('hearing.beforeAnchor');
  const deadline = remarksDeadline(familiarizationDate, calendar);
  return remarksDate <= deadline
    ? { ok: true, late: false, deadline }
    : { ok: true, late: true, deadline, messageKey: 'calendar:deadlines.hearing.remarksLate' };
}

/**
 * R-HEAR-6: a decision dated `decisionDate` after a protocol read on `familiarizationDate`. Allowed
 * once remarks are logged, or once the window has closed (a date after its last day). The rejection
 * carries the window's last day (message param `date`).
 */
export function checkDecisionAfterRemarksWindow(
  familiarizationDate: LocalDate,
  remarksLogged: boolean,
  decisionDate: LocalDate,
  calendar: WorkingCalendar,
):
  | { readonly ok: true }
  | (Rejected<'hearing.remarksWindowOpen'> & { readonly windowEnds: LocalDate }) {
  if (remarksLogged) return { ok: true };
  const windowEnds = remarksDeadline(familiarizationDate, calendar);
  return decisionDate > windowEnds
    ? { ok: true }
    : { ...reject('hearing.remarksWindowOpen'), windowEnds };
}
