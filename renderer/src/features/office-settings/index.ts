export { OfficeSettingsScreen } from './office-settings-screen';
