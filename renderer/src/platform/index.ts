export { getPlatform } from './platform';
export { systemClock, localDateTimeAt, OFFICE_TIME_ZONE, type DeskClock } from './clock';
