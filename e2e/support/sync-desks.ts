// Desks and a hub for the Node sync e2e tests (the setup of e2e/sync/desks-and-hub.e2e.ts, shared):
// each desk is the desk's own database (Dexie on fake-indexeddb, so import 'fake-indexeddb/auto'
// first) written by the desk's own commands (setup, intake, the akim's act), with the desk's own
// engine over a link the test switches on and off. What must stay true:
// - The desk is made the way a person makes it: the setup wizard's command, the intake's command, the
//   akim's act; nothing is written into its tables by hand.
// - The hub's side is read from the hub's own tables (hub_events), never from what a desk says.
import type { Actor, CaseEvent } from '../../shared/case';
import { sampleApplicant, sampleRegistered } from '../../shared/case/testing';
import { officeIdFor } from '../../shared/office';
import { sampleOfficeProfile } from '../../shared/office/testing';
import { scopeStateHash } from '../../shared/sync';
import {
  appendEvent,
  completeSetup,
  DeskDatabase,
  listUsers,
  loadOfficeProfile,
  type AttachmentFile,
} from '../../renderer/src/db';
import { submitIntake } from '../../renderer/src/db/intake-commands';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncPlatform,
} from '../../renderer/src/sync/engine';
import type { Queryable } from '../../server/src/db';
import { createEnrollmentCode } from '../../server/src/registry/registry';
import type { HubDatabase } from '../../server/src/db';

/** A desk's link to the hub: a switch, on while the desk is at the district office. */
export interface DeskLink {
  online: boolean;
}

/** Node's fetch while the link is on; while it is off, what Node's fetch does with no network. */
function platformOf(link: DeskLink): SyncPlatform {
  return {
    fetch: (url, init) =>
      link.online ? fetch(url, init) : Promise.reject(new TypeError('fetch failed')),
    nowMs: () => Date.now(),
    every: (ms, tick) => {
      const handle = setInterval(tick, ms);
      return () => clearInterval(handle);
    },
    online: {
      current: () => link.online,
      subscribe: () => () => undefined,
    },
  };
}

export interface Desk {
  readonly officeCode: string;
  readonly db: DeskDatabase;
  readonly engine: SyncEngine;
  readonly link: DeskLink;
  readonly specialist: Actor;
  readonly akim: Actor;
}

/** The PIN of every test desk's akim (setUpOffice) and of the district head (setUpDistrictDesk). */
export const AKIM_PIN = '739146';
export const DISTRICT_HEAD_PIN = '582047';

/** The office's first two people, as the desk's events name them. */
export interface OfficePeople {
  readonly specialist: Actor;
  readonly akim: Actor;
}

/**
 * Completes the setup wizard's command on `db`: the office (device 1, as typed; `deviceId` its
 * setup's device id) and its first two people, an akim and a specialist.
 */
export async function setUpOffice(
  db: DeskDatabase,
  districtId: string,
  officeCode: string,
  label: string,
  deviceId: string,
): Promise<OfficePeople> {
  const profile = sampleOfficeProfile({
    officeId: officeIdFor(officeCode),
    code: officeCode,
    districtId,
    deviceNo: 1,
    deviceId,
  });
  const setup = await completeSetup(
    db,
    profile,
    [
      { name: `Әкім ${label}`, role: 'akim', pin: AKIM_PIN },
      { name: `Маман ${label}`, role: 'specialist', pin: '4826' },
    ],
    { nowMs: Date.now(), iterations: 1 },
  );
  if (!setup.ok) throw new Error(`setup of ${label} refused: ${JSON.stringify(setup)}`);
  const users = await listUsers(db);
  const actor = (role: 'akim' | 'specialist'): Actor => {
    const user = users.find((u) => u.role === role);
    if (!user) throw new Error(`no ${role}`);
    return { userId: user.id, role, officeId: profile.officeId, districtId, deviceId };
  };
  return { specialist: actor('specialist'), akim: actor('akim') };
}

/**
 * A desk as the setup wizard leaves it: the office (device 1, as typed) and its first two people, an
 * akim and a specialist. Its link starts off. `opened` collects the database for deletion.
 */
export async function setUpDesk(
  districtId: string,
  officeCode: string,
  label: string,
  opened: DeskDatabase[],
): Promise<Desk> {
  const db = new DeskDatabase(`e2e-sync-${label}-${crypto.randomUUID()}`);
  opened.push(db);
  const people = await setUpOffice(
    db,
    districtId,
    officeCode,
    label,
    `desk-${officeCode.toLowerCase()}-1`,
  );
  const link: DeskLink = { online: false };
  return { officeCode, db, engine: createSyncEngine(db, platformOf(link)), link, ...people };
}

/** A district department's desk (district mode) as its setup wizard leaves it; its link starts off. */
export interface DistrictDesk {
  readonly officeCode: string;
  readonly db: DeskDatabase;
  readonly engine: SyncEngine;
  readonly link: DeskLink;
  readonly specialist: Actor;
  readonly head: Actor;
}

