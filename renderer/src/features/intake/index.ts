export { IntakeScreen } from './intake-screen';
export {
  checkIntake,
  documentStateOptions,
  serviceNeeds,
  type IntakeFormValues,
  type ServiceNeeds,
} from './intake-model';
