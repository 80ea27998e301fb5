// Reference data a desk fetches from its hub during sync: the versions in force (GET /v1/reference),
// the working-day calendar (GET /v1/reference/calendar), the income figures (GET /v1/reference/figures),
// the offices of the desk's district (GET /v1/reference/offices) and the targeted-assistance (TSA/АӘК) recipients of the desk's scope (GET /v1/reference/tsa?after=
// <version>). The hub answers with these schemas and the desk checks every answer with them. What
// must stay true:
// - The TSA version is the hub's, per district, and only grows: a desk asks for what is newer than
//   the version it has, and the hub numbers uploads in the order they commit (server/src/reference/
//   tsa-register.ts), so asking "after v" never skips an upload.
// - A quarter in a TSA reply is the COMPLETE list of that quarter within the device's scope (an
//   akimat: its own office; the district department: every okrug of its district), so the desk may
//   replace the quarter's rows with it (importTsaRecipients' replaceQuarters).
// - Each row of a TSA quarter names the okrug whose list it came from (officeId, since the okrug was
//   added), so the district's desk lists each okrug's recipients under that okrug only. A recipient
//   on two okrugs' lists of a quarter comes twice, once with each okrug. The field is optional: a hub
//   older than it sends rows without it, which still parse, and the desk keeps their okrug unknown.
// - Reply objects are not strict: a desk takes a newer hub's reply with fields it does not know,
//   as an older desk takes the okrug today.
// - The offices reply is the COMPLETE directory of the device's own district (never another
//   district's), with the version it has, so the desk replaces what it holds with it whole.
// - The calendar body is checked by shared/calendar (parseCalendarData) where it is installed, so a
//   refused calendar is named by its own reason rather than as a broken reply.
import { z } from 'zod';
import { FIGURES_VERSION_RE } from '../income/figures';
import { OFFICE_KINDS } from '../office/office-profile';
import { isQuarter } from '../tsa-register/quarter';

/** An office directory's version: the SHA-256 of its content, in lowercase hex. */
export const OFFICES_VERSION_RE = /^[0-9a-f]{64}$/;

/** What GET /v1/reference answers: the versions in force, so a desk fetches only what is newer. */
export const referenceVersionsSchema = z.object({
  calendarVersion: z.string().min(1).max(64),
  catalogVersion: z.string().min(1).max(128),
  /** The newest TSA register version within the device's scope (0: none uploaded). */
  tsaVersion: z.number().int().nonnegative(),
  /**
   * The income figures' version at the hub (shared/income figures.ts; '' when none are installed).
   * Optional: a hub older than the figures does not name it, and its desks simply fetch none.
   */
  figuresVersion: z.union([z.literal(''), z.string().regex(FIGURES_VERSION_RE)]).optional(),
  /**
   * The version of the device's district's office directory (GET /v1/reference/offices): a digest of
   * its content, so any added or renamed office changes it. Optional: a hub older than the directory
   * does not name it, and its desks simply fetch none.
   */
  officesVersion: z.string().regex(OFFICES_VERSION_RE).optional(),
});
export type ReferenceVersions = z.infer<typeof referenceVersionsSchema>;

/** The calendar data as it travels: an object, checked in full by parseCalendarData on install. */
export const calendarReplySchema = z.record(z.string(), z.unknown());

/**
 * The income figures as they travel (GET /v1/reference/figures): an object, checked in full by
 * shared/income parseIncomeFigures where it is installed, like the calendar.
 */
export const figuresReplySchema = z.record(z.string(), z.unknown());

/** One office of the district as it travels: what a desk needs to name it, nothing else. */
export const directoryOfficeSchema = z.strictObject({
  /** The office id every desk uses (shared/office officeIdFor: KZL01 → office-kzl01). */
  id: z.string().min(1).max(100),
  code: z.string().min(1).max(32),
  kind: z.enum(OFFICE_KINDS),
  nameKk: z.string().min(1).max(200),
  nameRu: z.string().min(1).max(200),
});
export type DirectoryOffice = z.infer<typeof directoryOfficeSchema>;

/** What GET /v1/reference/offices answers: every office of the device's district, and its version. */
export const officesReplySchema = z.strictObject({
  version: z.string().regex(OFFICES_VERSION_RE),
  offices: z.array(directoryOfficeSchema).max(1000),
});
export type OfficesReply = z.infer<typeof officesReplySchema>;

/** A TSA version as a query parameter: a whole number, no sign, no leading zeros. */
export const tsaVersionParamSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/)
  .transform(Number);

/** The query of GET /v1/reference/tsa. */
export const tsaQuerySchema = z.object({ after: tsaVersionParamSchema });

export const tsaRecipientSchema = z.object({
  iin: z.string().regex(/^[0-9]{12}$/),
  fullName: z.string().min(1).max(500),
  familyMembers: z.array(z.string().min(1).max(500)).max(100),
  /**
   * The okrug (its office id, shared/office officeIdFor: KZL01 → office-kzl01) whose list at the hub
   * names the recipient. Optional: a hub older than it names none, and the desk keeps the row with
   * its okrug unknown.
   */
  officeId: z.string().min(1).max(100).optional(),
});
export type TsaRecipient = z.infer<typeof tsaRecipientSchema>;

export const tsaQuarterListSchema = z.object({
  /** 'YYYY-Qn' */
  quarter: z.string().refine(isQuarter),
  /** The file names the hub's lists of this quarter were uploaded from, for "where from". */
  sources: z.array(z.string().max(300)).max(200),
  rows: z.array(tsaRecipientSchema),
});
export type TsaQuarterList = z.infer<typeof tsaQuarterListSchema>;

/** What GET /v1/reference/tsa answers: one page of quarters changed after the desk's version. */
export const tsaReplySchema = z.object({
  /** The version the desk has once it stored this page (its next `after`). */
  version: z.number().int().nonnegative(),
  quarters: z.array(tsaQuarterListSchema),
  /** More changed quarters wait: ask again with `after: version`. */
  more: z.boolean(),
});
export type TsaReply = z.infer<typeof tsaReplySchema>;

/** The path of a TSA request for what is newer than `after`. */
export const tsaPath = (after: number): string => `/v1/reference/tsa?after=${after}`;
