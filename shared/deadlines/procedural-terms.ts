import { addMinutes, minutes, workingDays } from '../time';
import type { Duration, LocalDate, LocalDateTime } from '../time';
import type { WorkingCalendar } from '../calendar';
import { minutesBetween } from './due';

// Terms of single procedural steps fixed by seeds 002 and 003. Service terms (how long a whole
// service takes) belong to the catalog; these are the hops between offices and the hearing windows,
// which do not vary by service. All working-day terms start the day AFTER their anchor.

export interface ProceduralTerm {
  readonly term: Duration;
  readonly rule: string;
  readonly source: string;
}

export const PROCEDURAL_TERMS = {
  /** Provider or rural akim sends the file to the village commission, from registration. */
  villageCommissionSending: { term: workingDays(1), rule: 'R-ROUTE-1', source: 'seed 003:33' },
  /** District computes per-capita income, from receipt of the file from the commission or akim. */
  perCapitaIncome: { term: workingDays(1), rule: 'R-ROUTE-2', source: 'seed 003:35-36' },
  /** TSA certificate at the provider, rural akim or portal, from submission of the package. */
  certificateAtOffice: { term: minutes(15), rule: 'R-CERT-1', source: 'seed 002:10' },
  /** Longest allowed wait in the queue before the package is submitted. */
  certificateMaxWaiting: { term: minutes(15), rule: 'R-CERT-1', source: 'seed 002:10' },
  /** Longest allowed service time for the applicant. */
  certificateMaxService: { term: minutes(20), rule: 'R-CERT-1', source: 'seed 002:10' },
  /** TSA certificate at the State Corporation; the acceptance day is not counted. */
  certificateAtStateCorporation: { term: workingDays(3), rule: 'R-CERT-2', source: 'seed 002:10' },
  /** Notice of a portal application's decision reaches the personal cabinet, from the decision. */
  portalNotice: { term: workingDays(1), rule: 'R-DEC-4', source: 'seed 003:51' },
  refusalNoticeLead: { term: workingDays(3), rule: 'R-HEAR-1', source: 'seed 003:38' },
  objectionWindow: { term: workingDays(2), rule: 'R-HEAR-3', source: 'seed 003:43' },
  remarksWindow: { term: workingDays(3), rule: 'R-HEAR-5', source: 'seed 003:46' },
} as const satisfies Record<string, ProceduralTerm>;

const nthWorkingDayAfter = (date: LocalDate, term: ProceduralTerm, calendar: WorkingCalendar) =>
  calendar.addWorkingDays(date, term.term.amount);

/** R-ROUTE-1: registered Mon → send to the village commission by the end of Tue. */
export function villageCommissionSendingDue(
  registrationDate: LocalDate,
  calendar: WorkingCalendar,
): LocalDate {
  return nthWorkingDayAfter(registrationDate, PROCEDURAL_TERMS.villageCommissionSending, calendar);
}

/** R-ROUTE-2: the district received the file Thu → per-capita income due Fri. */
export function perCapitaIncomeDue(
  districtReceiptDate: LocalDate,
  calendar: WorkingCalendar,
): LocalDate {
  return nthWorkingDayAfter(districtReceiptDate, PROCEDURAL_TERMS.perCapitaIncome, calendar);
}

/** R-CERT-1: the certificate is due 15 minutes after the package is submitted. */
export function certificateDue(submittedAt: LocalDateTime): LocalDateTime {
  return addMinutes(submittedAt, PROCEDURAL_TERMS.certificateAtOffice.term.amount);
}

/** R-CERT-1: the applicant waited longer than allowed between check-in and submission. */
export function certificateWaitingOverrun(
  checkedInAt: LocalDateTime,
  submittedAt: LocalDateTime,
): boolean {
  return (
    minutesBetween(checkedInAt, submittedAt) > PROCEDURAL_TERMS.certificateMaxWaiting.term.amount
  );
}

/**
 * R-CERT-2: 3 working days at the State Corporation, the acceptance day excluded. Pass the
 * calendar the term counts by: whether the State Corporation's Saturday counts (six-day calendar)
 * is an open question (processes §7 Q7), so the caller chooses.
 */
export function stateCorporationCertificateDue(
  acceptanceDate: LocalDate,
  calendar: WorkingCalendar,
): LocalDate {
  return nthWorkingDayAfter(
    acceptanceDate,
    PROCEDURAL_TERMS.certificateAtStateCorporation,
    calendar,
  );
}

/** R-DEC-4: decision Fri → notice due in the personal cabinet Mon. */
export function portalNoticeDue(decisionDate: LocalDate, calendar: WorkingCalendar): LocalDate {
  return nthWorkingDayAfter(decisionDate, PROCEDURAL_TERMS.portalNotice, calendar);
}
