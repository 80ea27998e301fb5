export * from './plan-registration';
export * from './replan';
export * from './intake-window';
