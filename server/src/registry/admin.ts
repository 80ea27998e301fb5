// The district admin's API at the hub (shared/sync/admin.ts): the district department's desk lists its
// district's offices, desks and enrollment codes, adds an okrug's akimat, makes an enrollment code and
// revokes a desk. What must stay true:
// - Who asks is read from the hub's own records, never taken from the request: the desk from its
//   credential (the registry), the person from the hub's directory log of the desk's district (the same
//   read and fold a push judges actors by, ../sync/event-log hubDirectoryUser). Only a district
//   department's desk is served, and only for a person of that office, active, who manages users there
//   (mayAdministerDistrict). A person whose registration has not reached the hub yet is refused.
// - Scope is the desk's district: an office or a desk of another district is as unknown as one that
//   never was; a desk cannot revoke itself.
// - Every change goes through the registry's own functions (./registry), which write registry_log in
//   the same transaction, naming the person and the desk: `user:<userId>@device:<deviceId>`.
// - Nothing of a code but its state leaves the hub after the reply that made it; no digest ever does.
// - Expected refusals are values (AdminRefusal); a registry reason the API cannot reach is a bug and
//   throws.
import {
  ADMIN_CODE_HOURS,
  ADMIN_REFUSALS,
  enrollmentCodeState,
  mayAdministerDistrict,
  REGISTRY_CODES_LISTED,
  type AddOfficeReply,
  type AddOfficeRequest,
  type AdminRefusal,
  type EnrollmentCodeReply,
  type EnrollmentCodeRequest,
  type RegistryReply,
  type RevokeDeviceReply,
  type RevokeDeviceRequest,
} from '../../../shared/sync';
import type { OfficeKind } from '../../../shared/office';
import type { HubDatabase, Queryable } from '../db';
import { hubDirectoryUser } from '../sync/event-log';
import {
  addOffice,
  createEnrollmentCode,
  revokeDevice,
  type Device,
  type RegistryResult,
} from './registry';

export type AdminResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: AdminRefusal };

/** A person the hub has found may administer the district, at the desk they asked from. */
export interface AdminActor {
  readonly device: Device;
  readonly userId: string;
  /** How registry_log names them: `user:<userId>@device:<deviceId>`. */
  readonly logActor: string;
}

const refused = (reason: AdminRefusal) => ({ ok: false, reason }) as const;

/** A registry function's reason as an admin refusal; one the API cannot reach is a bug. */
function asRefusal(reason: string): AdminRefusal {
  const known = ADMIN_REFUSALS.find((r) => r === reason);
  if (known === undefined) throw new Error(`The admin API cannot reach the registry's ${reason}`);
  return known;
}

function fromRegistry<T, U>(result: RegistryResult<T>, value: (v: T) => U): AdminResult<U> {
  return result.ok ? { ok: true, value: value(result.value) } : refused(asRefusal(result.reason));
}

/**
 * Whether the person `actorUserId` may administer the district from `device`: a district
 * department's desk, and a person the hub's directory log of that district holds as active, of the
 * desk's office, in a role that manages users there.
 */
export async function authorizeAdmin(
  db: Queryable,
  device: Device,
  actorUserId: string,
): Promise<AdminResult<AdminActor>> {
  if (device.officeKind !== 'district') return refused('hub:admin.notDistrictDesk');
  const user = await hubDirectoryUser(db, device.districtId, actorUserId);
  if (
    user === null ||
    !user.active ||
    user.districtId !== device.districtId ||
    user.officeId !== device.officeId ||
    !mayAdministerDistrict(user.role, device.officeKind)
  ) {
    return refused('hub:admin.notAdmin');
  }
  return {
    ok: true,
    value: { device, userId: actorUserId, logActor: `user:${actorUserId}@device:${device.id}` },
  };
}

const msOf = (at: Date): number => at.getTime();
const msOrNull = (at: Date | null): number | null => (at === null ? null : at.getTime());

/**
 * The registry of the device's district as the admin's screen lists it: its offices, its desks with
 * when each last synced, and its newest codes by state (never a code or its digest).
 */
