export { TsaRegisterScreen } from './tsa-register-screen';
export {
  quarterOf,
  parseQuarter,
  previousQuarter,
  isQuarter,
  type Quarter,
} from '../../../../shared/tsa-register';
export { quarterLabel } from './quarter-label';
