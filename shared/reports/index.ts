export * from './month';
export * from './monthly';
