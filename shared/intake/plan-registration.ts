import type { Channel, Route } from '../case';
import { ruleSetInForce, type RouteKind, type Term } from '../catalog';
import { AKIM_OFFICE_HOURS, type DailyHours, type WorkingCalendar } from '../calendar';
import { dueFor, type Due, type TermStart } from '../deadlines';
import type { OfficeKind } from '../office/office-profile';
import { catalogRoute, termStart } from '../schedule/term-start';
import { datePart, type Duration, type LocalDate, type LocalDateTime } from '../time';

/**
 * What a case gets when it is registered: its rule-set (the one in force on the registration date,
 * R-VER-1), the registration date and the start of its terms (as that rule-set says, see
 * shared/schedule termStart), and the due date of the service's term on the chosen route. The desk's
 * store, the hub and the support command all use this one function.
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
  /** Estimated days off the due date was counted over (Kurban Ait 2027): the date may still move. */
  readonly provisionalDays: readonly LocalDate[];
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

/**
 * The catalog route of an application handed in at an office of this kind (003:13): at an akimat the
 * rural akim's ('akim'), at the district department the service provider's own ('authorizedBody').
 * The intake screen plans with it and submitIntake registers with it; planRegistration then gives the
 * case its route ('district' for everything but the akim's).
 */
export function intakeRouteOf(kind: OfficeKind): RouteKind {
  switch (kind) {
    case 'akimat':
      return 'akim';
    case 'district':
      return 'authorizedBody';
  }
}

/** The catalog route of an application at intake: its channel, else the office registering it. */
export function catalogRouteOfIntake(intake: {
  readonly route: Route;
  readonly channel: Channel;
}): RouteKind {
  return catalogRoute(intake.route, intake.channel);
}

/**
 * The rule-set is the one in force on the registration date; the registration date is the one that
 * rule-set gives. The rule-set in force on the day of receipt decides, unless its registration date
 * falls under another rule-set, which then decides (a package received the evening before new rules
 * take effect and registered the next working day).
 */
function governing(input: PlanInput, hours: DailyHours) {
  const received = ruleSetInForce(input.serviceId, datePart(input.receivedAt));
  const first = received.ok
    ? termStart(received.service, input.receivedAt, input.calendar, hours)
    : { date: datePart(input.receivedAt), at: input.receivedAt };
  const atRegistration = ruleSetInForce(input.serviceId, first.date);
  if (!atRegistration.ok) return atRegistration;
  if (received.ok && received.ruleSet.id === atRegistration.ruleSet.id) {
    return { ok: true as const, found: atRegistration, start: first };
  }
  const start = termStart(atRegistration.service, input.receivedAt, input.calendar, hours);
  return { ok: true as const, found: atRegistration, start };
}

export function planRegistration(input: PlanInput): PlanResult {
  const route = input.route ?? 'akim';
  const governed = governing(input, input.hours ?? AKIM_OFFICE_HOURS.working);
  if (!governed.ok) return governed;
  const { found, start } = governed;
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
  const due = dueFor(term, start, input.calendar, {
    countStartDay: channel.acceptanceDayCounted === true,
    issueDayCounted: channel.issueDayCounted,
  });
  const dueDate = due.kind === 'date' ? due.date : datePart(due.at);
  // At the akimat, a term in minutes means the service is given on the spot (the certificate): the
  // akimat does it all; anything longer goes to the district, which decides. Every other route is the
  // district department's own case.
  const caseRoute: Route =
    route !== 'akim' ? 'district' : term.unit === 'minutes' ? 'akimLocal' : 'akimToDistrict';
  return {
    ok: true,
    plan: {
      serviceId: service.id,
      ruleSetId: ruleSet.id,
      route,
      caseRoute,
      receivedAt: input.receivedAt,
      start,
      term,
      termSource: channel.term,
      due,
      dueDate,
      provisionalDays: input.calendar.provisionalDaysOff(start.date, dueDate).map((d) => d.date),
    },
  };
}
