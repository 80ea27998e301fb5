import { SystemScreen } from '../features/system';
import { DashboardScreen } from '../features/dashboard';
import { JournalScreen } from '../features/journal';
import { IntakeScreen } from '../features/intake';
import { AkimScreen } from '../features/akim';
import { RegistersScreen } from '../features/registers';
import { TsaRegisterScreen } from '../features/tsa-register';
import { UsersScreen } from '../features/users';
import { CasePageScreen } from '../features/case-page';
import { DOCUMENT_ROUTES } from '../features/documents';
import { ALL_ROLES, type RouteEntry, type ScreenEntry } from './screen-entry';

/** The navigation, in the order a specialist's day goes; each feature adds its own line. */
export const SCREENS: readonly ScreenEntry[] = [
  {
    path: '/dashboard',
    titleKey: 'dashboard:title',
    Component: DashboardScreen,
    roles: ALL_ROLES,
  },
  { path: '/journal', titleKey: 'journal:title', Component: JournalScreen, roles: ALL_ROLES },
  { path: '/intake', titleKey: 'intake:title', Component: IntakeScreen, roles: ['specialist'] },
  { path: '/akim', titleKey: 'akim:title', Component: AkimScreen, roles: ['akim'] },
  {
    path: '/registers',
    titleKey: 'registers:title',
    Component: RegistersScreen,
    roles: ['specialist', 'akim'],
  },
  {
    path: '/tsa-register',
    titleKey: 'tsaRegister:title',
    Component: TsaRegisterScreen,
    roles: ['specialist', 'akim'],
  },
  { path: '/users', titleKey: 'users:title', Component: UsersScreen, roles: ['akim', 'admin'] },
  { path: '/system', titleKey: 'system:title', Component: SystemScreen, roles: ALL_ROLES },
];

/** Routes outside the navigation. */
export const ROUTES: readonly RouteEntry[] = [
  { path: '/cases/:caseId', Component: CasePageScreen },
  ...DOCUMENT_ROUTES,
];
