// The services a specialist can choose at the desk, and what registering one now would give. A service
// is registrable when planRegistration succeeds for an application received now on the route of the
// desk's office (shared/intake intakeRouteOf: the akim's at an akimat, the district department's own at
// the district): the route exists and the regulation states its term. The rest are listed apart, with
// where to apply instead.
import {
  CalendarDataMissingError,
  type DailyHours,
  type WorkingCalendar,
} from '../../../../shared/calendar';
import {
  servicesInForce,
  whereToApply,
  type RouteKind,
  type RuleSet,
  type ServiceDefinition,
  type WhereToApplyResult,
} from '../../../../shared/catalog';
import { planRegistration, type RegistrationPlan } from '../../../../shared/intake';
import type { LocalDateTime } from '../../../../shared/time';

export type PlanPreview =
  | { readonly ok: true; readonly plan: RegistrationPlan }
  | {
      readonly ok: false;
      /** A message key: 'catalog:errors.*' or 'calendar:errors.yearMissing' (with `year`). */
      readonly reason: string;
      readonly params?: { readonly year: number };
    };

/** planRegistration, with a year the calendar data does not cover reported instead of thrown. */
export function planFor(
  serviceId: string,
  receivedAt: LocalDateTime,
  calendar: WorkingCalendar,
  hours: DailyHours,
  route: RouteKind,
): PlanPreview {
  try {
    return planRegistration({ serviceId, receivedAt, calendar, hours, route });
  } catch (error) {
    if (error instanceof CalendarDataMissingError) {
      return { ok: false, reason: error.messageKey, params: { year: error.year } };
    }
    throw error;
  }
}

export interface ServiceChoice {
  readonly service: ServiceDefinition;
  readonly ruleSet: RuleSet;
  readonly plan: PlanPreview;
}

export interface ServiceChoices {
  /** Registered at this desk, in catalog order. */
  readonly registrable: readonly ServiceChoice[];
  /** Not registrable here: no route at this office, or no stated term. */
  readonly elsewhere: readonly ServiceChoice[];
}

export function serviceChoices(
  receivedAt: LocalDateTime,
  calendar: WorkingCalendar,
  hours: DailyHours,
  route: RouteKind,
): ServiceChoices {
  const registrable: ServiceChoice[] = [];
  const elsewhere: ServiceChoice[] = [];
  for (const { service, ruleSet } of servicesInForce(receivedAt.slice(0, 10))) {
    const plan = planFor(service.id, receivedAt, calendar, hours, route);
    (plan.ok ? registrable : elsewhere).push({ service, ruleSet, plan });
  }
  return { registrable, elsewhere };
}

/**
 * Where the citizen applies when the desk cannot register the service: the catalog's channels other
 * than the akim's (whereToApply), less the desk's own route, which is the one that just failed here.
 */
export function elsewhereFor(
  serviceId: string,
  receivedAt: LocalDateTime,
  route: RouteKind,
): WhereToApplyResult {
  const found = whereToApply(serviceId, receivedAt.slice(0, 10));
  return found.ok ? { ...found, channels: found.channels.filter((c) => c.route !== route) } : found;
}

export { officeHoursOf } from '../../../../shared/office';
