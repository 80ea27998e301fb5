export * from './desk-number';
