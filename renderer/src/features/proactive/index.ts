import { OFFICE_ROLE_POLICY } from '../../../../shared/office';
import type { ScreenEntry } from '../../app/screen-entry';
import { ProactiveScreen } from './proactive-screen';

export { ProactiveScreen } from './proactive-screen';

/** The screen's line in the navigation: the district department's specialist opens the cases. */
export const PROACTIVE_SCREEN: ScreenEntry = {
  path: '/proactive',
  titleKey: 'proactive:title',
  Component: ProactiveScreen,
  roles: [OFFICE_ROLE_POLICY.district.staff],
};
