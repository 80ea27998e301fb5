export { JournalScreen } from './journal-screen';
export { journalPath, type JournalParams } from './journal-params';
export { serviceName } from './service-name';
export { rowTermState, termTone, type CaseTermState, type TermTone } from './term-state';
export { formatDue, termLabels } from './work-labels';
export { useOfficeNow } from './office-time';
export { rowWorkLabels, stepName, whoseText, workLabels, type WorkLabels } from './work-labels';
export { WorkStatus } from './work-status';
