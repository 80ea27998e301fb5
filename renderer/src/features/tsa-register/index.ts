export { TsaRegisterScreen } from './tsa-register-screen';
export { quarterOf, parseQuarter, previousQuarter, isQuarter, type Quarter } from './quarter';
export { quarterLabel } from './quarter-label';
