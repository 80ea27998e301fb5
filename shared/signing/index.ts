export * from './base64';
export * from './canonical-json';
export * from './subtle';
export * from './signature';
export * from './pin';
