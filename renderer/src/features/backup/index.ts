export { BackupCard } from './backup-card';
export { BackupReminder } from './backup-reminder';
export { FirstRun, useRememberDataOrigin } from './first-run';
export { NumberingHoldNotice } from './numbering-hold';
export { StorageCard } from './storage-card';
export { askDurableStorage } from './data-origin';
