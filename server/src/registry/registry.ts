// The hub's registry of who is who: districts, offices, enrolled desks (devices) and enrollment codes.
// What must stay true:
// - An enrollment code is used once: taking it is one conditional UPDATE (unused and unexpired), so
//   two desks racing with one code cannot both enroll.
// - A desk's number in its office is the next never given there (revoked desks keep theirs), taken
//   with the office row locked: registration numbers of the district's laptops never collide, a
//   reinstalled laptop included.
// - Codes and credentials are stored only as SHA-256 digests; the plain value is shown once.
// - Every change is written to registry_log in the same transaction: who did what, when.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type {
  DeviceRefusal,
  EnrollRefusal,
  EnrollReply,
  EnrollRequest,
} from '../../../shared/sync';
import {
  districtIdSchema,
  normalizeDistrictId,
  normalizeOfficeCode,
  officeIdFor,
  type OfficeKind,
} from '../../../shared/office';
import { isValidOfficeCode } from '../../../shared/numbering';
import type { HubDatabase, Queryable } from '../db';
import { ensureHubFileKeys } from '../sync/hub-file-keys';

export const ENROLLMENT_CODE_TTL_HOURS = 72;

/** The enrollment code alphabet: 32 signs with no 0/O or 1/I look-alikes (shared/sync ENROLLMENT_CODE). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

function newEnrollmentCode(): string {
  const bytes = randomBytes(16);
  // 32 signs: the low 5 bits of a random byte pick one without bias (80 bits per code).
  const chars = [...bytes].map((b) => CODE_ALPHABET[b & 31] ?? 'A');
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

async function log(
  tx: Queryable,
  actor: string,
  action: string,
  subject: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await tx.query(
    'insert into registry_log (actor, action, subject, detail) values ($1, $2, $3, $4)',
    [actor, action, subject, JSON.stringify(detail)],
  );
}

export type RegistryResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface DistrictInput {
  code: string;
  nameKk: string;
  nameRu: string;
}

/** Registers a district; its id is its code, as on every desk (AKK). */
export function addDistrict(
  db: HubDatabase,
  input: DistrictInput,
  actor: string,
): Promise<RegistryResult<{ id: string }>> {
  const parsed = districtIdSchema.safeParse(normalizeDistrictId(input.code));
  if (!parsed.success) return Promise.resolve({ ok: false, reason: 'hub:registry.districtCode' });
  const id = parsed.data;
  return db.transaction(async (tx) => {
    const existing = await tx.query('select 1 from districts where id = $1', [id]);
    if (existing.rows.length > 0) return { ok: false, reason: 'hub:registry.districtExists' };
    const inserted = await tx.query<{ partition_no: number }>(
      `insert into districts (id, name_kk, name_ru, created_by) values ($1, $2, $3, $4)
       returning partition_no`,
      [id, input.nameKk, input.nameRu, actor],
    );
    // The district's own partitions of the event log (0003_event_log.sql) and of its cases' numbers
    // (0008_case_numbers.sql). The id is letters and digits only (districtIdSchema), the number an
    // integer.
    const partitionNo = Number(inserted.rows[0]?.partition_no);
    await tx.exec(
      `create table hub_events_p${partitionNo} partition of hub_events for values in ('${id}')`,
    );
    await tx.exec(
      `create table hub_case_numbers_p${partitionNo} partition of hub_case_numbers
       for values in ('${id}')`,
    );
    // Where the SMS scan of the district's signed results starts (0009_sms_outbox.sql), made with the
    // district rather than by the scan's first round, so a running hub's sender writes nothing until
    // a result is signed.
    await tx.query('insert into sms_scan_cursors (district_id) values ($1)', [id]);
    await log(tx, actor, 'district.add', id);
    return { ok: true, value: { id } };
  });
}

export interface OfficeInput {
  districtCode: string;
  code: string;
  kind: OfficeKind;
  nameKk: string;
  nameRu: string;
}

