// The sync benchmark's desk (scripts/bench-sync.ts): a desk set up and joined as a person sets it up,
// its cases made in its name, and its engine's syncs timed by phase. Runs the same in the benchmark's
// page in Chromium (sync-bench-entry.ts, the desk's real IndexedDB) and in Node (fake-indexeddb, the
// shaped-link desk), so it uses no Node module and no DOM beyond fetch and Web Crypto.
// What must stay true:
// - Everything timed is the desk's own code: its engine, its store's import path and its commands.
// - Only the seeding takes a short cut (the import path plus an outbox row per event, as the case
//   store writes it): registering 10,000 cases act by act would take longer than the benchmark.
import type { Actor, CaseEvent } from '../../../shared/case';
import { formatRegistrationNumber } from '../../../shared/case';
import {
  sampleApplicant,
  samplePath,
  sampleRegistered,
  type SampleStep,
} from '../../../shared/case/testing';
import { formatStamp } from '../../../shared/clock';
import { deskCounterKey } from '../../../shared/numbering';
import { officeIdFor } from '../../../shared/office';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import type { FetchLike } from '../../../shared/sync';
import {
  appendEvent,
  completeSetup,
  importCaseEvents,
  listUsers,
  loadOfficeProfile,
  type AttachmentFile,
  type DeskDatabase,
} from '../db';
import { submitIntake } from '../db/intake-commands';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncOutcome,
  type SyncPlatform,
} from '../sync/engine';

/** Akimat paths of a case as its desk records them; 5, 6 and 7 events: 6 on average. */
const AKIMAT_PATH: readonly SampleStep[] = [
  ['Registered', 'specialist'],
  ['ResolutionImposed', 'akim'],
  ['SentToCommission', 'specialist'],
  ['CommissionActRecorded', 'specialist'],
  ['ForwardedToDistrict', 'specialist'],
  ['DistrictResultRecorded', 'specialist'],
  ['ResultIssued', 'specialist'],
];
const PATHS = [AKIMAT_PATH.slice(0, 5), AKIMAT_PATH.slice(0, 6), AKIMAT_PATH];
let pathEvents: CaseEvent[][] | null = null;

/** Who makes a desk's cases: its office, device and people as the hub gave and knows them. */
export interface Maker {
  readonly officeId: string;
  readonly officeCode: string;
  readonly districtId: string;
  readonly deviceId: string;
  readonly deviceNo: number;
  readonly userIds: { readonly akim: string; readonly specialist: string };
}

/** A stand-in for a scan's SHA-256 (64 hex digits), the same for the same case. */
const scanHashOf = (caseId: string): string => caseId.replace(/-/g, '').repeat(2);

/** The events of case `i` made at `maker`'s desk by its people: ids, stamps, numbers of that desk. */
export function caseEvents(maker: Maker, i: number, wallStartMs: number): CaseEvent[] {
  // One sample path per shape, built once (samplePath folds as it goes).
  pathEvents ??= PATHS.map((steps) => samplePath(steps));
  const caseId = crypto.randomUUID();
  const sample = pathEvents[i % pathEvents.length] ?? [];
  return sample.map((e, k): CaseEvent => {
    const actor: Actor = {
      ...e.actor,
      userId: e.actor.role === 'akim' ? maker.userIds.akim : maker.userIds.specialist,
      officeId: maker.officeId,
      districtId: maker.districtId,
      deviceId: maker.deviceId,
    };
    const envelope = {
      id: crypto.randomUUID(),
      caseId,
      actor,
      hlc: formatStamp({
        wallMs: wallStartMs + i * 10_000 + k,
        counter: 0,
        nodeId: maker.deviceId,
      }),
    };
    if (e.type === 'Registered') {
      return {
        ...e,
        ...envelope,
        payload: {
          ...e.payload,
          applicant: { ...e.payload.applicant, firstName: `${sampleApplicant.firstName}${i}` },
          attachments: e.payload.attachments.map((a) => ({ ...a, sha256: scanHashOf(caseId) })),
          registrationNumber: formatRegistrationNumber({
            officeCode: maker.officeCode,
            deviceNo: maker.deviceNo,
            seq: i + 1,
            year: 2025,
          }),
        },
      };
    }
    if (e.type === 'ResolutionImposed') {
      return {
        ...e,
        ...envelope,
        payload: { ...e.payload, executorUserId: maker.userIds.specialist },
      };
    }
    return { ...e, ...envelope };
  });
}

