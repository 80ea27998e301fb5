export { CasePageScreen } from './case-page-screen';
export {
  caseDeadlines,
  serviceOfCase,
  extensionFor,
  commissionSendingCheck,
  type CaseDeadlines,
  type WholeTerm,
  type StepView,
} from './case-deadlines';
