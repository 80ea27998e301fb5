// The desk's backups and their restore, as database commands (issue 11 §2). The file format and its
// cryptography are shared/backup; the file's way to a folder is the shell's (platform). What must
// stay true:
// - A backup is the whole desk as the db layer reads it: every table (the case, register, directory
//   and office logs, their projections, the outbox, held events, users with their PIN hashes and
//   wrapped keys, counters, the recipients register, scans), read in ONE read transaction so it is
//   one moment's state. Only what belongs to this laptop stays out: the sync credential and device
//   keys (settings `sync.*`; a restored desk enrolls again), any value holding a CryptoKey (it
//   cannot leave its browser profile), the journal's name index, whose keys are blind values under
//   this laptop's data key (db at-rest), and its late index: the restore rebuilds both, and the
//   journal's tallies, from the journal rows. A backup of an older schema version restores when
//   that version's rows are this one's (ROWS_UNCHANGED_SINCE). Rows
//   are read through Dexie, hence through the at-rest layer: the file holds them plain (then sealed
//   by the backup's own key), and the new laptop seals them again under its own data key.
// - A restore writes nothing until the file has opened: a wrong passphrase or a damaged file is a
//   value and the desk is as it was. It goes onto a fresh desk only (no office yet), in ONE
//   transaction over every table, and gives the same tables, hence the same state hash.
// - A restored desk numbers nothing (registration numbers, form 2-1 receipts, certificates,
//   registers) until it has enrolled with the hub again, which gives it a laptop number of its own,
//   or, for an office that never joined a hub, until the akim states that the old laptop no longer
//   works and gives this one a number the old one never had (releaseNumberingHold). The same laptop
//   number on two laptops would issue every number twice.
import { z } from 'zod';
import {
  backupReminderDue,
  backupFileName,
  makeRecoveryVerifier,
  openBackup,
  passphraseMatches,
  passphraseProblem,
  readBackupHeader,
  recoveryVerifierSchema,
  sealBackup,
  type Argon2idParams,
  type BackupContents,
  type BackupHeader,
  type BackupOpenFailure,
  type BackupPrimitives,
  type RecoveryVerifier,
} from '../../../shared/backup';
import { isValidDeviceNo } from '../../../shared/case';
import { isNodeId, type HlcState } from '../../../shared/clock';
import type { OfficeProfile } from '../../../shared/office';
import { decodeBase64, encodeBase64 } from '../../../shared/signing';
import type { DeskDatabase } from './database';
import {
  loadOfficeProfile,
  officeProfileOf,
  OFFICE_SETTING,
  saveOfficeProfile,
} from './office-repository';
import { recountJournal } from './journal-tallies';
import { buildLateIndex } from './late-index';
import { rebuildNameIndex } from './name-index';
import { loadHubLink, SYNC_SETTINGS } from './sync-settings';

export const BACKUP_SETTINGS = {
  /** The recovery passphrase's verifier (shared/backup RecoveryVerifier) with who set it, when. */
  recovery: 'backup.recovery',
  /** The last backup saved: when, under which file name. */
  last: 'backup.last',
  /** Set by a restore: the numbering hold and what the desk was restored from. */
  restored: 'backup.restored',
} as const;

/** The roles that set the recovery passphrase: the head of the office (akim, district head). */
const PASSPHRASE_ROLES: readonly string[] = ['akim', 'districtHead'];

/**
 * The oldest schema version whose backups this desk restores: every later version only added tables
 * derived from the rows (v11 the late index), dropped indexes (v12 the rows' name words, which a
 * row of an older backup still holds, sealed, and nothing reads) or added a table that older rows
 * need not be in (v14 hubTimes: the hub's times an older backup holds are its hubReceipts rows, still
 * read), re-keyed a store whose rows hold their new key already (v16–v17 the outbox, by
 * [streamId+eventId]) or began a new shape of row beside the old, which is still read (v17 hubTimes
 * rows of many logs, v18 runs of a case's events beside its rows of one event). Raise it to the
 * version that next changes what a stored row holds.
 */
