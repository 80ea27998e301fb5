export * from './case-schedule';
export * from './term-start';
export * from './term-state';
export * from './result-arrival';
