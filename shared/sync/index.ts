export * from './client';
export * from './protocol';
export * from './reference';
export * from './state-hash';
export * from './sync-file';
export * from './transport';
export * from './wire';
export * from './push-plan';
