export * from './local-date';
export * from './duration';
