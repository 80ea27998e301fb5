export { JournalScreen } from './journal-screen';
export { journalPath, type JournalParams } from './journal-params';
export { serviceName } from './service-name';
export { caseTermState, termTone, type CaseTermState, type TermTone } from './term-state';
export { termLabels } from './journal-row-view';
export { OFFICE_CALENDAR, useOfficeNow } from './office-time';
