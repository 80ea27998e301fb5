export * from './calendar-data';
export * from './calendar-schema';
export * from './errors';
export * from './office-hours';
export * from './working-calendar';
