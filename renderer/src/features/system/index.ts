export { SystemScreen } from './system-screen';
export { DataProtectionBadge, DataProtectionRow } from './data-protection';
