import { parseArgs } from 'node:util';
import {
  CATALOG_VERSION,
  localized,
  ROUTE_KINDS,
  ruleSetInForce,
  type RouteKind,
} from '../shared/catalog';
import { CalendarDataMissingError, createWorkingCalendar } from '../shared/calendar';
import { planRegistration } from '../shared/intake';
import { formatDate, formatDateTime, isLocalDateTime } from '../shared/time';

// `npm run deadline -- --service <id> --route <route> --received <ISO date-time>`: the registration
// date and due date a case would get, from the same engine the desk and the hub use. For support staff.

const USAGE = `usage: npm run deadline -- --service <id> --route <${ROUTE_KINDS.join('|')}> --received <YYYY-MM-DDTHH:mm>
  --received is the office's wall-clock time (Kazakhstan, UTC+5).`;

const UNITS: Record<string, string> = {
  minutes: 'minutes',
  workingDays: 'working days',
  calendarDays: 'calendar days',
};

function fail(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    service: { type: 'string' },
    route: { type: 'string', default: 'akim' },
    received: { type: 'string' },
  },
  strict: true,
});

const serviceId = values.service ?? fail('--service is required');
const route = values.route as RouteKind;
if (!ROUTE_KINDS.includes(route)) fail(`unknown route "${values.route}"`);
// Accept seconds and a trailing zone designator, but count in office time as written.
const received = (values.received ?? fail('--received is required')).slice(0, 16);
if (!isLocalDateTime(received))
  fail(`--received must look like 2026-03-20T10:00, got "${values.received}"`);

const calendar = createWorkingCalendar();
const weekday = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00Z`),
  );

try {
  const result = planRegistration({ serviceId, receivedAt: received, calendar, route });
  if (!result.ok) fail(`${result.reason} (service "${serviceId}", route "${route}")`);
  const { plan } = result;
  const found = ruleSetInForce(plan.serviceId, plan.start.date);
  if (!found.ok) fail(found.reason);
  const { ruleSet, service } = found;
  const source = ruleSet.legalSource;
  const quote = plan.termSource.sources[0];
  console.log(`service       ${service.id}`);
  console.log(`              ru: ${localized(service.name, 'ru')}`);
  console.log(`              kk: ${localized(service.name, 'kk')}`);
  console.log(`route         ${route}`);
  const act = [source.date && formatDate(source.date), source.number && `No ${source.number}`]
    .filter(Boolean)
    .join(', ');
  console.log(
    `rule-set      ${ruleSet.id} (${act || 'undated act'}; in force from ${formatDate(ruleSet.effectiveFrom)})`,
  );
  console.log(`catalog       ${CATALOG_VERSION}; calendar ${calendar.dataVersion}`);
  console.log(`received      ${formatDateTime(received)} (${weekday(received.slice(0, 10))})`);
  console.log(`registered    ${formatDate(plan.start.date)} (${weekday(plan.start.date)})`);
  console.log(
    `term          ${plan.term.amount} ${UNITS[plan.term.unit] ?? plan.term.unit}${quote ? ` — seed ${quote.seed}:${quote.lines.join(',')}` : ''}`,
  );
  console.log(
    `due           ${plan.due.kind === 'date' ? `${formatDate(plan.due.date)} (${weekday(plan.due.date)})` : `${formatDateTime(plan.due.at)}`}`,
  );
} catch (error) {
  if (error instanceof CalendarDataMissingError) {
    fail(
      `the working-day calendar has no data for ${error.year} (covered: ${error.coveredYears.from}–${error.coveredYears.to})`,
    );
  }
  throw error;
}
