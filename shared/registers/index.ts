export * from './events';
export * from './messages';
export * from './state';
export * from './transitions';
export * from './fold';
export * from './register-file';
