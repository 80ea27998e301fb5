// R-REG-5 (seed 003:24-25): the tear-off coupon shows the registration date, the date the service
// will be received and the surname and name of the person who accepted the documents; it is not
// printed while any of the three is missing.
import type { CaseState } from '../../../../shared/case';
import { allRuleSets, ruleSetInForce, type ServiceDefinition } from '../../../../shared/catalog';
import {
  addMinutes,
  datePart,
  type LocalDate,
  type LocalDateTime,
  type LocalTime,
} from '../../../../shared/time';

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

/** The service as the case's own rule-set defines it (the one in force on its registration date). */
export function serviceOfCase(state: CaseState): ServiceDefinition | null {
  if (state.serviceId === null) return null;
  const own = allRuleSets()
    .find((rs) => rs.id === state.ruleSetId)
    ?.services.find((s) => s.id === state.serviceId);
  if (own) return own;
  const date = state.registrationDate ?? state.receivedAt?.slice(0, 10) ?? null;
  if (date === null) return null;
  const found = ruleSetInForce(state.serviceId, date);
  return found.ok ? found.service : null;
}

/** The user who registered the application (the accepting specialist). */
export function registeredBy(state: CaseState): string | null {
  return state.events.find((e) => e.type === 'Registered')?.actor.userId ?? null;
}

/**
 * The moment a minute term ends (seed 002:10, 15 minutes from submission): it runs from receipt when
 * the application was registered on the day of receipt, else from the opening of the registration
 * day, as shared/deadlines registrationStart counts it.
 */
function dueOf(state: CaseState, registrationDate: LocalDate, opensAt: LocalTime): TalonDue | null {
  const term = serviceOfCase(state)?.routes.akim;
  const duration = term?.available ? term.term?.duration : null;
  if (duration?.unit === 'minutes' && state.receivedAt !== null) {
    const start =
      datePart(state.receivedAt) === registrationDate
        ? state.receivedAt
        : `${registrationDate}T${opensAt}`;
    return { kind: 'dateTime', at: addMinutes(start, duration.amount) };
  }
  return state.dueDate === null ? null : { kind: 'date', date: state.dueDate };
}

/**
 * What the talon prints, or why it cannot be printed. `acceptedBy` is the name of the user who
 * registered the case (null when that account is unknown on this desk).
 */
export function talonFacts(
  state: CaseState,
  acceptedBy: string | null,
  opensAt: LocalTime,
): TalonCheck {
  if (state.intake === null || state.registrationNumber === null) {
    return { ok: false, reason: 'notRegistered' };
  }
  const registrationDate = state.registrationDate;
  const due = registrationDate ? dueOf(state, registrationDate, opensAt) : null;
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
      acceptedBy: name,
    },
  };
}
