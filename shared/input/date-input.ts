// One way to read a date a person typed, for every form of the desk (intake, the case page's action
// forms, the akim's forms): dd.MM.yyyy as on paper (also d.M.yyyy, '/' or '-' between the parts).
// What must stay true: the same text gets the same answer in every form. A text shaped like a date
// that names no day of the calendar (31.02.2026, 29.02.2025, 00.01.2026) is "no such date", never
// "wrong format", and never silently rolled over to another day (Date would make 31.02 into 03.03).
import { INPUT_MESSAGES as M, type InputMessage } from './messages';
import { isLocalDate, type LocalDate } from '../time';

/** Years before this are a typing slip (no living applicant, act or income is that old). */
export const EARLIEST_YEAR = 1900;

export type DateReading =
  | { readonly ok: true; readonly date: LocalDate }
  | { readonly ok: false; readonly problem: 'empty' | 'format' | 'noSuchDate' | 'year' };

const DATE_TEXT = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;

/** '15.03.1985' → '1985-03-15'; '31.02.2026' → noSuchDate; '2026-02-01' or '15.3.85' → format. */
export function readDateInput(text: string): DateReading {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  const m = DATE_TEXT.exec(trimmed);
  if (!m) return { ok: false, problem: 'format' };
  const [, day = '', month = '', year = ''] = m;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isLocalDate(date)) return { ok: false, problem: 'noSuchDate' };
  if (Number(year) < EARLIEST_YEAR) return { ok: false, problem: 'year' };
  return { ok: true, date };
}

/** The date as a LocalDate, or null for any text that is not one (the older, quieter API). */
export function parseDateText(text: string): LocalDate | null {
  const reading = readDateInput(text);
  return reading.ok ? reading.date : null;
}

/** What an earlier bound is: its message names it ("before the registration date"…). */
export type EarliestKind = 'registration' | 'receipt' | 'decision';

export interface DateLimits {
  /** The latest date allowed, usually today at the office: a date after it is in the future. */
  readonly notAfter?: LocalDate;
  /** The earliest date allowed and what it is (an act cannot precede the case's registration). */
  readonly notBefore?: { readonly date: LocalDate; readonly kind: EarliestKind };
  /** false: an empty text is allowed (the date is optional); the result is then `empty`. */
  readonly required?: boolean;
}

export type DateCheck =
  | { readonly ok: true; readonly date: LocalDate }
  | { readonly ok: true; readonly date: null }
  | { readonly ok: false; readonly message: InputMessage };

const EARLIEST_MESSAGE: Readonly<Record<EarliestKind, InputMessage>> = {
  registration: M.dateBeforeRegistration,
  receipt: M.dateBeforeReceipt,
  decision: M.dateBeforeDecision,
};

const READING_MESSAGE = {
  empty: M.dateRequired,
  format: M.dateFormat,
  noSuchDate: M.dateNoSuchDate,
  year: M.dateYear,
} as const;

/**
 * Reads a typed date and checks it against the case: not after `notAfter` (today), not before
 * `notBefore` (the registration, the receipt, the decision). An optional empty date is
 * `{ ok: true, date: null }`.
 */
export function checkDateInput(text: string, limits: DateLimits = {}): DateCheck {
  const reading = readDateInput(text);
  if (!reading.ok) {
    if (reading.problem === 'empty' && limits.required === false) return { ok: true, date: null };
    return { ok: false, message: READING_MESSAGE[reading.problem] };
  }
  const { date } = reading;
  if (limits.notAfter !== undefined && date > limits.notAfter) {
    return { ok: false, message: M.dateFuture };
  }
  if (limits.notBefore !== undefined && date < limits.notBefore.date) {
    return { ok: false, message: EARLIEST_MESSAGE[limits.notBefore.kind] };
  }
  return { ok: true, date };
}