/** The setup wizard's command for a district department: its head (who signs) and a specialist. */
export async function setUpDistrictDesk(
  districtId: string,
  officeCode: string,
  label: string,
  opened: DeskDatabase[],
): Promise<DistrictDesk> {
  const db = new DeskDatabase(`e2e-sync-${label}-${crypto.randomUUID()}`);
  opened.push(db);
  const deviceId = `desk-${officeCode.toLowerCase()}-1`;
  const profile = sampleOfficeProfile({
    officeId: officeIdFor(officeCode),
    kind: 'district',
    code: officeCode,
    districtId,
    nameKk: 'Ақкөл ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
    nameRu: 'Отдел занятости и социальных программ Аккольского района',
    deviceNo: 1,
    deviceId,
  });
  const setup = await completeSetup(
    db,
    profile,
    [
      { name: `Бөлім басшысы ${label}`, role: 'districtHead', pin: DISTRICT_HEAD_PIN },
      { name: `Аудан маманы ${label}`, role: 'districtSpecialist', pin: '4826' },
    ],
    { nowMs: Date.now(), iterations: 1 },
  );
  if (!setup.ok) throw new Error(`setup of ${label} refused: ${JSON.stringify(setup)}`);
  const users = await listUsers(db);
  const actor = (role: 'districtHead' | 'districtSpecialist'): Actor => {
    const user = users.find((u) => u.role === role);
    if (!user) throw new Error(`no ${role}`);
    return { userId: user.id, role, officeId: profile.officeId, districtId, deviceId };
  };
  const link: DeskLink = { online: false };
  return {
    officeCode,
    db,
    engine: createSyncEngine(db, platformOf(link)),
    link,
    specialist: actor('districtSpecialist'),
    head: actor('districtHead'),
  };
}

/**
 * Joins the desk to the hub with a one-time code the district admin made for its office, over its
 * link (switched on for the join and left as it was).
 */
export async function joinHub(
  desk: Pick<Desk, 'officeCode' | 'engine' | 'link'>,
  hubDb: HubDatabase,
  hubUrl: string,
): Promise<void> {
  const made = await createEnrollmentCode(
    hubDb,
    { officeCode: desk.officeCode },
    'admin',
    Date.now(),
  );
  if (!made.ok) throw new Error(made.reason);
  const was = desk.link.online;
  desk.link.online = true;
  try {
    const joined = await desk.engine.join(hubUrl, made.value.code);
    if (!joined.ok) throw new Error(`join refused: ${joined.reason}`);
  } finally {
    desk.link.online = was;
  }
}

/**
 * An application received at the desk and registered by its specialist with the intake's command,
 * with its scans (`files`) stored on the desk by the same command.
 */
export async function registerCase(
  desk: Pick<Desk, 'db' | 'specialist'>,
  n: number,
  files: readonly AttachmentFile[] = [],
  applicantName = '',
): Promise<{ caseId: string; number: string }> {
  const profile = await loadOfficeProfile(desk.db);
  if (!profile) throw new Error('no office');
  const r = sampleRegistered();
  const result = await submitIntake(
    desk.db,
    {
      serviceId: r.serviceId,
      mode: 'register',
      applicant: { ...sampleApplicant, firstName: `${applicantName || profile.code}${n}` },
      documents: r.documents,
      consents: r.consents,
      familyMembers: r.familyMembers,
      applicantIncomes: r.applicantIncomes,
    },
    files,
    { officeCode: profile.code, deviceNo: profile.deviceNo },
    {
      actor: { ...desk.specialist, deviceId: profile.deviceId },
      legalTime: `2025-03-0${3 + (n % 3)}T1${n % 6}:00`,
      nowMs: Date.now(),
      newId: () => crypto.randomUUID(),
    },
  );
  if (!result.ok) throw new Error(result.reason);
  return { caseId: result.caseId, number: result.state.registrationNumber ?? '' };
}

/** The akim's resolution on a case: a second event, of another person. */
export async function resolveCase(
  desk: Pick<Desk, 'db' | 'specialist' | 'akim'>,
  caseId: string,
): Promise<void> {
  const profile = await loadOfficeProfile(desk.db);
  const result = await appendEvent(
    desk.db,
    {
      caseId,
      type: 'ResolutionImposed',
      payload: { executorUserId: desk.specialist.userId, text: 'Қарауға' },
    },
    {
      actor: { ...desk.akim, deviceId: profile?.deviceId ?? desk.akim.deviceId },
      legalTime: '2025-03-06T11:00',
      nowMs: Date.now(),
      newId: () => crypto.randomUUID(),
    },
  );
  if (!result.ok) throw new Error(result.reason);
}

/** The case ids a desk holds. */
export async function deskCaseIds(db: DeskDatabase): Promise<string[]> {
  return [...new Set((await db.events.toArray()).map((e) => e.caseId))].sort();
}

/**
 * The hub's case state hash over one office's scope (`officeCode`), or the whole district's (null: a
 * district department's scope), from its own log.
 */
export async function hubStateHash(
  hubDb: Queryable,
  districtId: string,
  officeCode: string | null,
): Promise<{ hash: string; caseIds: string[]; events: number }> {
  const { rows } =
    officeCode === null
      ? await hubDb.query<{ body: CaseEvent }>(
          `select body from hub_events where district_id = $1 and stream = 'case'`,
          [districtId],
        )
      : await hubDb.query<{ body: CaseEvent }>(
          `select body from hub_events where district_id = $1 and stream = 'case' and office_id = $2`,
          [districtId, officeIdFor(officeCode)],
        );
  const byCase = new Map<string, CaseEvent[]>();
  for (const { body } of rows) byCase.set(body.caseId, [...(byCase.get(body.caseId) ?? []), body]);
  return {
    hash: await scopeStateHash(crypto.subtle, byCase),
    caseIds: [...byCase.keys()].sort(),
    events: rows.length,
  };
}

/**
 * Every row of every table of the hub's database, as one digest per table: equal before and after
 * means the database did not change (what an idempotent import or a refusal must leave).
 */
export async function hubDatabaseDigest(hubDb: Queryable): Promise<Record<string, string>> {
  const { rows: tables } = await hubDb.query<{ name: string }>(
    `select quote_ident(schemaname) || '.' || quote_ident(tablename) as name from pg_tables
     where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await hubDb.query<{ digest: string | null; n: string | number }>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*) as n
       from ${name} t`,
    );
    out[name] = `${String(rows[0]?.n ?? 0)}:${rows[0]?.digest ?? ''}`;
  }
  return out;
}
