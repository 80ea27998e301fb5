// Where a case's terms start, as each rule-set says (issue item "each rule-set says when its term
// starts"). What must stay true:
// - The 2023 social-assistance rules (003:31, R-REG-1) register an application the working day it
//   arrives, or the first working day after when it arrives outside working time; their terms run from
//   that registration.
// - The 2012 regulations count the term "from the moment the documents are handed in" (001:11109,
//   7129, 9289 / 4873, 1261, 3112) and the certificate's 15 minutes run from handing in the package
//   (002:10); seed 000 registers within 20 minutes of submission (000:42). Their registration date is
//   the day the office accepted the package, and their terms start at that moment.
// - A rule-set that says nothing is read the second way: the day the office accepted the package is
//   the date the talon shows.
import { AKIM_OFFICE_HOURS, type DailyHours, type WorkingCalendar } from '../calendar';
import type { Channel, Route } from '../case';
import type { RouteKind, ServiceDefinition } from '../catalog';
import { registrationStart, type TermStart } from '../deadlines';
import { datePart, type LocalDateTime } from '../time';

export type TermStartRule = 'sameWorkingDayElseNext' | 'fromHandingIn';

/** Which of the two ways the service's rule-set starts its terms. */
export function termStartRule(service: ServiceDefinition | null): TermStartRule {
  return service?.registrationRule?.kind === 'sameWorkingDayElseNextWorkingDay'
    ? 'sameWorkingDayElseNext'
    : 'fromHandingIn';
}

/** The registration date and the moment the terms start, for a package received at `receivedAt`. */
export function termStart(
  service: ServiceDefinition | null,
  receivedAt: LocalDateTime,
  calendar: WorkingCalendar,
  hours: DailyHours = AKIM_OFFICE_HOURS.working,
): TermStart {
  switch (termStartRule(service)) {
    case 'sameWorkingDayElseNext':
      return registrationStart(receivedAt, calendar, hours);
    case 'fromHandingIn':
      return { date: datePart(receivedAt), at: receivedAt };
  }
}

/**
 * The catalog route a case travels: the channel it came by (the Centre, the State Corporation, the
 * portal), else the office that registered it (the akim, or the district department itself).
 */
export function catalogRoute(route: Route | null, channel: Channel | null): RouteKind {
  switch (channel) {
    case 'serviceCenter':
      return 'serviceCenter';
    case 'stateCorporation':
      return 'stateCorporation';
    case 'portal':
      return 'portal';
    case 'office':
    case null:
      return route === 'district' ? 'authorizedBody' : 'akim';
  }
}