export const ROWS_UNCHANGED_SINCE = 10;

/** Whether a backup made at schema `theirs` restores on a desk at schema `ours`. */
export function restoresSchema(theirs: number, ours: number): boolean {
  return theirs >= ROWS_UNCHANGED_SINCE && theirs <= ours;
}

/** Keys-only tables derived from the journal rows: never in a backup, rebuilt on restore. */
const DERIVED_INDEXES: readonly string[] = ['caseNames', 'caseLate'];

/** The HLC's settings row (event-log.ts keeps it). */
const HLC_SETTING = 'hlc';

/** Settings that belong to this laptop only and never travel in a backup. */
function staysOnThisLaptop(key: string): boolean {
  return key.startsWith('sync.') || key === BACKUP_SETTINGS.restored || key === FROM_HUB;
}

/**
 * A row only backups carry: the address of the hub the desk had joined (its link stays behind), so
 * the restored desk knows it must enroll there again.
 */
const FROM_HUB = 'backup.fromHub';

// ---- the recovery passphrase --------------------------------------------------------------------

const recoveryRowSchema = recoveryVerifierSchema.extend({
  setAtMs: z.number(),
  setBy: z.string(),
});
export type RecoveryRow = z.infer<typeof recoveryRowSchema>;

export async function loadRecovery(db: DeskDatabase): Promise<RecoveryRow | null> {
  const parsed = recoveryRowSchema.safeParse(
    (await db.settings.get(BACKUP_SETTINGS.recovery))?.value,
  );
  return parsed.success ? parsed.data : null;
}

export type SetPassphraseResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: 'backup:passphrase.tooShort' | 'backup:passphrase.headOnly';
    };

/**
 * The head of the office sets (or replaces) the recovery passphrase. Only its verifier is kept;
 * backups made before a change still open with the passphrase they were made under.
 */
export async function setRecoveryPassphrase(
  db: DeskDatabase,
  passphrase: string,
  actor: { readonly userId: string; readonly role: string },
  nowMs: number,
  p: BackupPrimitives,
  params?: Argon2idParams,
): Promise<SetPassphraseResult> {
  if (!PASSPHRASE_ROLES.includes(actor.role))
    return { ok: false, reason: 'backup:passphrase.headOnly' };
  const problem = passphraseProblem(passphrase);
  if (problem !== null) return { ok: false, reason: problem };
  const verifier = await makeRecoveryVerifier(p, passphrase, params);
  const row: RecoveryRow = { ...verifier, setAtMs: nowMs, setBy: actor.userId };
  await db.settings.put({ key: BACKUP_SETTINGS.recovery, value: row });
  return { ok: true };
}

/** Whether the typed passphrase is the desk's recovery passphrase (nothing is stored). */
export async function checkRecoveryPassphrase(
  db: DeskDatabase,
  passphrase: string,
  p: BackupPrimitives,
): Promise<boolean> {
  const recovery = await loadRecovery(db);
  return recovery !== null && passphraseMatches(p, passphrase, recovery);
}

// ---- the last backup and the reminder -----------------------------------------------------------

const lastBackupSchema = z.object({ atMs: z.number(), fileName: z.string() });
export type LastBackup = z.infer<typeof lastBackupSchema>;

export async function loadLastBackup(db: DeskDatabase): Promise<LastBackup | null> {
  const parsed = lastBackupSchema.safeParse((await db.settings.get(BACKUP_SETTINGS.last))?.value);
  return parsed.success ? parsed.data : null;
}

/** Called once the file reached its folder (the shell saved it, or the browser took the download). */
export async function recordBackupSaved(db: DeskDatabase, last: LastBackup): Promise<void> {
  await db.settings.put({ key: BACKUP_SETTINGS.last, value: last });
}

