// The numbers a desk gives offline: journal (registration) numbers, certificate numbers and covering
// register numbers. Two desks of one office number without talking to each other, so a number is
// unique because its parts are: the office code (unique in the district), the desk's device number
// (unique in the office, given at setup), the kind of thing numbered, and a sequence each desk keeps
// per kind and per year in its `counters` table.
//
//   `${officeCode}-${deviceNo}-${kind}${seq padded to 4}/${yyyy}`
//   registration (kind '')  KZL01-2-0037/2025
//   certificate  (kind 'C') KZL01-2-C0007/2026
//   register     (kind 'R') KZL01-2-R0007/2026
//   receipt      (kind 'Q') KZL01-2-Q0003/2026  the form 2-1 receipt refusing to accept an
//                           application (R-REG-6, seed 003:27); Q as in «qolhat» (қолхат)
//
// What must stay true:
// - One padding rule for every kind: the sequence has at least 4 digits, more only once it outgrows
//   them. formatDeskNumber is injective and parseDeskNumber is its exact inverse: it accepts only the
//   canonical spelling (no leading zero on the device number, exactly 4 digits below 10000). So the
//   office code holds no '-' or '/' and the kind letter sits between the device number and the digits.
// - Release 1 wrote register numbers without padding ('KZL01-2-R7/2026'). Those numbers are printed on
//   paper and named by ForwardedToDistrict events, so readDeskNumber still reads them (and says so);
//   parseDeskNumber does not, because 'R7' and 'R0007' would be two spellings of one number. Nothing
//   writes that spelling any more.
// - The counter of a kind and year is read and bumped in the same transaction as the event it numbers,
//   after that event was accepted, so a refused act uses no number and two acts never share one.

export const NUMBER_KINDS = ['', 'C', 'R', 'Q'] as const;
/** '' journal (registration) number, 'C' certificate, 'R' covering register, 'Q' 2-1 receipt. */
export type NumberKind = (typeof NUMBER_KINDS)[number];

/** What a desk numbers with each kind: the names of its counters in the desk's `counters` table. */
export const NUMBERED_BY_KIND: Readonly<
  Record<NumberKind, 'registration' | 'certificate' | 'register' | 'receipt'>
> = { '': 'registration', C: 'certificate', R: 'register', Q: 'receipt' };

export interface DeskNumbering {
  readonly officeCode: string;
  readonly deviceNo: number;
}

export interface DeskNumberParts extends DeskNumbering {
  readonly kind: NumberKind;
  readonly seq: number;
  readonly year: number;
}

export const MAX_DEVICE_NO = 99;
/** The sequence is written with at least this many digits, whatever the kind. */
export const SEQ_DIGITS = 4;

const OFFICE_CODE_RE = /^[\p{L}\p{N}]{1,16}$/u;
const NUMBER_RE = /^([\p{L}\p{N}]{1,16})-([1-9]\d?)-([CRQ]?)(\d+)\/(\d{4})$/u;

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

function isKind(value: string): value is NumberKind {
  return (NUMBER_KINDS as readonly string[]).includes(value);
}

/** Throws on parts that cannot form a number: callers pass parts they made, so a bad part is a bug. */
export function formatDeskNumber(parts: DeskNumberParts): string {
  const { officeCode, deviceNo, kind, seq, year } = parts;
  if (!isValidOfficeCode(officeCode)) throw new RangeError(`Bad office code: ${officeCode}`);
  if (!isValidDeviceNo(deviceNo)) throw new RangeError(`Bad device number: ${deviceNo}`);
  if (!isKind(kind)) throw new RangeError(`Bad number kind: ${String(kind)}`);
  if (!isValidSeq(seq)) throw new RangeError(`Bad sequence: ${seq}`);
  if (!isValidYear(year)) throw new RangeError(`Bad year: ${year}`);
  return `${officeCode}-${deviceNo}-${kind}${String(seq).padStart(SEQ_DIGITS, '0')}/${year}`;
}

