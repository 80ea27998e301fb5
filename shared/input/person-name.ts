// Names of people as the desk stores and prints them: in Cyrillic, Kazakh and Russian letters only
// (every current regulation, e-gov form and identity document writes them so; kazakhstan-facts §5.1,
// §5.4). A Latin letter that looks like a Cyrillic one (a, e, o, p, c, x, y, H, K, M, T, B…) slips in
// when the keyboard layout is switched mid-word; the name then looks right on screen but no longer
// matches the person's other cases, the TSA register or the district's system. So such a letter is
// caught and a one-click fix offered (the same text with the look-alikes replaced); any other
// non-Cyrillic letter is refused with a plain message.
import { INPUT_MESSAGES as M, type InputMessage } from './messages';

/**
 * One part of a name (surname, first name or patronymic), in characters. The talon, form 2-1, the
 * notice and the certificate print the full name on one line of a table cell or of the text; 40
 * characters a part (120 a full name) still fits that line on A4 in the documents' font, and is longer
 * than any real Kazakh or Russian name part, double surnames with a hyphen included.
 */
export const NAME_PART_MAX = 40;
/** A whole name in one field (the representative's "surname, name, patronymic"). */
export const FULL_NAME_MAX = 3 * NAME_PART_MAX;

/** Latin (and IPA) letters that look like a Cyrillic letter, and that letter. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  A: 'А',
  a: 'а',
  B: 'В',
  C: 'С',
  c: 'с',
  E: 'Е',
  e: 'е',
  H: 'Н',
  h: 'һ',
  I: 'І',
  i: 'і',
  K: 'К',
  k: 'к',
  M: 'М',
  m: 'м',
  O: 'О',
  o: 'о',
  P: 'Р',
  p: 'р',
  T: 'Т',
  X: 'Х',
  x: 'х',
  Y: 'У',
  y: 'у',
  // Letters of the Latin-script Kazakh alphabets and IPA that look like Ә and Ө.
  Ə: 'Ә',
  ə: 'ә',
  Ɵ: 'Ө',
  ɵ: 'ө',
};

/** The letters of a name: Russian and Kazakh Cyrillic (42 letters, kazakhstan-facts §5.1). */
const CYRILLIC_LETTER = /[А-ЯЁа-яёӘәҒғҚқҢңӨөҰұҮүҺһІі]/u;
/** Between letters: a space, a hyphen (Әбдірахман-Әли) or an apostrophe. */
const SEPARATOR = /[ \-'’]/u;
/** Where a name may be a surname with initials ("Ахметов Б. К."): the initials' full stops too. */
const INITIAL_STOP = /[.]/u;

export interface NameCheckOptions {
  /** The field asks for a surname and initials (a commission member): full stops are allowed. */
  readonly initials?: boolean;
}

export type NameCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly problem: 'latinLookalike';
      readonly message: InputMessage;
      /** The same name with every look-alike replaced: what the fix button writes. */
      readonly fixed: string;
    }
  | {
      readonly ok: false;
      readonly problem: 'notCyrillic' | 'tooLong';
      readonly message: InputMessage;
    };

/** The name with every Latin look-alike replaced by its Cyrillic letter (other characters kept). */
export function fixLatinLookalikes(text: string): string {
  return Array.from(text.normalize('NFC'), (ch) => LOOKALIKES[ch] ?? ch).join('');
}

/**
 * Checks one name part (or a whole name, with `max`). Empty text is not this check's business (the
 * form says "required" where it is). The text is read in NFC, as it is stored.
 */
export function checkPersonName(
  text: string,
  max: number = NAME_PART_MAX,
  options: NameCheckOptions = {},
): NameCheck {
  const name = text.normalize('NFC').trim();
  if (name === '') return { ok: true };
  const chars = Array.from(name);
  let lookalikes = 0;
  let foreign = 0;
  for (const ch of chars) {
    if (CYRILLIC_LETTER.test(ch) || SEPARATOR.test(ch)) continue;
    if (options.initials === true && INITIAL_STOP.test(ch)) continue;
    if (LOOKALIKES[ch] !== undefined) lookalikes++;
    else foreign++;
  }
  if (foreign > 0) return { ok: false, problem: 'notCyrillic', message: M.nameNotCyrillic };
  if (lookalikes > 0) {
    return {
      ok: false,
      problem: 'latinLookalike',
      message: M.nameLatin,
      fixed: fixLatinLookalikes(text.trim()),
    };
  }
  if (chars.length > max) return { ok: false, problem: 'tooLong', message: M.nameTooLong };
  return { ok: true };
}