/** Epoch ms of an ISO time, or null. */
function msOf(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

export interface BackupReminder {
  readonly due: boolean;
  readonly last: LastBackup | null;
}

/**
 * The frame's reminder (shared/backup backupReminderDue): the last backup, or before the first one
 * the moment the desk's first user was made, older than 7 days.
 */
export async function backupReminder(db: DeskDatabase, nowMs: number): Promise<BackupReminder> {
  const last = await loadLastBackup(db);
  let sinceMs = nowMs;
  if (last === null) {
    for (const user of await db.users.toArray()) {
      const ms = msOf(user.createdAt);
      if (ms !== null && ms < sinceMs) sinceMs = ms;
    }
  }
  return { due: backupReminderDue({ lastBackupMs: last?.atMs ?? null, sinceMs, nowMs }), last };
}

// ---- rows as JSON -------------------------------------------------------------------------------

// A row is kept as JSON; bytes and Blobs (scans) are marked so a restore gives them back as they were.
interface BytesMark {
  readonly $bytes: string;
}
interface BlobMark {
  readonly $blob: string;
  readonly type: string;
}

function isCryptoKey(value: unknown): boolean {
  return typeof CryptoKey !== 'undefined' && value instanceof CryptoKey;
}

/** A value holding a CryptoKey anywhere: bound to this browser profile, never in a backup. */
function holdsCryptoKey(value: unknown): boolean {
  if (isCryptoKey(value)) return true;
  if (Array.isArray(value)) return value.some(holdsCryptoKey);
  if (typeof value === 'object' && value !== null && !(value instanceof Blob)) {
    return Object.values(value).some(holdsCryptoKey);
  }
  return false;
}

/** The JSON form of a row; each Blob's bytes go to `files` under a name of its own. */
async function encodeValue(
  value: unknown,
  files: Record<string, Uint8Array<ArrayBuffer>>,
): Promise<unknown> {
  if (value instanceof Blob) {
    const name = `b${Object.keys(files).length}`;
    files[name] = new Uint8Array(await value.arrayBuffer());
    return { $blob: name, type: value.type } satisfies BlobMark;
  }
  if (value instanceof Uint8Array) return { $bytes: encodeBase64(value) } satisfies BytesMark;
  if (value instanceof ArrayBuffer) return { $bytes: encodeBase64(new Uint8Array(value)) };
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await encodeValue(item, files));
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await encodeValue(v, files);
    return out;
  }
  return value;
}

/** The inverse of encodeValue; null when a mark names a file the backup does not have. */
function decodeValue(value: unknown, files: BackupContents['files']): unknown {
  if (Array.isArray(value)) return value.map((item) => decodeValue(item, files));
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record['$blob'] === 'string' && typeof record['type'] === 'string') {
      const data = files[record['$blob']];
      if (data === undefined) throw new RangeError('a row names a file the backup does not have');
      return new Blob([data], { type: record['type'] });
    }
    if (typeof record['$bytes'] === 'string') {
      const data = decodeBase64(record['$bytes']);
      if (data === null) throw new RangeError('bytes that do not decode');
      return data;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) out[k] = decodeValue(v, files);
    return out;
  }
  return value;
}

/** A table whose key is outside its rows (caseNames) is kept as [key, value] pairs. */
function isOutbound(table: { schema: { primKey: { keyPath: unknown } } }): boolean {
  return table.schema.primKey.keyPath === undefined || table.schema.primKey.keyPath === null;
}

// ---- making a backup ----------------------------------------------------------------------------

export type MakeBackupResult =
  | {
      readonly ok: true;
      readonly fileName: string;
      readonly bytes: Uint8Array<ArrayBuffer>;
      readonly header: BackupHeader;
    }
  | {
      readonly ok: false;
      readonly reason: 'backup:errors.noPassphrase' | 'backup:errors.noOffice';
    };