/**
 * How a number was spelled: canonically, or as release 1 wrote register numbers (no padding).
 * Callers that show a number show it as it was written; this only says where it came from.
 */
export type NumberSpelling = 'canonical' | 'release1Register';

/**
 * The failure carries no message key: what a bad number means to a person depends on the field it
 * was in (a journal number, a register's number), so each caller names it with its own key.
 */
export type ParsedDeskNumber =
  | { readonly ok: true; readonly value: DeskNumberParts; readonly spelling: NumberSpelling }
  | { readonly ok: false };

const FAIL = { ok: false } as const;

function read(text: string, allowRelease1: boolean): ParsedDeskNumber {
  const m = NUMBER_RE.exec(text);
  if (!m) return FAIL;
  const [, officeCode = '', device = '', kind = '', seqText = '', yearText = ''] = m;
  if (!isKind(kind)) return FAIL;
  let spelling: NumberSpelling = 'canonical';
  if (seqText.length < SEQ_DIGITS) {
    // Release 1 register numbers: 'R' and 1 to 3 digits without a leading zero.
    if (!allowRelease1 || kind !== 'R' || seqText.startsWith('0')) return FAIL;
    spelling = 'release1Register';
  } else if (seqText.length > SEQ_DIGITS && seqText.startsWith('0')) {
    // 5+ digits only once the sequence has outgrown 4: '00123' would be a second spelling of '0123'.
    return FAIL;
  }
  const value: DeskNumberParts = {
    officeCode,
    deviceNo: Number(device),
    kind,
    seq: Number(seqText),
    year: Number(yearText),
  };
  if (!isValidSeq(value.seq) || !isValidYear(value.year)) return FAIL;
  return { ok: true, value, spelling };
}

/** The parts of a canonically spelled number: the exact inverse of formatDeskNumber. */
export function parseDeskNumber(text: string): ParsedDeskNumber {
  return read(text, false);
}

/**
 * Reads any number a desk has ever written: the canonical spelling, and release 1's unpadded register
 * numbers ('KZL01-2-R7/2026'). For numbers already issued (printed, named by events); a number being
 * made now is checked with parseDeskNumber.
 */
export function readDeskNumber(text: string): ParsedDeskNumber {
  return read(text, true);
}

/** The desk counter that numbers `kind` in `year`: 'registration:2026', 'certificate:2026', … */
export function deskCounterKey(kind: NumberKind, year: number): string {
  return `${NUMBERED_BY_KIND[kind]}:${year}`;
}

/**
 * The next number of a desk for a kind and a year. `lastSeqForYear` is the value of the desk counter
 * deskCounterKey(kind, year) (0 when absent); the caller stores `seq` back in the same transaction as
 * the event that carries `number`, and only when that event was accepted.
 */
export function nextDeskNumber(
  lastSeqForYear: number,
  desk: DeskNumbering,
  kind: NumberKind,
  year: number,
): { readonly seq: number; readonly number: string; readonly counterKey: string } {
  if (!Number.isSafeInteger(lastSeqForYear) || lastSeqForYear < 0) {
    throw new RangeError(`Bad last sequence: ${lastSeqForYear}`);
  }
  const seq = lastSeqForYear + 1;
  return {
    seq,
    number: formatDeskNumber({ ...desk, kind, seq, year }),
    counterKey: deskCounterKey(kind, year),
  };
}

/**
 * A key that sorts numbers in book order: year, office, desk, kind, sequence; text that is not a desk
 * number sorts after every number, by its text.
 */
export function deskNumberSortKey(text: string): string {
  const parsed = readDeskNumber(text);
  if (!parsed.ok) return `~${text}`;
  const { year, officeCode, deviceNo, kind, seq } = parsed.value;
  const rank = NUMBER_KINDS.indexOf(kind);
  return `${year}|${officeCode}|${String(deviceNo).padStart(2, '0')}|${rank}|${String(seq).padStart(16, '0')}`;
}