export async function districtRegistry(
  db: Queryable,
  device: Device,
  nowMs: number,
): Promise<RegistryReply> {
  const districtId = device.districtId;
  const [offices, devices, codes] = await Promise.all([
    db.query<{
      id: string;
      code: string;
      kind: OfficeKind;
      name_kk: string;
      name_ru: string;
      created_at: Date;
    }>(
      `select id, code, kind, name_kk, name_ru, created_at from offices
       where district_id = $1 order by code`,
      [districtId],
    ),
    db.query<{
      id: string;
      office_id: string;
      device_no: number;
      enrolled_at: Date;
      revoked_at: Date | null;
      last_seen_at: Date | null;
    }>(
      `select id, office_id, device_no, enrolled_at, revoked_at, last_seen_at from devices
       where district_id = $1 order by office_id, device_no`,
      [districtId],
    ),
    db.query<{
      office_id: string;
      created_at: Date;
      expires_at: Date;
      used_at: Date | null;
      used_by_device: string | null;
    }>(
      `select office_id, created_at, expires_at, used_at, used_by_device from enrollment_codes
       where district_id = $1 order by created_at desc, code_hash limit $2`,
      [districtId, REGISTRY_CODES_LISTED],
    ),
  ]);
  return {
    districtId,
    thisDeviceId: device.id,
    offices: offices.rows.map((o) => ({
      id: o.id,
      code: o.code,
      kind: o.kind,
      nameKk: o.name_kk,
      nameRu: o.name_ru,
      createdAtMs: msOf(o.created_at),
    })),
    devices: devices.rows.map((d) => ({
      id: d.id,
      officeId: d.office_id,
      deviceNo: Number(d.device_no),
      enrolledAtMs: msOf(d.enrolled_at),
      revokedAtMs: msOrNull(d.revoked_at),
      lastSeenAtMs: msOrNull(d.last_seen_at),
    })),
    codes: codes.rows.map((c) => {
      const times = { usedAtMs: msOrNull(c.used_at), expiresAtMs: msOf(c.expires_at) };
      return {
        officeId: c.office_id,
        createdAtMs: msOf(c.created_at),
        expiresAtMs: times.expiresAtMs,
        state: enrollmentCodeState(times, nowMs),
        usedAtMs: times.usedAtMs,
        usedByDevice: c.used_by_device,
      };
    }),
  };
}

/** Adds an okrug's akimat to the admin's district (the department itself is made on the hub). */
export async function addAkimatOffice(
  db: HubDatabase,
  admin: AdminActor,
  request: AddOfficeRequest,
): Promise<AdminResult<AddOfficeReply>> {
  const added = await addOffice(
    db,
    {
      districtCode: admin.device.districtId,
      code: request.code,
      kind: 'akimat',
      nameKk: request.nameKk,
      nameRu: request.nameRu,
    },
    admin.logActor,
  );
  return fromRegistry(added, ({ id }) => ({ officeId: id }));
}

/** A one-time enrollment code for an office of the admin's district, shown once in this reply. */
export async function makeEnrollmentCode(
  db: HubDatabase,
  admin: AdminActor,
  request: EnrollmentCodeRequest,
  nowMs: number,
): Promise<AdminResult<EnrollmentCodeReply>> {
  const made = await createEnrollmentCode(
    db,
    { officeId: request.officeId, districtId: admin.device.districtId },
    admin.logActor,
    nowMs,
    request.hours ?? ADMIN_CODE_HOURS.default,
  );
  return fromRegistry(made, ({ code, officeId, expiresAt }) => ({
    code,
    officeId,
    expiresAtMs: expiresAt.getTime(),
  }));
}

/** Revokes a desk of the admin's district; never the desk the admin is using. */
export async function revokeDistrictDevice(
  db: HubDatabase,
  admin: AdminActor,
  request: RevokeDeviceRequest,
  nowMs: number,
): Promise<AdminResult<RevokeDeviceReply>> {
  if (request.deviceId === admin.device.id) return refused('hub:admin.ownDevice');
  const revoked = await revokeDevice(
    db,
    request.deviceId,
    admin.logActor,
    nowMs,
    admin.device.districtId,
  );
  return fromRegistry(revoked, () => ({ deviceId: request.deviceId }));
}
