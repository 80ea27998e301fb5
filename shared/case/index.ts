export * from './events';
export * from './messages';
export * from './state';
export * from './transitions';
export * from './hearing-timing';
export * from './fold';
export * from './application';
export * from './registration-number';
export { EVENT_SCHEMA_VERSION, normalizeText, isNfc, type IncomingClass } from '../events/envelope';