/** Every table's rows, in one read transaction (one moment's state); CryptoKeys left out. */
async function readWholeDesk(db: DeskDatabase): Promise<Record<string, unknown[]>> {
  return db.transaction('r', db.tables, async () => {
    const tables: Record<string, unknown[]> = {};
    for (const table of db.tables) {
      // The name index holds blind keys made with this laptop's data key, and the late index is
      // derived from the rows too: both rebuilt on restore.
      if (DERIVED_INDEXES.includes(table.name)) continue;
      const rows: unknown[] = [];
      if (isOutbound(table)) {
        await table.toCollection().each((value: unknown, cursor) => {
          rows.push([cursor.primaryKey, value]);
        });
      } else {
        for (const row of await table.toArray()) {
          const key = table.name === 'settings' ? (row as { key: string }).key : null;
          if (key === SYNC_SETTINGS.hubLink) {
            const url = (row as { value?: { url?: unknown } }).value?.url;
            if (typeof url === 'string') rows.push({ key: FROM_HUB, value: { url } });
          }
          if (key !== null && staysOnThisLaptop(key)) continue;
          if (holdsCryptoKey(row)) continue;
          rows.push(row);
        }
      }
      tables[table.name] = rows;
    }
    return tables;
  });
}

/**
 * A backup file of the whole desk, sealed to the recovery passphrase's public key: anybody on duty
 * can make one, only the passphrase opens it. `localDateTime` (office time) names the file.
 */
export async function makeBackup(
  db: DeskDatabase,
  input: { readonly nowMs: number; readonly localDateTime: string; readonly appVersion: string },
  p: BackupPrimitives,
): Promise<MakeBackupResult> {
  const office = await loadOfficeProfile(db);
  if (office === null) return { ok: false, reason: 'backup:errors.noOffice' };
  const recovery = await loadRecovery(db);
  if (recovery === null) return { ok: false, reason: 'backup:errors.noPassphrase' };
  const raw = await readWholeDesk(db);
  // Blobs are read after the transaction: awaiting them inside would let IndexedDB commit it.
  const files: Record<string, Uint8Array<ArrayBuffer>> = {};
  const tables: Record<string, unknown[]> = {};
  for (const [name, rows] of Object.entries(raw)) {
    const encoded: unknown[] = [];
    for (const row of rows) encoded.push(await encodeValue(row, files));
    tables[name] = encoded;
  }
  const verifier: RecoveryVerifier = { kdf: recovery.kdf, publicKey: recovery.publicKey };
  const bytes = await sealBackup(
    p,
    {
      createdAtMs: input.nowMs,
      schemaVersion: db.verno,
      appVersion: input.appVersion,
      office: {
        officeId: office.officeId,
        code: office.code,
        nameKk: office.nameKk,
        nameRu: office.nameRu,
        deviceNo: office.deviceNo,
      },
    },
    verifier,
    { tables, files },
  );
  const read = readBackupHeader(bytes);
  if (!read.ok) throw new Error('a backup just sealed does not read');
  return {
    ok: true,
    fileName: backupFileName(office.code, office.deviceNo, input.localDateTime),
    bytes,
    header: read.header,
  };
}

// ---- restoring ----------------------------------------------------------------------------------

const restoredSchema = z.object({
  restoredAtMs: z.number(),
  backupCreatedAtMs: z.number(),
  /** The laptop number the backed-up desk numbered with: never this desk's again. */
  oldDeviceNo: z.number(),
  /** The hub the backed-up desk had joined (its address), or null when it never joined one. */
  hubUrl: z.string().nullable(),
  /** For an office that never joined a hub: when the akim released the hold, with which number. */
  released: z.object({ atMs: z.number(), by: z.string(), deviceNo: z.number() }).optional(),
});
export type RestoredMark = z.infer<typeof restoredSchema>;

export type RestoreFailure =
  | BackupOpenFailure
  | 'backup:errors.deskNotEmpty'
  | 'backup:errors.otherSchema'
  | 'backup:errors.noOfficeInBackup';

export type RestoreResult =
  | { readonly ok: true; readonly office: OfficeProfile; readonly header: BackupHeader }
  | {
      readonly ok: false;
      readonly reason: RestoreFailure;
      readonly params?: Record<string, string>;
    };

