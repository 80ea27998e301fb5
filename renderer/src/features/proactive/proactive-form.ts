// What the proactive assistance screen turns its fields into, kept out of the component: the
// occasions it offers, which of the register's recipients it lists for an okrug (and which of them it
// cannot place in one yet), and the batch the command opens (renderer/src/db/proactive-commands.ts
// judges it again, with the case store's rules).
import type { ProactiveBatch, ProactiveCandidate, ProactiveOccasion } from '../../db';
import { parseDateInput } from '../../i18n';

/**
 * Holidays and memorable dates the district gives assistance for (003:30 names none: the district's
 * maslikhat decides which). A fixed day is filled in for the year; 'disabled-persons-day' (the second
 * Sunday of October) and 'other' are typed.
 */
export const OCCASION_PRESETS = [
  { code: 'nauryz', monthDay: '03-22' },
  { code: 'defenders-day', monthDay: '05-07' },
  { code: 'victory-day', monthDay: '05-09' },
  { code: 'elderly-day', monthDay: '10-01' },
  { code: 'disabled-persons-day', monthDay: null },
  { code: 'independence-day', monthDay: '12-16' },
  { code: 'other', monthDay: null },
] as const;

export type OccasionPreset = (typeof OCCASION_PRESETS)[number]['code'];

/** The date a preset falls on in `year`, as the date field shows it (dd.MM.yyyy); '' when typed. */
export function presetDateText(code: OccasionPreset, year: number): string {
  const monthDay = OCCASION_PRESETS.find((p) => p.code === code)?.monthDay ?? null;
  if (monthDay === null) return '';
  const [month, day] = monthDay.split('-');
  return `${day}.${month}.${String(year).padStart(4, '0')}`;
}

/**
 * The occasion's code, with its date what makes two cases repeats (proactive-commands sameOccasion):
 * a preset's own code; for a date typed as 'other', the name as typed, in lower case and with single
 * spaces, so two different memorable dates on one day are not taken for one. The person never types
 * or sees a code.
 */
export function occasionCode(preset: OccasionPreset, name: string): string {
  if (preset !== 'other') return preset;
  const normalized = name.trim().replace(/\s+/gu, ' ').toLocaleLowerCase('kk');
  return normalized === '' ? '' : `other:${normalized}`;
}

/**
 * Whether the recipient's okrug is not known here: the register does not name it (a row stored before
 * the hub sent the okrug, or imported from a file; the next sync brings it) and the desk has no case
 * of them to tell it by. The screen lists such a recipient only when asked, marked so.
 */
export const okrugUnknown = (c: ProactiveCandidate): boolean =>
  c.registerOkrugs === null && c.okrugs.length === 0;

/**
 * The recipients listed for an okrug (none before one is chosen). A recipient is the okrug's when the
 * register says so (registerOkrugs, from the hub's list of the okrug); where it does not say, when
 * their cases here are the okrug's, or, with no case here, maybe (okrugUnknown). Those the desk has a
 * case of are listed at once, the others (their address to be typed) when asked: `withoutCases`.
 * Someone the register or their cases place only in another okrug is never listed.
 */
export function shownCandidates(
  candidates: readonly ProactiveCandidate[],
  okrug: string,
  withoutCases: boolean,
): ProactiveCandidate[] {
  if (okrug === '') return [];
  return candidates.filter((c) => {
    const ofOkrug =
      c.registerOkrugs !== null
        ? c.registerOkrugs.includes(okrug)
        : c.okrugs.length === 0 || c.okrugs.includes(okrug);
    return ofOkrug && (withoutCases || c.okrugs.length > 0);
  });
}

export interface ProactiveFields {
  readonly serviceId: string;
  readonly code: string;
  readonly name: string;
  readonly dateText: string;
  readonly okrug: string;
  readonly shown: readonly ProactiveCandidate[];
  /** The IINs ticked. */
  readonly ticked: ReadonlySet<string>;
  /** Addresses typed for recipients the desk does not know, by IIN. */
  readonly addresses: Readonly<Record<string, string>>;
}

/** The batch of the fields, or the message key of the first field that is wrong. */
export function buildBatch(
  fields: ProactiveFields,
): { ok: true; batch: ProactiveBatch } | { ok: false; reason: string } {
  const date = parseDateInput(fields.dateText);
  if (fields.name.trim() === '') return { ok: false, reason: 'proactive:errors.nameMissing' };
  if (fields.code.trim() === '') return { ok: false, reason: 'proactive:errors.codeMissing' };
  if (date === null) return { ok: false, reason: 'proactive:errors.dateMissing' };
  if (fields.okrug === '') return { ok: false, reason: 'proactive:errors.okrugMissing' };
  const chosen = fields.shown.filter((c) => fields.ticked.has(c.iin));
  if (chosen.length === 0) return { ok: false, reason: 'proactive:errors.noRecipients' };
  const occasion: ProactiveOccasion = { code: fields.code.trim(), name: fields.name.trim(), date };
  return {
    ok: true,
    batch: {
      serviceId: fields.serviceId,
      occasion,
      officeId: fields.okrug,
      recipients: chosen.map((c) => {
        const address = fields.addresses[c.iin]?.trim() ?? '';
        return {
          iin: c.iin,
          fullName: c.fullName,
          ...(!c.known && address !== '' ? { address } : {}),
        };
      }),
    },
  };
}