/** Registers an office of a district; its id comes from its code, as on every desk (office-kzl01). */
export function addOffice(
  db: HubDatabase,
  input: OfficeInput,
  actor: string,
): Promise<RegistryResult<{ id: string }>> {
  const code = normalizeOfficeCode(input.code);
  if (!isValidOfficeCode(code)) {
    return Promise.resolve({ ok: false, reason: 'hub:registry.officeCode' });
  }
  const districtId = normalizeDistrictId(input.districtCode);
  const id = officeIdFor(code);
  return db.transaction(async (tx) => {
    const district = await tx.query('select 1 from districts where id = $1', [districtId]);
    if (district.rows.length === 0) return { ok: false, reason: 'hub:registry.districtUnknown' };
    const existing = await tx.query('select 1 from offices where district_id = $1 and id = $2', [
      districtId,
      id,
    ]);
    if (existing.rows.length > 0) return { ok: false, reason: 'hub:registry.officeExists' };
    await tx.query(
      `insert into offices (district_id, id, kind, code, name_kk, name_ru, created_by)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [districtId, id, input.kind, code, input.nameKk, input.nameRu, actor],
    );
    await log(tx, actor, 'office.add', `${districtId}/${id}`, { kind: input.kind });
    return { ok: true, value: { id } };
  });
}

/**
 * An office an enrollment code is for: by its code as the command line names it (when two districts
 * use the same code, `districtCode` says which), or by its id within a district (the district admin's
 * screen, whose scope is its own district).
 */
export type EnrollmentOffice =
  | { readonly officeCode: string; readonly districtCode?: string }
  | { readonly officeId: string; readonly districtId: string };

/** A one-time enrollment code for an office, valid `ttlHours`. */
export function createEnrollmentCode(
  db: HubDatabase,
  office: EnrollmentOffice,
  actor: string,
  nowMs: number,
  ttlHours: number = ENROLLMENT_CODE_TTL_HOURS,
): Promise<RegistryResult<{ code: string; expiresAt: Date; officeId: string }>> {
  const [wantedId, wantedDistrict] =
    'officeId' in office
      ? [office.officeId, office.districtId]
      : [
          officeIdFor(office.officeCode),
          office.districtCode === undefined ? null : normalizeDistrictId(office.districtCode),
        ];
  return db.transaction(async (tx) => {
    const found = await tx.query<{ id: string; district_id: string }>(
      `select id, district_id from offices where id = $1 and ($2::text is null or district_id = $2)`,
      [wantedId, wantedDistrict],
    );
    if (found.rows.length === 0) return { ok: false, reason: 'hub:registry.officeUnknown' };
    if (found.rows.length > 1) return { ok: false, reason: 'hub:registry.officeAmbiguous' };
    const { id: officeId, district_id: districtId } = found.rows[0] as {
      id: string;
      district_id: string;
    };
    const code = newEnrollmentCode();
    const expiresAt = new Date(nowMs + ttlHours * 3_600_000);
    await tx.query(
      `insert into enrollment_codes
         (code_hash, district_id, office_id, created_by, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6)`,
      [sha256Hex(code), districtId, officeId, actor, new Date(nowMs), expiresAt],
    );
    await log(tx, actor, 'enrollment.code', `${districtId}/${officeId}`, {
      expiresAt: expiresAt.toISOString(),
    });
    return { ok: true, value: { code, expiresAt, officeId } };
  });
}

export type EnrollResult =
  | { readonly ok: true; readonly reply: EnrollReply }
  | { readonly ok: false; readonly reason: EnrollRefusal };

/**
 * Trades an enrollment code for a device credential scoped to the code's office. The code is taken in
 * the same transaction that creates the device: used once, or not at all.
 */
export async function enrollDevice(
  db: HubDatabase,
  request: EnrollRequest,
  nowMs: number,
  hubKeyPin = '',
): Promise<EnrollResult> {
  try {
    return await db.transaction((tx) => enrollInTransaction(tx, request, nowMs, hubKeyPin));
  } catch (error) {
    if (error instanceof OfficeFullError) return { ok: false, reason: 'sync:enroll.officeFull' };
    throw error;
  }
}

async function enrollInTransaction(
  tx: Queryable,
  request: EnrollRequest,
  nowMs: number,
  hubKeyPin: string,
): Promise<EnrollResult> {
  const codeHash = sha256Hex(request.code);
  const deviceId = randomUUID();
  const now = new Date(nowMs);
  const taken = await tx.query<{ office_id: string; district_id: string }>(
    `update enrollment_codes set used_at = $2, used_by_device = $3
     where code_hash = $1 and used_at is null and expires_at > $2
     returning office_id, district_id`,
    [codeHash, now, deviceId],
  );
  const officeId = taken.rows[0]?.office_id;
  const districtId = taken.rows[0]?.district_id ?? '';
  if (officeId === undefined) {
    const known = await tx.query<{ used_at: Date | null }>(
      'select used_at from enrollment_codes where code_hash = $1',
      [codeHash],
    );
    const row = known.rows[0];
    if (row === undefined) return { ok: false, reason: 'sync:enroll.codeUnknown' };
    return { ok: false, reason: row.used_at ? 'sync:enroll.codeUsed' : 'sync:enroll.codeExpired' };
  }
  // The office row locked: two enrollments of one office take numbers one after the other.
  const office = await tx.query<{ code: string }>(
    'select code from offices where district_id = $1 and id = $2 for update',
    [districtId, officeId],
  );
  const officeCode = office.rows[0]?.code ?? '';
  const last = await tx.query<{ n: number | null }>(
    'select max(device_no) as n from devices where district_id = $1 and office_id = $2',
    [districtId, officeId],
  );
  const deviceNo = Number(last.rows[0]?.n ?? 0) + 1;
  // Throwing rolls the code back too: a full office leaves the code unused.
  if (deviceNo > 99) throw new OfficeFullError();
  const credential = randomBytes(32).toString('base64url');
  // The district's keys for sync files, made with its first desk; the desk gets their public halves.
  const hubFileKeys = await ensureHubFileKeys(tx, districtId);
  await tx.query(
    `insert into devices
       (id, district_id, office_id, device_no, credential_hash, public_key, enrolled_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      deviceId,
      districtId,
      officeId,
      deviceNo,
      sha256Hex(credential),
      // The desk's public keys: it signs its sync files with `signing`; replies are sealed to `agreement`.
      JSON.stringify({ signing: request.devicePublicKey, agreement: request.deviceAgreementKey }),
      now,
    ],
  );
  await log(tx, `device:${deviceId}`, 'device.enroll', deviceId, {
    districtId,
    officeId,
    deviceNo,
  });
  return {
    ok: true,
    reply: {
      deviceId,
      deviceNo,
      officeId,
      officeCode,
      districtId,
      credential,
      hubKeyPin,
      hubFileKeys,
    },
  };
}

class OfficeFullError extends Error {}

export interface Device {
  readonly id: string;
  readonly officeId: string;
  readonly districtId: string;
  readonly officeKind: OfficeKind;
  readonly deviceNo: number;
}

/** The device a bearer credential belongs to; a revoked one is refused at once. */
export async function authenticateDevice(
  db: Queryable,
  credential: string,
): Promise<{ ok: true; device: Device } | { ok: false; reason: DeviceRefusal }> {
  const { rows } = await db.query<{
    id: string;
    office_id: string;
    district_id: string;
    kind: OfficeKind;
    device_no: number;
    revoked_at: Date | null;
  }>(
    `select d.id, d.office_id, d.district_id, o.kind, d.device_no, d.revoked_at
     from devices d join offices o on o.district_id = d.district_id and o.id = d.office_id
     where d.credential_hash = $1`,
    [sha256Hex(credential)],
  );
  const row = rows[0];
  if (row === undefined) return { ok: false, reason: 'sync:errors.unknownDevice' };
  if (row.revoked_at !== null) return { ok: false, reason: 'sync:errors.deviceRevoked' };
  return {
    ok: true,
    device: {
      id: row.id,
      officeId: row.office_id,
      districtId: row.district_id,
      officeKind: row.kind,
      deviceNo: row.device_no,
    },
  };
}

/**
 * Revokes a desk's credential. With `districtId`, only a desk of that district is revoked (the
 * district admin's screen): another district's desk is as unknown as one that never was.
 */
export function revokeDevice(
  db: HubDatabase,
  deviceId: string,
  actor: string,
  nowMs: number,
  districtId: string | null = null,
): Promise<RegistryResult<null>> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `update devices set revoked_at = $2, revoked_by = $3
       where id = $1 and revoked_at is null and ($4::text is null or district_id = $4)
       returning id`,
      [deviceId, new Date(nowMs), actor, districtId],
    );
    if (rows.length === 0) return { ok: false, reason: 'hub:registry.deviceUnknown' };
    await log(tx, actor, 'device.revoke', deviceId);
    return { ok: true, value: null };
  });
}

/**
 * Notes that a desk synced (pushed, pulled, or brought a sync file) at `nowMs`, for the district
 * admin's screen. One statement per request, never per event, that writes the row at most once a
 * minute: a desk syncing in a loop does not rewrite it every time (0011_device_last_seen.sql).
 */
export async function markDeviceSeen(
  db: Queryable,
  deviceId: string,
  nowMs: number,
): Promise<void> {
  await db.query(
    `update devices set last_seen_at = $2
     where id = $1 and (last_seen_at is null or last_seen_at < $2::timestamptz - interval '1 minute')`,
    [deviceId, new Date(nowMs)],
  );
}
