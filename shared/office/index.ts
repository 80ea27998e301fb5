export * from './office-profile';
