export * from './protocol';
export * from './state-hash';
export * from './transport';
export * from './wire';
