import { SystemScreen } from '../features/system';
import { DashboardScreen } from '../features/dashboard';
import { JournalScreen } from '../features/journal';
import { IntakeScreen } from '../features/intake';
import { AkimInboxNavBadge, AkimScreen } from '../features/akim';
import { TodayNavBadge, TodayScreen } from '../features/today';
import { InboundNavBadge, InboundScreen } from '../features/inbound';
import { RegistersScreen } from '../features/registers';
import { TsaRegisterScreen } from '../features/tsa-register';
import { PROACTIVE_SCREEN } from '../features/proactive';
import { UsersScreen } from '../features/users';
import { OfficeSettingsScreen } from '../features/office-settings';
import { CasePageScreen } from '../features/case-page';
import { SmsOutboxScreen } from '../features/sms-outbox';
import { DISTRICT_ADMIN_SCREEN } from '../features/district-admin';
import { REPORT_PRINT_ROUTE, REPORTS_PATH, ReportsScreen } from '../features/reports';
import { DOCUMENT_ROUTES } from '../features/documents';
import { OFFICE_ROLE_POLICY, USER_MANAGER_ROLES, type OfficeKind } from '../../../shared/office';
import type { CaseRole } from '../../../shared/case';
import { ALL_ROLES, screenShownTo, type RouteEntry, type ScreenEntry } from './screen-entry';

// Roles by the role policy (shared/office/roles), not by name. The akim's inbox, the covering
// registers and the TSA register are an akimat's screens; the inbound queue the district
// department's; the intake is each office's staff's, on the office's own route.
const AKIMAT = OFFICE_ROLE_POLICY.akimat;
const DISTRICT = OFFICE_ROLE_POLICY.district;

/**
 * Where a person lands after logging in: the akim on what waits for him (resolutions and signatures,
 * with their deadlines); everyone else on the first screen of their navigation. Without the desk's
 * `kind`, a screen of some kinds of office only is never the start (the dashboard is everyone's).
 */
export function startPathFor(role: CaseRole | null, kind: OfficeKind | null = null): string {
  if (role === AKIMAT.head) return '/akim';
  return SCREENS.find((s) => screenShownTo(s, role, kind))?.path ?? '/system';
}

/** The navigation, in the order a specialist's day goes; each feature adds its own line. */
export const SCREENS: readonly ScreenEntry[] = [
  {
    path: '/dashboard',
    titleKey: 'dashboard:title',
    Component: DashboardScreen,
    roles: ALL_ROLES,
  },
  {
    path: '/today',
    titleKey: 'today:title',
    Component: TodayScreen,
    roles: [AKIMAT.staff, AKIMAT.head, DISTRICT.staff, DISTRICT.head],
    Badge: TodayNavBadge,
  },
  {
    path: '/inbound',
    titleKey: 'inbound:title',
    Component: InboundScreen,
    roles: [DISTRICT.staff, DISTRICT.head],
    Badge: InboundNavBadge,
  },
  { path: '/journal', titleKey: 'journal:title', Component: JournalScreen, roles: ALL_ROLES },
  {
    path: '/intake',
    titleKey: 'intake:title',
    Component: IntakeScreen,
    roles: [AKIMAT.staff, DISTRICT.staff],
  },
  {
    path: '/akim',
    titleKey: 'akim:title',
    Component: AkimScreen,
    roles: [AKIMAT.head],
    Badge: AkimInboxNavBadge,
  },
  {
    path: '/registers',
    titleKey: 'registers:title',
    Component: RegistersScreen,
    roles: [AKIMAT.staff, AKIMAT.head],
  },
  {
    path: '/tsa-register',
    titleKey: 'tsaRegister:title',
    Component: TsaRegisterScreen,
    roles: [AKIMAT.staff, AKIMAT.head],
  },
  PROACTIVE_SCREEN,
  {
    path: REPORTS_PATH,
    titleKey: 'reports:title',
    Component: ReportsScreen,
    roles: [AKIMAT.staff, AKIMAT.head, DISTRICT.staff, DISTRICT.head],
  },
  // District roles see their district's messages, an akimat its own (the hub scopes the list).
  { path: '/sms', titleKey: 'sms:title', Component: SmsOutboxScreen, roles: ALL_ROLES },
  // The district's offices, codes and desks at the hub: the district department's head and admin.
  DISTRICT_ADMIN_SCREEN,
  { path: '/users', titleKey: 'users:title', Component: UsersScreen, roles: USER_MANAGER_ROLES },
  {
    path: '/office-settings',
    titleKey: 'office:settings.title',
    Component: OfficeSettingsScreen,
    roles: USER_MANAGER_ROLES,
  },
  { path: '/system', titleKey: 'system:title', Component: SystemScreen, roles: ALL_ROLES },
];

/** Routes outside the navigation. */
export const ROUTES: readonly RouteEntry[] = [
  { path: '/cases/:caseId', Component: CasePageScreen },
  ...DOCUMENT_ROUTES,
  REPORT_PRINT_ROUTE,
];
