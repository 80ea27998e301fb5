import { intakeTimeWarning, type WorkingCalendar } from '../calendar';
import type { RouteKind, ServiceDefinition } from '../catalog';
import type { LocalDateTime } from '../time';

/**
 * Whether a package handed in at `at` is outside the intake window the service's route makes a
 * condition (002:12: on the akim route the certificate is accepted 9:00–17:30, lunch 13:00–14:30, on
 * working days; the district department's own route states no window). One answer for the intake
 * screen, which says so before the specialist starts, and for the store, which refuses the
 * registration.
 */
export function outsideIntakeWindow(
  service: ServiceDefinition | null,
  at: LocalDateTime,
  calendar: WorkingCalendar,
  routeKind: RouteKind = 'akim',
): boolean {
  const route = service?.routes[routeKind];
  const window = route?.available ? route.intakeWindow : undefined;
  if (!window) return false;
  const hours = {
    id: 'akimOffice' as const,
    week: 'fiveDay' as const,
    working: window.hours,
    intake: window.hours,
    source: '',
  };
  return intakeTimeWarning(at, calendar, hours) !== null;
}
