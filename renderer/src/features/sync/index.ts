export { SyncStatusArea } from './sync-status';
export { HubCard } from './hub-card';
export { CaseRejections } from './case-rejections';
