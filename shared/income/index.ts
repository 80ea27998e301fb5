export * from './per-capita';
export * from './figures';