/** The header of a chosen file, shown before the passphrase is asked (whose, when). */
export function backupFileHeader(
  file: Uint8Array,
): { ok: true; header: BackupHeader } | { ok: false; reason: BackupOpenFailure } {
  const read = readBackupHeader(file);
  return read.ok ? { ok: true, header: read.header } : read;
}

/**
 * Restores a backup onto this fresh desk (no office yet): opens the file with the passphrase, then in
 * ONE transaction writes every table as it was and marks the desk restored (its numbering held until
 * it enrolls again). Refused, with nothing written: a file that does not open, a desk that already
 * serves an office, a backup of another database schema than this desk's.
 */
export async function restoreBackup(
  db: DeskDatabase,
  file: Uint8Array,
  passphrase: string,
  nowMs: number,
  p: BackupPrimitives,
): Promise<RestoreResult> {
  const opened = await openBackup(p, file, passphrase);
  if (!opened.ok) return opened;
  const { header, contents } = opened;
  if (!restoresSchema(header.schemaVersion, db.verno)) {
    return {
      ok: false,
      reason: 'backup:errors.otherSchema',
      params: { theirs: String(header.schemaVersion), ours: String(db.verno) },
    };
  }
  const known = new Set(db.tables.map((t) => t.name));
  if (Object.keys(contents.tables).some((name) => !known.has(name))) {
    return {
      ok: false,
      reason: 'backup:errors.otherSchema',
      params: { theirs: String(header.schemaVersion), ours: String(db.verno) },
    };
  }
  // Everything decoded (Blobs rebuilt) before the transaction opens.
  let decoded: Record<string, unknown[]>;
  try {
    decoded = Object.fromEntries(
      Object.entries(contents.tables).map(([name, rows]) => [
        name,
        rows.map((row) => decodeValue(row, contents.files)),
      ]),
    );
  } catch {
    return { ok: false, reason: 'backup:errors.damaged' };
  }
  const settings = (decoded['settings'] ?? []) as { key: string; value: unknown }[];
  const officeRow = settings.find((s) => s.key === OFFICE_SETTING);
  const office = officeProfileOf(officeRow?.value);
  if (office === null) return { ok: false, reason: 'backup:errors.noOfficeInBackup' };
  const hubUrl = z
    .object({ url: z.string() })
    .safeParse(settings.find((s) => s.key === FROM_HUB)?.value);

  return db.transaction('rw', db.tables, async (): Promise<RestoreResult> => {
    if ((await loadOfficeProfile(db)) !== null)
      return { ok: false, reason: 'backup:errors.deskNotEmpty' };
    for (const table of db.tables) {
      const rows = decoded[table.name];
      if (rows === undefined) continue;
      if (table.name === 'settings') {
        // This laptop's own settings (its device keys, its language) stay; the office's arrive.
        await table.bulkPut(settings.filter((s) => !staysOnThisLaptop(s.key)));
        continue;
      }
      await table.clear();
      if (isOutbound(table)) {
        const pairs = rows as [unknown, unknown][];
        await table.bulkPut(
          pairs.map(([, value]) => value),
          pairs.map(([key]) => key) as never,
        );
      } else {
        await table.bulkPut(rows);
      }
    }
    // The journal's name index, keyed under THIS desk's data key, from the restored journal rows.
    await rebuildNameIndex(
      db.caseNames,
      (decoded['cases'] ?? []) as Parameters<typeof rebuildNameIndex>[1],
    );
    // The journal's late index and tallies, from the restored rows: a backup's counters may predate them.
    await buildLateIndex(db, (decoded['cases'] ?? []) as Parameters<typeof buildLateIndex>[1]);
    await recountJournal(db);
    const mark: RestoredMark = {
      restoredAtMs: nowMs,
      backupCreatedAtMs: header.createdAtMs,
      oldDeviceNo: office.deviceNo,
      hubUrl: hubUrl.success ? hubUrl.data.url : null,
    };
    await db.settings.put({ key: BACKUP_SETTINGS.restored, value: mark });
    return { ok: true, office, header };
  });
}

