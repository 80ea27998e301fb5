// Checks of what people type and attach, for every form of the desk; components only call these.
export * from './messages';
export * from './date-input';
export * from './person-name';
export * from './plausible';
export * from './scan-content';
export * from './tsa-needed';
export * from './case-dates';
