export * from './protocol';
export * from './state-hash';
export * from './wire';
