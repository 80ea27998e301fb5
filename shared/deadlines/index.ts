export * from './due';
export * from './extension';
export * from './hearing';
export * from './procedural-terms';
export * from './registration';
export * from './status';
