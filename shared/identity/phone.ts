// Kazakhstan mobile numbers, for SMS notices to applicants. Kazakhstan shares country code +7 with Russia:
// a 10-digit national number starting with 6 or 7 is Kazakh (zones 6xx/7xx since the 2006 agreement), with
// 3, 4, 8 or 9 Russian. Inside 7xx, 710–729 are landlines (7172 Astana, 727 Almaty), so a number is mobile
// only when its operator code is in KZ_MOBILE_CODES.

export type PhoneFailure =
  | 'identity:phone.characters'
  | 'identity:phone.length'
  | 'identity:phone.foreign'
  | 'identity:phone.landline'
  | 'identity:phone.operatorCode';

export const PHONE_FAILURES: readonly PhoneFailure[] = [
  'identity:phone.characters',
  'identity:phone.length',
  'identity:phone.foreign',
  'identity:phone.landline',
  'identity:phone.operatorCode',
];

/**
 * Operator codes accepted as mobile. The union of the project's list (700–708, 747, 750–751, 760–764, 771,
 * 775–778) and libphonenumber's KZ mobile pattern (which adds 785). Rejecting a citizen's real number
 * blocks intake, accepting a rare non-mobile code only risks a failed SMS, so the list errs on the wide side.
 */
export const KZ_MOBILE_CODES: ReadonlySet<string> = new Set([
  '700',
  '701',
  '702',
  '703',
  '704',
  '705',
  '706',
  '707',
  '708',
  '747',
  '750',
  '751',
  '760',
  '761',
  '762',
  '763',
  '764',
  '771',
  '775',
  '776',
  '777',
  '778',
  '785',
]);

export type PhoneValidation =
  | {
      readonly ok: true;
      /** '+77011234567', the stored form. */
      readonly e164: string;
      /** '+7 701 123 45 67', the form shown and printed. */
      readonly display: string;
      readonly operatorCode: string;
    }
  | { readonly ok: false; readonly reason: PhoneFailure };

// Separators people type between digit groups; NBSP arrives when numbers are pasted from documents.
const SEPARATORS = /[\s\u00a0()\-.]/g;

/**
 * Accepts '87011234567', '8 (701) 123-45-67', '+7 701 123 45 67', '+77011234567', '77011234567' and the
 * bare '7011234567'. A leading 8 is the domestic trunk prefix and is allowed only without '+'.
 */
export function validateKzMobile(input: string): PhoneValidation {
  const compact = input.trim().replace(SEPARATORS, '');
  const m = /^(\+?)(\d*)$/.exec(compact);
  if (!m) return { ok: false, reason: 'identity:phone.characters' };
  const plus = m[1] === '+';
  const digits = m[2] ?? '';
  if (digits.length === 0) return { ok: false, reason: 'identity:phone.length' };

  let national: string;
  if (plus) {
    if (!digits.startsWith('7')) return { ok: false, reason: 'identity:phone.foreign' };
    national = digits.slice(1);
  } else if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) {
    national = digits.slice(1);
  } else if (digits.length === 10 && digits.startsWith('8')) {
    // Read as the trunk prefix with a digit missing; Russia's 8xx zone holds no mobile numbers anyway.
    return { ok: false, reason: 'identity:phone.length' };
  } else {
    national = digits;
  }
  if (national.length !== 10) return { ok: false, reason: 'identity:phone.length' };

  const zone = national[0];
  if (zone !== '7' && zone !== '6') return { ok: false, reason: 'identity:phone.foreign' };
  const code = national.slice(0, 3);
  if (KZ_MOBILE_CODES.has(code)) {
    return {
      ok: true,
      e164: `+7${national}`,
      display: formatNational(national),
      operatorCode: code,
    };
  }
  if (/^7[12]/.test(national)) return { ok: false, reason: 'identity:phone.landline' };
  return { ok: false, reason: 'identity:phone.operatorCode' };
}

function formatNational(n: string): string {
  return `+7 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8, 10)}`;
}

/** '+77011234567' → '+7 701 123 45 67'. Throws on anything that is not a stored E.164 mobile number. */
export function formatKzMobile(e164: string): string {
  const result = validateKzMobile(e164);
  if (!result.ok || result.e164 !== e164)
    throw new RangeError(`Not a stored KZ mobile number: ${e164}`);
  return result.display;
}
