export * from './journal-row';
