export * from './hlc';
export * from './clock-watch';
