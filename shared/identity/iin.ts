// IIN (ЖСН / ИИН), the 12-digit personal number: YYMMDD, a century-and-sex digit, a 4-digit serial and a
// mod-11 control digit (kazakhstan-facts.md §1). It is always kept as a 12-character string: births in
// 2000–2009 start with 0 and a number type would lose it.
import { daysInMonth } from '../time';
import type { LocalDate } from '../time';

/** Why an IIN is rejected. Each value is also the message key shown to the user. */
export type IinFailure =
  | 'identity:iin.notDigits'
  | 'identity:iin.length'
  | 'identity:iin.centuryDigit'
  | 'identity:iin.birthDate'
  | 'identity:iin.neverIssued'
  | 'identity:iin.checksum';

/** In the order validateIin checks them: the first failing check is the one reported. */
export const IIN_FAILURES: readonly IinFailure[] = [
  'identity:iin.notDigits',
  'identity:iin.length',
  'identity:iin.centuryDigit',
  'identity:iin.birthDate',
  'identity:iin.neverIssued',
  'identity:iin.checksum',
];

export type Sex = 'M' | 'F';

export type IinValidation =
  | {
      readonly ok: true;
      readonly iin: string;
      readonly birthDate: LocalDate;
      readonly sex: Sex;
      /** Which weight set produced the control digit (the second is used when the first gives 10). */
      readonly weightsPass: 1 | 2;
    }
  | { readonly ok: false; readonly reason: IinFailure };

const WEIGHTS_PASS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const WEIGHTS_PASS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;
/** The digits of a whole IIN. */
export const IIN_LENGTH = 12;

function weightedMod11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return sum % 11;
}

/**
 * The control digit for the first 11 digits, and which pass produced it; `null` when both passes give 10:
 * such a number is never issued, whatever its 12th digit.
 */
export function iinControlDigit(first11: string): { digit: number; pass: 1 | 2 } | null {
  if (!/^\d{11}$/.test(first11)) throw new RangeError(`Expected 11 digits, got "${first11}"`);
  const digits = Array.from(first11, Number);
  const c1 = weightedMod11(digits, WEIGHTS_PASS_1);
  if (c1 !== 10) return { digit: c1, pass: 1 };
  const c2 = weightedMod11(digits, WEIGHTS_PASS_2);
  return c2 === 10 ? null : { digit: c2, pass: 2 };
}

/** The full year for a 2-digit year and the 7th digit; null for a digit outside 1–6. */
function centuryStart(centuryDigit: number): number | null {
  switch (centuryDigit) {
    case 1:
    case 2:
      return 1800;
    case 3:
    case 4:
      return 1900;
    case 5:
    case 6:
      return 2000;
    default:
      return null;
  }
}

function isValidDayOfMonth(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Validates an IIN typed or pasted by a person: surrounding spaces are ignored, anything else must be
 * exactly 12 ASCII digits. Checks run in IIN_FAILURES order, so a wrong month is reported as a wrong birth
 * date rather than as a checksum error.
 */
export function validateIin(input: string): IinValidation {
  const iin = input.trim();
  if (!/^\d*$/.test(iin)) return { ok: false, reason: 'identity:iin.notDigits' };
  if (iin.length !== IIN_LENGTH) return { ok: false, reason: 'identity:iin.length' };

  const centuryDigit = Number(iin[6]);
  const century = centuryStart(centuryDigit);
  if (century === null) return { ok: false, reason: 'identity:iin.centuryDigit' };

  const year = century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  if (!isValidDayOfMonth(year, month, day)) return { ok: false, reason: 'identity:iin.birthDate' };

  const control = iinControlDigit(iin.slice(0, 11));
  if (control === null) return { ok: false, reason: 'identity:iin.neverIssued' };
  if (control.digit !== Number(iin[11])) return { ok: false, reason: 'identity:iin.checksum' };

  return {
    ok: true,
    iin,
    birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    sex: centuryDigit % 2 === 1 ? 'M' : 'F',
    weightsPass: control.pass,
  };
}

/** A live hint while the IIN is being typed: reports a problem as soon as the typed prefix shows it. */
export type IinTypingHint =
  | { readonly kind: 'empty' }
  | { readonly kind: 'incomplete'; readonly digits: number }
  | { readonly kind: 'problem'; readonly reason: IinFailure }
  | { readonly kind: 'complete'; readonly result: IinValidation & { ok: true } };

/**
 * For an input field: a prefix that can still become a valid IIN is 'incomplete'; a prefix that cannot is
 * a 'problem' with the same reason validateIin would give. A 29 February typed before the century digit
 * is accepted, because 00 is a leap year in the 2000s.
 */
export function partialIinHint(input: string): IinTypingHint {
  const text = input.trim();
  if (text === '') return { kind: 'empty' };
  if (!/^\d*$/.test(text)) return { kind: 'problem', reason: 'identity:iin.notDigits' };
  if (text.length > IIN_LENGTH) return { kind: 'problem', reason: 'identity:iin.length' };
  if (text.length === IIN_LENGTH) {
    const result = validateIin(text);
    return result.ok ? { kind: 'complete', result } : { kind: 'problem', reason: result.reason };
  }

  if (text.length >= 7 && centuryStart(Number(text[6])) === null) {
    return { kind: 'problem', reason: 'identity:iin.centuryDigit' };
  }
  if (!birthPrefixPossible(text)) return { kind: 'problem', reason: 'identity:iin.birthDate' };
  return { kind: 'incomplete', digits: text.length };
}

function birthPrefixPossible(prefix: string): boolean {
  const monthText = prefix.slice(2, 4);
  if (monthText.length === 1) return monthText === '0' || monthText === '1';
  if (monthText.length < 2) return true;
  const month = Number(monthText);
  if (month < 1 || month > 12) return false;

  const dayText = prefix.slice(4, 6);
  // The longest month this month can have in any century the IIN can encode (February: 29 in 2000).
  const yy = Number(prefix.slice(0, 2));
  const centuries =
    prefix.length >= 7 ? [centuryStart(Number(prefix[6])) ?? 0] : [1800, 1900, 2000];
  const maxDay = Math.max(...centuries.map((c) => daysInMonth(c + yy, month)));
  if (dayText.length === 1) return Number(dayText) * 10 <= maxDay;
  if (dayText.length < 2) return true;
  const day = Number(dayText);
  return day >= 1 && day <= maxDay;
}
