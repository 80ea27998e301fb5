export { JournalScreen } from './journal-screen';
export { journalPath, type JournalParams } from './journal-params';
export { serviceName } from './service-name';
export { rowTermState, termTone, type CaseTermState, type TermTone } from './term-state';
export { formatDue, termLabels } from './journal-row-view';
export { useOfficeNow } from './office-time';
