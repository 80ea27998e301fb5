import type { TFunction } from 'i18next';
import type { WorkingCalendar } from '../../../../shared/calendar';
import type { Language } from '../../../../shared/ipc';
import { formatDate, type LocalDateTime } from '../../../../shared/time';
import { rowDue } from '../../../../shared/journal';
import type { CaseRow } from '../../db';
import { serviceName } from './service-name';
import type { DeskSide } from '../../../../shared/journal';
import type { TermTone } from './term-state';
import { formatDue, rowWorkLabels } from './work-labels';

/**
 * What the number cell shows for a proactive case (R-PRO-1, 003:30), which has no number: a mark that
 * it is proactive and the occasion it was opened for (the row's `occasion`, from shared/case
 * proactiveOccasion).
 */
export interface ProactiveMark {
  /** «проактивно» / «проактивті». */
  mark: string;
  /** The occasion's name as typed, with its date: «Жеңіс күні (09.05.2025)». */
  occasion: string;
  /** Both in one line, for a cell's title, the XLSX file and the printed list. */
  line: string;
}

/** One journal line as shown on screen and written to the XLSX file. */
export interface JournalRowView {
  id: string;
  /** The registration (or 2-1 receipt) number; '' for a proactive case (see `proactive`). */
  number: string;
  /** Set for a proactive case only: what its number cell shows instead of a number. */
  proactive: ProactiveMark | null;
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
  /** The desk's side: whose a late step or term is (default the akimat's). */
  side?: DeskSide;
}

export function journalRowView(row: CaseRow, env: RowViewEnv): JournalRowView {
  const labels = rowWorkLabels(row, env.now, env.calendar, env.side ?? 'akimat', env.t);
  return {
    id: row.id,
    number: row.number,
    proactive: row.occasion ? proactiveMark(row.occasion, env.t) : null,
    date: row.date ? formatDate(row.date) : '',
    applicant: row.applicantName,
    iin: row.iin,
    service: serviceName(row.serviceId, env.language),
    stage: env.t(`case:stages.${row.stage}`),
    due: formatDue(rowDue(row)),
    dueProvisional: row.dueProvisional === true,
    tone: labels.tone,
    status: labels.status,
    statusDetail: labels.detail,
    flag: row.flagged
      ? env.t('journal:flagged')
      : row.needsUpdate === true
        ? env.t('journal:needsUpdate')
        : null,
  };
}

/** The number cell's mark of a proactive case, in the interface (or document) language of `t`. */
export function proactiveMark(
  occasion: NonNullable<CaseRow['occasion']>,
  t: TFunction,
): ProactiveMark {
  const text = `${occasion.name} (${formatDate(occasion.date)})`;
  return {
    mark: t('journal:proactive.mark'),
    occasion: text,
    line: t('journal:proactive.line', { occasion: text }),
  };
}
