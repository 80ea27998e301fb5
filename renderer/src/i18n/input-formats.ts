// How people type dates and money in forms, and how the stored values look. Dates are typed
// as on paper, dd.MM.yyyy (the form every screen shows), and stored as LocalDate; money is typed in
// tenge, with spaces and a comma if need be, and stored as an integer number of tiyn.
import { parseDateText } from '../../../shared/input';
import { formatDate, type LocalDate } from '../../../shared/time';

/**
 * '15.03.1985' (also '5.3.1985', '15/03/1985', '15-03-1985') → '1985-03-15'; null if not a date.
 * The desk's one reading of a typed date (shared/input readDateInput); forms that say why a date is
 * refused ("no such date", "in the future") call checkDateInput from shared/input.
 */
export function parseDateInput(text: string): LocalDate | null {
  return parseDateText(text);
}

/** A stored date as it is typed and shown: '1985-03-15' → '15.03.1985'. */
export function dateInputOf(date: LocalDate): string {
  return formatDate(date);
}

// Group separators people type or paste: spaces, no-break and narrow no-break spaces, apostrophes.
const GROUPING = /[\s\u00a0\u202f']/g;

/** '45 000', '45000,5', '45 000.50' tenge → tiyn (4 500 000, 4 500 050, 4 500 050); null if not money. */
export function parseTengeToTiyn(text: string): number | null {
  const compact = text.trim().replace(GROUPING, '').replace(',', '.');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!m) return null;
  const [, whole = '0', fraction = ''] = m;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
