export * from './plan-registration';
