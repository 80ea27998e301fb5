export { SetupWizard } from './setup-wizard';
export {
  deviceIdFor,
  officeIdFor,
  normalizeOfficeCode,
  DEFAULT_LOCK_AFTER_MINUTES,
} from './wizard-model';
