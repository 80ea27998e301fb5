export { CasePageScreen } from './case-page-screen';
