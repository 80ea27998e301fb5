export * from './contract';
export * from './csp';
