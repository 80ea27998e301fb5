export { IntakeScreen } from './intake-screen';
export {
  checkIncomes,
  checkIntake,
  checkRepresentative,
  documentStateOptions,
  incomeValuesOf,
  representativeValuesOf,
  serviceNeeds,
  type IncomeValues,
  type IntakeFormValues,
  type RepresentativeValues,
  type ServiceNeeds,
} from './intake-model';
