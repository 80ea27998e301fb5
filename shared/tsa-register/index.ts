export * from './quarter';
export * from './tsa-file';
export * from './read-tsa-bytes';
export * from './xlsx-size';
export * from './signed-file';