/** Sync body bytes (gzip, as on the wire) by route: request and answer. */
export interface Meter {
  push: number;
  pull: number;
  other: number;
}

export const newMeter = (): Meter => ({ push: 0, pull: 0, other: 0 });

/** The runtime's fetch, counting the request and answer bodies of each exchange by route. */
export function countingFetch(meter: Meter): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body ? { body: init.body as BodyInit } : {}),
    });
    const body = await response.arrayBuffer();
    const bytes = (init.body?.byteLength ?? 0) + body.byteLength;
    if (url.endsWith('/v1/push')) meter.push += bytes;
    else if (url.endsWith('/v1/pull')) meter.pull += bytes;
    else meter.other += bytes;
    return {
      status: response.status,
      headers: response.headers,
      arrayBuffer: () => Promise.resolve(body),
    };
  };
}

export interface BenchDesk {
  readonly db: DeskDatabase;
  readonly engine: SyncEngine;
  readonly meter: Meter;
  readonly specialist: Actor;
  readonly akim: Actor;
  readonly maker: Maker;
}

/**
 * Sets `db` up as the setup wizard does (the office and its first two people), then joins the hub at
 * `hubUrl` with the one-time `code` of that office, with the engine over a counting fetch.
 */
export async function joinedDesk(
  db: DeskDatabase,
  place: { readonly officeCode: string; readonly districtId: string; readonly label: string },
  hub: { readonly url: string; readonly code: string },
  fetchScans?: typeof fetch,
): Promise<BenchDesk> {
  const { officeCode, districtId, label } = place;
  const profile = sampleOfficeProfile({
    officeId: officeIdFor(officeCode),
    code: officeCode,
    districtId,
    deviceNo: 1,
    deviceId: `desk-${officeCode.toLowerCase()}-1`,
  });
  const setup = await completeSetup(
    db,
    profile,
    [
      { name: `Әкім ${label}`, role: 'akim', pin: '739154' },
      { name: `Маман ${label}`, role: 'specialist', pin: '4826' },
    ],
    { nowMs: Date.now(), iterations: 1 },
  );
  if (!setup.ok) throw new Error(`setup refused: ${JSON.stringify(setup)}`);
  const meter = newMeter();
  const platform: SyncPlatform = {
    fetch: countingFetch(meter),
    nowMs: () => Date.now(),
    every: (ms, tick) => {
      const handle = setInterval(tick, ms);
      return () => clearInterval(handle);
    },
    online: { current: () => true, subscribe: () => () => undefined },
    ...(fetchScans ? { fetchScans } : {}),
  };
  const engine = createSyncEngine(db, platform);
  const joined = await engine.join(hub.url, hub.code);
  if (!joined.ok) throw new Error(`join refused: ${joined.reason}`);
  const office = await loadOfficeProfile(db);
  if (!office) throw new Error('no office after joining');
  const users = await listUsers(db);
  const actor = (role: 'akim' | 'specialist'): Actor => {
    const user = users.find((u) => u.role === role);
    if (!user) throw new Error(`no ${role}`);
    return {
      userId: user.id,
      role,
      officeId: office.officeId,
      districtId,
      deviceId: office.deviceId,
    };
  };
  meter.other = 0;
  const specialist = actor('specialist');
  const akim = actor('akim');
  return {
    db,
    engine,
    meter,
    specialist,
    akim,
    maker: {
      officeId: office.officeId,
      officeCode: office.code,
      districtId: office.districtId,
      deviceId: office.deviceId,
      deviceNo: office.deviceNo,
      userIds: { akim: akim.userId, specialist: specialist.userId },
    },
  };
}

/**
 * Writes cases into the desk as its import path writes events (events and journal rows, in pages)
 * with an outbox row each as the case store writes it, and moves the number counter past them.
 */
