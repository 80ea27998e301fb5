import type { TFunction } from 'i18next';
import type { WorkingCalendar } from '../../../../shared/calendar';
import type { Language } from '../../../../shared/ipc';
import type { Due } from '../../../../shared/deadlines';
import { formatDate, formatDateTime, type LocalDateTime } from '../../../../shared/time';
import { rowDue } from '../../../../shared/journal';
import type { CaseRow } from '../../db';
import { serviceName } from './service-name';
import { rowTermState, termTone, type CaseTermState, type TermTone } from './term-state';

/** One journal line as shown on screen and written to the XLSX file. */
export interface JournalRowView {
  id: string;
  number: string;
  date: string;
  applicant: string;
  iin: string;
  service: string;
  stage: string;
  due: string;
  /** The due date rests on an estimated day off (Kurban Ait 2027): it may still move. */
  dueProvisional: boolean;
  tone: TermTone;
  status: string;
  statusDetail: string;
  /**
   * Set while the case has a conflict nobody has looked at yet, or holds events from a newer desk
   * that this one cannot show (an update is needed).
   */
  flag: string | null;
}

export interface RowViewEnv {
  now: LocalDateTime;
  calendar: WorkingCalendar;
  language: Language;
  t: TFunction;
}

export function termLabels(state: CaseTermState, t: TFunction): { status: string; detail: string } {
  switch (state.kind) {
    case 'closed':
      return { status: t('journal:status.closed'), detail: '' };
    case 'suspended':
      return { status: t('journal:status.suspended'), detail: '' };
    case 'noTerm':
      return { status: t('journal:status.noTerm'), detail: '' };
    case 'unknown':
      return { status: t('journal:status.unknown'), detail: '' };
    case 'term': {
      const days = Math.abs(state.workingDaysLeft);
      const detail =
        state.status === 'overdue'
          ? t('journal:status.daysLate', { count: days })
          : state.status === 'dueToday'
            ? ''
            : t('journal:status.daysLeft', { count: days });
      return { status: t(`journal:status.${state.status}`), detail };
    }
  }
}

/** A due point as people read it: dd.MM.yyyy, or dd.MM.yyyy HH:mm for a minute term; none: ''. */
export function formatDue(due: Due | null): string {
  if (due === null) return '';
  return due.kind === 'date' ? formatDate(due.date) : formatDateTime(due.at);
}

export function journalRowView(row: CaseRow, env: RowViewEnv): JournalRowView {
  const state = rowTermState(row, env.now, env.calendar);
  const labels = termLabels(state, env.t);
  return {
    id: row.id,
    number: row.number,
    date: row.date ? formatDate(row.date) : '',
    applicant: row.applicantName,
    iin: row.iin,
    service: serviceName(row.serviceId, env.language),
    stage: env.t(`case:stages.${row.stage}`),
    due: formatDue(rowDue(row)),
    dueProvisional: row.dueProvisional === true,
    tone: termTone(state),
    status: labels.status,
    statusDetail: labels.detail,
    flag: row.flagged
      ? env.t('journal:flagged')
      : row.needsUpdate === true
        ? env.t('journal:needsUpdate')
        : null,
  };
}
