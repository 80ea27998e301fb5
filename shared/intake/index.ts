export * from './plan-registration';
export * from './replan';