export async function seedOutbox(db: DeskDatabase, cases: readonly CaseEvent[][]): Promise<number> {
  const nowMs = Date.now();
  let events = 0;
  const PAGE_CASES = 500;
  for (let at = 0; at < cases.length; at += PAGE_CASES) {
    const page = cases.slice(at, at + PAGE_CASES).flat();
    const imported = await importCaseEvents(db, page, nowMs);
    if (imported.stored !== page.length) {
      throw new Error(`seeding stored ${imported.stored} of ${page.length}`);
    }
    await db.outbox.bulkAdd(
      page.map((e) => ({
        eventId: e.id,
        stream: 'case' as const,
        streamId: e.caseId,
        caseId: e.caseId,
        createdAtMs: nowMs,
      })),
    );
    events += page.length;
  }
  await db.counters.put({ key: deskCounterKey('', 2025), value: cases.length });
  return events;
}

/** An application registered at the desk by its specialist with the intake's command. */
export async function registerCase(
  desk: BenchDesk,
  n: number,
  files: readonly AttachmentFile[] = [],
): Promise<string> {
  const r = sampleRegistered();
  const result = await submitIntake(
    desk.db,
    {
      serviceId: r.serviceId,
      mode: 'register',
      applicant: { ...sampleApplicant, firstName: `${sampleApplicant.firstName}${n}` },
      documents: r.documents,
      consents: r.consents,
      familyMembers: r.familyMembers,
      applicantIncomes: r.applicantIncomes,
    },
    files,
    { officeCode: desk.maker.officeCode, deviceNo: desk.maker.deviceNo },
    {
      actor: desk.specialist,
      legalTime: `2025-03-0${3 + (n % 3)}T1${n % 6}:00`,
      nowMs: Date.now(),
      newId: () => crypto.randomUUID(),
    },
  );
  if (!result.ok) throw new Error(`intake refused: ${result.reason}`);
  return result.caseId;
}

/** The akim's resolution on a case, with the store's command. */
export async function resolveCase(desk: BenchDesk, caseId: string): Promise<void> {
  const result = await appendEvent(
    desk.db,
    {
      caseId,
      type: 'ResolutionImposed',
      payload: { executorUserId: desk.specialist.userId, text: 'Қарауға' },
    },
    {
      actor: desk.akim,
      legalTime: '2025-03-06T11:00',
      nowMs: Date.now(),
      newId: () => crypto.randomUUID(),
    },
  );
  if (!result.ok) throw new Error(`resolution refused: ${result.reason}`);
}

export interface TimedSync {
  readonly outcome: SyncOutcome;
  readonly totalMs: number;
  /** Hello and push, until the last receipt was taken in. */
  readonly pushMs: number;
  /** From then to the end (pull of every page; scans when the platform sends them). */
  readonly afterPushMs: number;
  /** When the scans' phase began (ms after the start), if it did. */
  readonly scansFromMs: number | null;
}

/** One sync of the engine, timed by its phases (the engine reports each as it enters it). */
export async function timedSync(
  engine: SyncEngine,
  hooks: { readonly onPushed?: () => void; readonly onScans?: () => void } = {},
): Promise<TimedSync> {
  const start = performance.now();
  let pushEnd: number | null = null;
  let scansFrom: number | null = null;
  const off = engine.subscribe((s) => {
    const phase = s.progress?.phase;
    if (pushEnd === null && (phase === 'pull' || phase === 'scans')) {
      pushEnd = performance.now();
      hooks.onPushed?.();
    }
    if (scansFrom === null && phase === 'scans') {
      scansFrom = performance.now();
      hooks.onScans?.();
    }
  });
  const outcome = await engine.syncNow();
  off();
  const end = performance.now();
  const pushed = pushEnd ?? end;
  if (!outcome.ok) throw new Error(`sync failed: ${outcome.reason}`);
  return {
    outcome,
    totalMs: end - start,
    pushMs: pushed - start,
    afterPushMs: end - pushed,
    scansFromMs: scansFrom === null ? null : scansFrom - start,
  };
}
