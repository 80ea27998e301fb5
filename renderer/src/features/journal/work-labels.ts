import type { TFunction } from 'i18next';
import type { WorkingCalendar } from '../../../../shared/calendar';
import { rowWork, type DeskSide, type RowWork, type WorkRow } from '../../../../shared/journal';
import type { StepOwner } from '../../../../shared/schedule';
import type { LocalDateTime } from '../../../../shared/time';
import { timeLeftText } from '../../i18n';
import { termTone, type CaseTermState, type TermTone } from './term-state';
import { formatDate, formatDateTime } from '../../../../shared/time';
import type { Due } from '../../../../shared/deadlines';

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
      // The desk's one wording of what is left (i18n timeLeftText), beside the status words.
      const left = timeLeftText(state, t, { statusShown: true });
      return { status: t(`journal:status.${state.status}`), detail: upperFirst(left) };
    }
  }
}

/** A list's detail line starts with a capital ("Осталось 3 рабочих дня"). */
const upperFirst = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** A due point as people read it: dd.MM.yyyy, or dd.MM.yyyy HH:mm for a minute term; none: ''. */
export function formatDue(due: Due | null): string {
  if (due === null) return '';
  return due.kind === 'date' ? formatDate(due.date) : formatDateTime(due.at);
}

/** The words and the colour of a case's work (shared/journal rowWork) on every list of the desk. */
export interface WorkLabels {
  readonly tone: TermTone;
  readonly status: string;
  readonly detail: string;
  /** The current step's short name, while a timed step runs; null otherwise. */
  readonly step: string | null;
}

/** A catalog step's short name ("the akim's resolution"), by its id. */
export function stepName(stepId: string, t: TFunction): string {
  return t(`journal:steps.${stepId}`, { defaultValue: t('journal:steps.other') });
}

/** Where a late step or term lies, said from the desk's side: "at the district". */
export function whoseText(owner: StepOwner, t: TFunction): string {
  return t(`journal:whose.${owner}`);
}

/**
 * A late step: "Step overdue" with the step and its due point; a late term: "Overdue" with the days
 * late (and the step it stands at, when that is late too). Either, when it is the other side's (the district's, seen from an akimat), in its own colour
 * ('theirs') and saying whose, never as the desk's own breach. Otherwise the term's own words, and a
 * step of the desk's own due today.
 */
export function workLabels(work: RowWork, side: DeskSide, t: TFunction): WorkLabels {
  const step = work.step ? stepName(work.step.id, t) : null;
  const join = (...parts: (string | null | false)[]) =>
    parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' · ');
  const { late } = work;
  if (late !== null) {
    const theirs = late.owner !== side;
    const tone: TermTone = theirs ? 'theirs' : 'bad';
    const termLate = work.term.kind === 'term' && work.term.status === 'overdue';
    if (late.what === 'step' && termLate) {
      // Both late: the whole term's lateness first, then the step it stands at.
      const term = termLabels(work.term, t);
      return {
        tone,
        status: term.status,
        detail: join(term.detail, step, theirs && whoseText(late.owner, t)),
        step,
      };
    }
    if (late.what === 'step') {
      return {
        tone,
        status: t('journal:status.stepOverdue'),
        detail: join(step, formatDue(late.due), theirs && whoseText(late.owner, t)),
        step,
      };
    }
    const term = termLabels(work.term, t);
    return {
      tone,
      status: term.status,
      detail: join(term.detail, theirs && whoseText(late.owner, t)),
      step,
    };
  }
  const term = termLabels(work.term, t);
  const s = work.step;
  if (s !== null && s.owner === side && s.state.kind === 'term' && s.state.status === 'dueToday') {
    return {
      tone: 'warn',
      status: t('journal:status.stepDueToday'),
      detail: join(step, formatDue(s.due)),
      step,
    };
  }
  return { tone: termTone(work.term), status: term.status, detail: term.detail, step };
}

/** workLabels of a journal row at `now`. */
export function rowWorkLabels(
  row: WorkRow,
  now: LocalDateTime,
  calendar: WorkingCalendar,
  side: DeskSide,
  t: TFunction,
): WorkLabels {
  return workLabels(rowWork(row, now, calendar), side, t);
}
