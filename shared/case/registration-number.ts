// Registration (journal) numbers: the kind '' of the desk numbers of shared/numbering, which holds the
// one implementation of every desk number (registrations, certificates, registers). This module keeps
// the registration API the case model, the intake and the store were written against.
// Form: `${officeCode}-${deviceNo}-${seq padded to 4}/${yyyy}`, e.g. `KZL01-2-0037/2025`.
import {
  formatDeskNumber,
  nextDeskNumber,
  parseDeskNumber,
  type DeskNumbering,
} from '../numbering/desk-number';

export {
  MAX_DEVICE_NO,
  isValidDeviceNo,
  isValidOfficeCode,
  type DeskNumbering,
} from '../numbering/desk-number';

export interface RegistrationNumberParts {
  readonly officeCode: string;
  readonly deviceNo: number;
  readonly seq: number;
  readonly year: number;
}

/** Throws on parts that cannot form a number: callers pass parts they made, so a bad part is a bug. */
export function formatRegistrationNumber(parts: RegistrationNumberParts): string {
  return formatDeskNumber({ ...parts, kind: '' });
}

export type ParsedRegistrationNumber =
  | { readonly ok: true; readonly value: RegistrationNumberParts }
  | { readonly ok: false; readonly reason: 'case:validation.registrationNumber.format' };

/** The parts of a canonically spelled registration number (not a certificate's or a register's). */
export function parseRegistrationNumber(text: string): ParsedRegistrationNumber {
  const parsed = parseDeskNumber(text);
  if (!parsed.ok || parsed.value.kind !== '') {
    return { ok: false, reason: 'case:validation.registrationNumber.format' };
  }
  const { officeCode, deviceNo, seq, year } = parsed.value;
  return { ok: true, value: { officeCode, deviceNo, seq, year } };
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
  const { seq, number } = nextDeskNumber(lastSeqForYear, desk, '', year);
  return { seq, number };
}

/**
 * A number as a sort key, the book's own order: year, office, desk, sequence (so 10000 follows 9999);
 * numbers in another format (a receipt's) go last, in text order.
 */
export function numberSortKey(number: string): string {
  const parsed = parseRegistrationNumber(number);
  if (!parsed.ok) return `~${number}`;
  const { year, officeCode, deviceNo, seq } = parsed.value;
  return `${year}|${officeCode}|${String(deviceNo).padStart(2, '0')}|${String(seq).padStart(12, '0')}`;
}
