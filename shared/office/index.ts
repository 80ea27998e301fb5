export * from './office-profile';
export * from './roles';
