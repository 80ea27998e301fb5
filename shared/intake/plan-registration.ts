import type { Route } from '../case';
import { ruleSetInForce, type RouteKind, type Term } from '../catalog';
import { AKIM_OFFICE_HOURS, type DailyHours, type WorkingCalendar } from '../calendar';
import { dueFor, registrationStart, type Due, type TermStart } from '../deadlines';
import type { Duration, LocalDate, LocalDateTime } from '../time';

/**
 * What a case gets when it is registered: its rule-set (the one in force on the registration date,
 * R-VER-1), the registration date (R-REG-1), and the due date of the service's term on the chosen
 * route. The desk's intake, the hub and the support command all use this one function.
 */
export interface RegistrationPlan {
  readonly serviceId: string;
  readonly ruleSetId: string;
  readonly route: RouteKind;
  /** How the case travels: decided at the district, or all at the akimat (the certificate). */
  readonly caseRoute: Route;
  readonly receivedAt: LocalDateTime;
  readonly start: TermStart;
  readonly term: Duration;
  readonly termSource: Term;
  readonly due: Due;
  /** The day the result is due (the due moment's day for minute terms). */
  readonly dueDate: LocalDate;
}

export type PlanFailure =
  | 'catalog:errors.noRuleSet'
  | 'catalog:errors.noAkimRoute'
  | 'catalog:errors.termNotStated'
  | 'catalog:errors.routeNotAvailable';

export type PlanResult =
  | { readonly ok: true; readonly plan: RegistrationPlan }
  | { readonly ok: false; readonly reason: PlanFailure };

export interface PlanInput {
  readonly serviceId: string;
  readonly receivedAt: LocalDateTime;
  readonly calendar: WorkingCalendar;
  readonly route?: RouteKind;
  readonly hours?: DailyHours;
}

export function planRegistration(input: PlanInput): PlanResult {
  const route = input.route ?? 'akim';
  const start = registrationStart(
    input.receivedAt,
    input.calendar,
    input.hours ?? AKIM_OFFICE_HOURS.working,
  );
  const found = ruleSetInForce(input.serviceId, start.date);
  if (!found.ok) return found;
  const { ruleSet, service } = found;
  const channel = service.routes[route];
  if (!channel.available) {
    return {
      ok: false,
      reason: route === 'akim' ? 'catalog:errors.noAkimRoute' : 'catalog:errors.routeNotAvailable',
    };
  }
  if (channel.term === null || channel.term.duration === null) {
    return { ok: false, reason: 'catalog:errors.termNotStated' };
  }
  const term = channel.term.duration;
  const due = dueFor(term, start, input.calendar);
  // A term in minutes means the service is given on the spot (the certificate): the akimat does it all.
  // Anything longer goes to the district, which decides.
  const local = term.unit === 'minutes';
  return {
    ok: true,
    plan: {
      serviceId: service.id,
      ruleSetId: ruleSet.id,
      route,
      caseRoute: local ? 'akimLocal' : 'akimToDistrict',
      receivedAt: input.receivedAt,
      start,
      term,
      termSource: channel.term,
      due,
      dueDate: due.kind === 'date' ? due.date : due.at.slice(0, 10),
    },
  };
}
