export { ClockWarning } from './clock-warning';
export { ClockJumpsCard } from './clock-jumps-card';
