export * from './journal-row';
export * from './row-work';
