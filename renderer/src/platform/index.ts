export { getPlatform } from './platform';
export {
  systemClock,
  localDateTimeAt,
  OFFICE_TIME_ZONE,
  pageMonotonicClock,
  type DeskClock,
  type MonotonicClock,
} from './clock';
