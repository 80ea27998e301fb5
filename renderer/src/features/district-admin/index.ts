import { mayAdministerDistrict } from '../../../../shared/sync';
import { ALL_ROLES, type ScreenEntry } from '../../app/screen-entry';
import { DistrictAdminScreen } from './district-admin-screen';

export { DistrictAdminScreen } from './district-admin-screen';

/**
 * The screen's line in the navigation: on a district department's desk, for whoever may administer
 * the district (mayAdministerDistrict, the rule the hub applies to every call of the screen).
 */
export const DISTRICT_ADMIN_SCREEN: ScreenEntry = {
  path: '/district-admin',
  titleKey: 'districtAdmin:title',
  Component: DistrictAdminScreen,
  roles: ALL_ROLES.filter((role) => mayAdministerDistrict(role, 'district')),
  officeKinds: ['district'],
};
