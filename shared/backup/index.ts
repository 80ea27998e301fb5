export * from './backup-file';
