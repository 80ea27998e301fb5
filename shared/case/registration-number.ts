// Registration numbers made offline. Two desks of one office register without talking to each other,
// so a number is unique because its parts are: the office code (unique in the district), the desk's
// device number (unique in the office, given at setup), and a sequence each desk keeps per year.
// Form: `${officeCode}-${deviceNo}-${seq padded to 4}/${yyyy}`, e.g. `KZL01-2-0037/2025`.
// What must stay true: format is injective and parse is its exact inverse. The office code therefore
// holds no '-' or '/', and parse accepts only the canonical spelling (no leading zeros on the device
// number, exactly 4 digits for sequences below 10000).

export interface RegistrationNumberParts {
  readonly officeCode: string;
  readonly deviceNo: number;
  readonly seq: number;
  readonly year: number;
}

export interface DeskNumbering {
  readonly officeCode: string;
  readonly deviceNo: number;
}

export const MAX_DEVICE_NO = 99;

const OFFICE_CODE_RE = /^[\p{L}\p{N}]{1,16}$/u;
const NUMBER_RE = /^([\p{L}\p{N}]{1,16})-([1-9]\d?)-(\d{4,})\/(\d{4})$/u;

export function isValidOfficeCode(code: string): boolean {
  return OFFICE_CODE_RE.test(code);
}

export function isValidDeviceNo(deviceNo: number): boolean {
  return Number.isInteger(deviceNo) && deviceNo >= 1 && deviceNo <= MAX_DEVICE_NO;
}

function isValidSeq(seq: number): boolean {
  return Number.isSafeInteger(seq) && seq >= 1;
}

function isValidYear(year: number): boolean {
  return Number.isInteger(year) && year >= 1000 && year <= 9999;
}

/** Throws on parts that cannot form a number: callers pass parts they made, so a bad part is a bug. */
export function formatRegistrationNumber(parts: RegistrationNumberParts): string {
  const { officeCode, deviceNo, seq, year } = parts;
  if (!isValidOfficeCode(officeCode)) throw new RangeError(`Bad office code: ${officeCode}`);
  if (!isValidDeviceNo(deviceNo)) throw new RangeError(`Bad device number: ${deviceNo}`);
  if (!isValidSeq(seq)) throw new RangeError(`Bad sequence: ${seq}`);
  if (!isValidYear(year)) throw new RangeError(`Bad year: ${year}`);
  return `${officeCode}-${deviceNo}-${String(seq).padStart(4, '0')}/${year}`;
}

export type ParsedRegistrationNumber =
  | { readonly ok: true; readonly value: RegistrationNumberParts }
  | { readonly ok: false; readonly reason: 'case:validation.registrationNumber.format' };

export function parseRegistrationNumber(text: string): ParsedRegistrationNumber {
  const fail = { ok: false, reason: 'case:validation.registrationNumber.format' } as const;
  const m = NUMBER_RE.exec(text);
  if (!m) return fail;
  const [, officeCode = '', device = '', seqText = '', yearText = ''] = m;
  // 5+ digits only once the sequence has outgrown 4: '00123' would be a second spelling of '0123'.
  if (seqText.length > 4 && seqText.startsWith('0')) return fail;
  const value = {
    officeCode,
    deviceNo: Number(device),
    seq: Number(seqText),
    year: Number(yearText),
  };
  if (!isValidSeq(value.seq) || !isValidYear(value.year)) return fail;
  return { ok: true, value };
}

/**
 * The next number of a desk for a year. `lastSeqForYear` is the highest sequence this desk has used in
 * that year (0 when none); the desk stores it in the same transaction as the Registered event.
 */
export function nextRegistrationNumber(
  lastSeqForYear: number,
  desk: DeskNumbering,
  year: number,
): { readonly seq: number; readonly number: string } {
  if (!Number.isSafeInteger(lastSeqForYear) || lastSeqForYear < 0) {
    throw new RangeError(`Bad last sequence: ${lastSeqForYear}`);
  }
  const seq = lastSeqForYear + 1;
  return { seq, number: formatRegistrationNumber({ ...desk, seq, year }) };
}
