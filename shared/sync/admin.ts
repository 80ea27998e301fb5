// The district admin's API (POST /v1/admin/*): the offices of the district, its desks (devices), and
// the one-time enrollment codes that join an akimat's desk to the hub, managed from the district
// department's desk instead of the hub's command line. Desk and hub validate with these schemas.
// What must stay true:
// - A request is known by the desk's bearer credential, like sync, and names the person acting. The
//   hub trusts neither the desk's kind nor the person's role as stated: it reads the device from its
//   registry and the person from its own directory log (the same rule as for every event's actor,
//   ARCHITECTURE §4), and serves only a district department's desk, for a person who manages users
//   there (mayAdministerDistrict), active, of that very office.
// - Scope is the device's district, always: nothing in a request names another district.
// - An enrollment code is shown once, in the reply that made it; the registry lists codes by their
//   state only (the hub keeps their digests, never the codes).
// - Every change is written to the hub's registry log with the person and the device.
import { z } from 'zod';
import { managesUsers } from '../office/roles';
import { OFFICE_KINDS, type OfficeKind } from '../office/office-profile';
import type { ActorRole } from '../events/envelope';
import { ENROLLMENT_CODE } from './protocol';

export const ADMIN_PATHS = {
  registry: '/v1/admin/registry',
  addOffice: '/v1/admin/offices',
  enrollmentCode: '/v1/admin/enrollment-codes',
  revokeDevice: '/v1/admin/devices/revoke',
} as const;

/** How long a code made on the admin screen is valid, unless the admin chooses (hours, 1–720). */
export const ADMIN_CODE_HOURS = { min: 1, max: 720, default: 72 } as const;

/**
 * Whether a person of `role` at an office of `kind` may manage the district's registry: the people
 * who manage users at a district department (its head and its admin). The hub decides with this over
 * its own directory; the desk's navigation shows the screen by it.
 */
export function mayAdministerDistrict(role: ActorRole, kind: OfficeKind): boolean {
  return kind === 'district' && managesUsers(role);
}

/** Why the hub refuses an admin request (each a key in kk and ru). */
export const ADMIN_REFUSALS = [
  'hub:admin.notDistrictDesk',
  'hub:admin.notAdmin',
  'hub:admin.ownDevice',
  'hub:registry.officeExists',
  'hub:registry.officeCode',
  'hub:registry.officeUnknown',
  'hub:registry.deviceUnknown',
] as const;
export type AdminRefusal = (typeof ADMIN_REFUSALS)[number];

/**
 * No control characters in what a request names: none belongs in an id, a code or a name, and
 * PostgreSQL text cannot hold NUL (the hub would fail on it instead of refusing it).
 */
const NO_CONTROL = /^\P{Cc}*$/u;
const key = (max: number) => z.string().min(1).max(max).regex(NO_CONTROL);

const actor = { actorUserId: key(128) };
const name = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(NO_CONTROL)
  .refine((s) => s === s.normalize('NFC'));

export const registryRequestSchema = z.strictObject(actor);

/** A new okrug's akimat (the district department itself is made with the district, on the hub). */
export const addOfficeRequestSchema = z.strictObject({
  ...actor,
  code: key(32),
  nameKk: name,
  nameRu: name,
});
export type AddOfficeRequest = z.infer<typeof addOfficeRequestSchema>;

export const enrollmentCodeRequestSchema = z.strictObject({
  ...actor,
  officeId: key(100),
  hours: z.int().min(ADMIN_CODE_HOURS.min).max(ADMIN_CODE_HOURS.max).optional(),
});
export type EnrollmentCodeRequest = z.infer<typeof enrollmentCodeRequestSchema>;

export const revokeDeviceRequestSchema = z.strictObject({
  ...actor,
  deviceId: key(100),
});
export type RevokeDeviceRequest = z.infer<typeof revokeDeviceRequestSchema>;

const ms = z.number().int().nonnegative();

export const registryOfficeSchema = z.strictObject({
  id: z.string().min(1).max(100),
  code: z.string().min(1).max(32),
  kind: z.enum(OFFICE_KINDS),
  nameKk: z.string().max(200),
  nameRu: z.string().max(200),
  createdAtMs: ms,
});
export type RegistryOffice = z.infer<typeof registryOfficeSchema>;

export const registryDeviceSchema = z.strictObject({
  id: z.string().min(1).max(100),
  officeId: z.string().min(1).max(100),
  deviceNo: z.int().min(1).max(99),
  enrolledAtMs: ms,
  revokedAtMs: ms.nullable(),
  /** When the desk last synced with the hub (pushed or pulled; to the minute; null: never). */
  lastSeenAtMs: ms.nullable(),
});
export type RegistryDevice = z.infer<typeof registryDeviceSchema>;

export const ENROLLMENT_CODE_STATES = ['open', 'used', 'expired'] as const;
export type EnrollmentCodeState = (typeof ENROLLMENT_CODE_STATES)[number];

/** A code as the registry lists it: its state, never the code. */
export const registryCodeSchema = z.strictObject({
  officeId: z.string().min(1).max(100),
  createdAtMs: ms,
  expiresAtMs: ms,
  state: z.enum(ENROLLMENT_CODE_STATES),
  usedAtMs: ms.nullable(),
  /** The device the code enrolled. */
  usedByDevice: z.string().max(100).nullable(),
});
export type RegistryCode = z.infer<typeof registryCodeSchema>;

/** The newest codes listed (the registry is a working list, not the hub's archive). */
export const REGISTRY_CODES_LISTED = 100;

export const registryReplySchema = z.strictObject({
  districtId: z.string().min(1).max(32),
  /** The device that asked, so the screen marks it and offers no revoke for it. */
  thisDeviceId: z.string().min(1).max(100),
  offices: z.array(registryOfficeSchema),
  devices: z.array(registryDeviceSchema),
  codes: z.array(registryCodeSchema).max(REGISTRY_CODES_LISTED),
});
export type RegistryReply = z.infer<typeof registryReplySchema>;

export const addOfficeReplySchema = z.strictObject({ officeId: z.string().min(1).max(100) });
export type AddOfficeReply = z.infer<typeof addOfficeReplySchema>;

export const enrollmentCodeReplySchema = z.strictObject({
  code: z.string().regex(ENROLLMENT_CODE),
  officeId: z.string().min(1).max(100),
  expiresAtMs: ms,
});
export type EnrollmentCodeReply = z.infer<typeof enrollmentCodeReplySchema>;

export const revokeDeviceReplySchema = z.strictObject({ deviceId: z.string().min(1).max(100) });
export type RevokeDeviceReply = z.infer<typeof revokeDeviceReplySchema>;

/** A code's state at `nowMs`: used wins over expired (a used code's expiry no longer matters). */
export function enrollmentCodeState(
  code: { readonly usedAtMs: number | null; readonly expiresAtMs: number },
  nowMs: number,
): EnrollmentCodeState {
  if (code.usedAtMs !== null) return 'used';
  return code.expiresAtMs > nowMs ? 'open' : 'expired';
}
