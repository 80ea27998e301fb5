export * from './office-profile';
export * from './roles';
export * from './office-hours';
export * from './identity';
export * from './office-settings';