// ---- the numbering hold -------------------------------------------------------------------------

/** The reason a numbering command gives while the hold lasts (kk and ru in backup.json). */
export const NUMBERING_HELD = 'backup:hold.numbering';

export interface NumberingHold {
  /** The hub the backed-up desk had joined: the desk must enroll again (a new code, a new number). */
  readonly hubUrl: string | null;
  readonly oldDeviceNo: number;
  readonly restoredAtMs: number;
}

async function loadRestoredMark(db: DeskDatabase): Promise<RestoredMark | null> {
  const parsed = restoredSchema.safeParse((await db.settings.get(BACKUP_SETTINGS.restored))?.value);
  return parsed.success ? parsed.data : null;
}

/**
 * Why this desk may not number anything now, or null when it may: a restored desk until it has
 * enrolled with the hub after the restore (or, when the office never joined a hub, until the akim
 * released it). Every command that draws a number asks this one function.
 */
export async function numberingHold(db: DeskDatabase): Promise<NumberingHold | null> {
  const mark = await loadRestoredMark(db);
  if (mark === null || mark.released !== undefined) return null;
  const link = await loadHubLink(db);
  if (link !== null && link.joinedAtMs >= mark.restoredAtMs) return null;
  return { hubUrl: mark.hubUrl, oldDeviceNo: mark.oldDeviceNo, restoredAtMs: mark.restoredAtMs };
}

export type ReleaseResult =
  | { readonly ok: true; readonly office: OfficeProfile }
  | {
      readonly ok: false;
      readonly reason:
        | 'backup:hold.mustEnroll'
        | 'backup:hold.headOnly'
        | 'backup:hold.sameNumber'
        | 'backup:hold.badNumber'
        | 'backup:hold.none';
    };

/**
 * For an office that never joined a hub: the head of the office states that the backed-up laptop no
 * longer works and gives this laptop a number it never had. The profile takes the number and a
 * device id of its own (the clock's node renamed, as joining does), and numbering resumes. A desk of
 * an office that had joined a hub must enroll instead: only the hub knows which numbers are taken.
 */
export function releaseNumberingHold(
  db: DeskDatabase,
  input: { readonly deviceNo: number; readonly userId: string; readonly role: string },
  nowMs: number,
): Promise<ReleaseResult> {
  return db.transaction('rw', db.settings, async (): Promise<ReleaseResult> => {
    const hold = await numberingHold(db);
    const mark = await loadRestoredMark(db);
    if (hold === null || mark === null) return { ok: false, reason: 'backup:hold.none' };
    if (hold.hubUrl !== null) return { ok: false, reason: 'backup:hold.mustEnroll' };
    if (!PASSPHRASE_ROLES.includes(input.role))
      return { ok: false, reason: 'backup:hold.headOnly' };
    if (!isValidDeviceNo(input.deviceNo)) return { ok: false, reason: 'backup:hold.badNumber' };
    if (input.deviceNo === mark.oldDeviceNo) return { ok: false, reason: 'backup:hold.sameNumber' };
    const profile = await loadOfficeProfile(db);
    if (profile === null) return { ok: false, reason: 'backup:hold.none' };
    const base = profile.deviceId.replace(/-\d+$/, '');
    const deviceId = `${base}-${input.deviceNo}`.slice(-64);
    const next: OfficeProfile = {
      ...profile,
      deviceNo: input.deviceNo,
      deviceId: isNodeId(deviceId) ? deviceId : profile.deviceId,
    };
    await saveOfficeProfile(db, next);
    const hlc = (await db.settings.get(HLC_SETTING))?.value as HlcState | undefined;
    if (hlc) await db.settings.put({ key: HLC_SETTING, value: { ...hlc, nodeId: next.deviceId } });
    await db.settings.put({
      key: BACKUP_SETTINGS.restored,
      value: { ...mark, released: { atMs: nowMs, by: input.userId, deviceNo: input.deviceNo } },
    });
    return { ok: true, office: next };
  });
}
