// R-REG-5 (seed 003:24-25): the tear-off coupon shows the registration date, the date the service
// will be received and the surname and name of the person who accepted the documents; it is not
// printed while any of the three is missing.
import type { CaseState } from '../../../../shared/case';
import type { WorkingCalendar } from '../../../../shared/calendar';
import { caseSchedule, caseService } from '../../../../shared/schedule';
import type { LocalDate, LocalDateTime } from '../../../../shared/time';

export const TALON_FIELDS = ['registrationDate', 'resultDate', 'acceptedBy'] as const;
export type TalonField = (typeof TALON_FIELDS)[number];

/** When the result is due: a day for day terms, a moment for minute terms (the certificate). */
export type TalonDue =
  | { readonly kind: 'date'; readonly date: LocalDate }
  | { readonly kind: 'dateTime'; readonly at: LocalDateTime };

export interface TalonFacts {
  readonly registrationNumber: string;
  readonly registrationDate: LocalDate;
  readonly receivedAt: LocalDateTime | null;
  readonly due: TalonDue;
  /** The due date rests on an estimated day off (Kurban Ait 2027): the talon says it may move. */
  readonly dueProvisional: boolean;
  readonly acceptedBy: string;
}

export type TalonCheck =
  | { readonly ok: true; readonly facts: TalonFacts }
  /** The case was never registered (refused, proactive): it has no talon at all. */
  | { readonly ok: false; readonly reason: 'notRegistered' }
  | {
      readonly ok: false;
      readonly reason: 'missingFields';
      readonly missing: readonly TalonField[];
    };

/** The service as the case's own rule-set defines it: shared/schedule's one answer. */
export const serviceOfCase = caseService;

/** The user who registered the application (the accepting specialist). */
export function registeredBy(state: CaseState): string | null {
  return state.events.find((e) => e.type === 'Registered')?.actor.userId ?? null;
}

/**
 * What the talon prints, or why it cannot be printed. `acceptedBy` is the name of the user who
 * registered the case (null when that account is unknown on this desk).
 */
export function talonFacts(
  state: CaseState,
  acceptedBy: string | null,
  calendar: WorkingCalendar,
): TalonCheck {
  if (state.intake === null || state.registrationNumber === null) {
    return { ok: false, reason: 'notRegistered' };
  }
  const registrationDate = state.registrationDate;
  // The due point registration set, as shared/schedule has it: the talon is the original document.
  const schedule = caseSchedule(state, calendar);
  const due = registrationDate ? schedule.registeredDue : null;
  const name = acceptedBy?.trim() ?? '';
  const missing = TALON_FIELDS.filter(
    (field) =>
      (field === 'registrationDate' && !registrationDate) ||
      (field === 'resultDate' && due === null) ||
      (field === 'acceptedBy' && name === ''),
  );
  if (missing.length > 0 || !registrationDate || due === null) {
    return { ok: false, reason: 'missingFields', missing };
  }
  return {
    ok: true,
    facts: {
      registrationNumber: state.registrationNumber,
      registrationDate,
      receivedAt: state.receivedAt,
      due,
      dueProvisional: schedule.provisionalDays.length > 0,
      acceptedBy: name,
    },
  };
}
