// The engine's mechanics against a scripted hub that speaks the wire format (shared/sync): batches,
// pages, progress, one sync at a time, the timer and reconnects, failures as reasons. The real hub on
// PostgreSQL is e2e/sync/desks-and-hub.e2e.ts.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../../shared/case';
import { sampleRegistrationDraft } from '../../../shared/case/testing';
import { KZ_CALENDAR_DATA } from '../../../shared/calendar';
import { INCOME_FIGURES_SCHEMA } from '../../../shared/income';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import {
  decodeBody,
  encodeBody,
  enrollRequestSchema,
  pullRequestSchema,
  pushRequestSchema,
  SYNC_MEDIA_TYPE,
  SYNC_PROTOCOL_VERSION,
  type EnrollReply,
  type FetchLike,
  type HubRequest,
  type HubResponse,
  type PulledEvent,
  type Receipt,
  type TsaReply,
} from '../../../shared/sync';
import { registerApplication } from '../db/case-store';
import { DeskDatabase } from '../db/database';
import { saveOfficeProfile } from '../db/office-repository';
import {
  devicePublicKeys,
  ensureDeviceKeys,
  loadHubLink,
  loadPullCursor,
  saveHubLink,
  syncStatus,
} from '../db/sync-commands';
import { deskCalendarData } from '../db/desk-calendar';
import { deskIncomeFigures } from '../db/figures';
import { deskOfficeDirectory, deskOfficeNames } from '../db/office-directory';
import { seedActors } from '../db/testing';
import { loadTsaVersion } from '../db/tsa-reference';
import { findTsaRecipient, tsaQuarterCounts } from '../db/tsa-register-queries';
import { createSyncEngine, type SyncPlatform, type SyncProgress } from './engine';

const opened: DeskDatabase[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

const PROFILE = sampleOfficeProfile();
const HUB = 'http://127.0.0.1:7300';
const NOW = Date.UTC(2025, 2, 3, 5);
const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: PROFILE.officeId,
  districtId: PROFILE.districtId,
  deviceId: PROFILE.deviceId,
};

const REPLY: EnrollReply = {
  deviceId: 'dev-3',
  deviceNo: 3,
  officeId: PROFILE.officeId,
  officeCode: PROFILE.code,
  districtId: PROFILE.districtId,
  credential: 'k'.repeat(43),
  hubKeyPin: '',
  hubFileKeys: {
    agreement: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
    signing: { kty: 'EC', crv: 'P-256', x: 'CCCC', y: 'DDDD' },
  },
};

const json = (status: number, value: unknown): HubResponse => ({
  status,
  headers: { get: (n) => (n === 'content-type' ? 'application/json' : null) },
  arrayBuffer: () => Promise.resolve(new TextEncoder().encode(JSON.stringify(value)).buffer),
});
const gzip = (value: unknown): HubResponse => ({
  status: 200,
  headers: { get: (n) => (n === 'content-type' ? SYNC_MEDIA_TYPE : null) },
  arrayBuffer: () => Promise.resolve(new Uint8Array(encodeBody(value)).buffer),
});

function body(init: HubRequest): unknown {
  const decoded = decodeBody(init.body ?? new Uint8Array());
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.value;
}

/**
 * A scripted hub: stores each pushed id once (accepted, then duplicate), and serves its log in
 * order with the index as the cursor. `answer` may override any request.
 */
interface ScriptedHub {
  readonly log: PulledEvent[];
  readonly calls: { path: string; init: HubRequest }[];
  hubTimeMs: number;
  answer: ((path: string, init: HubRequest) => HubResponse | null) | null;
  extraReceipts: Receipt[];
  enrolledWith: unknown;
  readonly fetch: FetchLike;
}

function scriptedHub(): ScriptedHub {
  const log: PulledEvent[] = [];
  const calls: { path: string; init: HubRequest }[] = [];
  const hub: ScriptedHub = {
    log,
    calls,
    hubTimeMs: NOW,
    answer: null,
    /** Ids this hub answers as accepted although nobody pushed them (a broken hub). */
    extraReceipts: [],
    fetch: async (url, init) => {
      const path = url.slice(HUB.length);
      calls.push({ path, init });
      const scripted = hub.answer?.(path, init);
      if (scripted) return scripted;
      switch (path) {
        case '/v1/hello':
          return json(200, { protocol: 1, oldestDeskProtocol: 1, hubTimeMs: hub.hubTimeMs });
        case '/v1/reference':
          // Nothing newer than the desk's own data, unless a test scripts otherwise.
          return json(200, {
            calendarVersion: KZ_CALENDAR_DATA.version,
            catalogVersion: 'test',
            tsaVersion: 0,
          });
        case '/v1/enroll': {
          const request = enrollRequestSchema.parse(
            JSON.parse(new TextDecoder().decode(init.body)),
          );
          hub.enrolledWith = request;
          return json(200, REPLY);
        }
        case '/v1/push': {
          const { events } = pushRequestSchema.parse(body(init));
          const receipts: Receipt[] = events.map(({ stream, event }) => {
            const id = (event as { id: string }).id;
            if (log.some((e) => (e.event as { id: string }).id === id))
              return { id, status: 'duplicate' };
            log.push({ stream, event, receivedAtMs: hub.hubTimeMs });
            return { id, status: 'accepted', receivedAtMs: hub.hubTimeMs };
          });
          return gzip({ receipts: [...receipts, ...hub.extraReceipts], hubTimeMs: hub.hubTimeMs });
        }
        case '/v1/pull': {
          const { cursor, limit } = pullRequestSchema.parse(body(init));
          const from = cursor === '' ? 0 : Number(cursor);
          const events = log.slice(from, from + limit);
          return gzip({
            events,
            cursor: String(from + events.length),
            more: from + events.length < log.length,
            hubTimeMs: hub.hubTimeMs,
          });
        }
        default:
          return json(404, { code: 'hub:errors.notFound' });
      }
    },
    enrolledWith: null,
  };
  return hub;
}

/** A platform whose timer and online signal the test drives. */
function testPlatform(fetch: FetchLike, online = true) {
  const ticks = new Set<() => void>();
  const onlineListeners = new Set<(online: boolean) => void>();
  const state = { online };
  const platform: SyncPlatform = {
    fetch,
    nowMs: () => NOW,
    every: (_ms, tick) => {
      ticks.add(tick);
      return () => ticks.delete(tick);
    },
    online: {
      current: () => state.online,
      subscribe: (listener) => {
        onlineListeners.add(listener);
        return () => onlineListeners.delete(listener);
      },
    },
  };
  return {
    platform,
    tick: () => {
      for (const t of ticks) t();
    },
    setOnline: (value: boolean) => {
      state.online = value;
      for (const l of onlineListeners) l(value);
    },
  };
}

async function desk(cases = 0): Promise<DeskDatabase> {
  const d = new DeskDatabase(`t-${crypto.randomUUID()}`);
  opened.push(d);
  await saveOfficeProfile(d, PROFILE);
  await seedActors(d, specialist);
  for (let i = 0; i < cases; i++) {
    const result = await registerApplication(
      d,
      `case-${i}`,
      sampleRegistrationDraft({ receivedAt: `2025-03-03T1${i % 8}:00` }),
      { officeCode: PROFILE.code, deviceNo: PROFILE.deviceNo },
      {
        actor: specialist,
        legalTime: '2025-03-03T10:00',
        nowMs: NOW + i,
        newId: () => crypto.randomUUID(),
      },
    );
    if (!result.ok) throw new Error(result.reason);
  }
  return d;
}

async function joined(cases = 0): Promise<DeskDatabase> {
  const d = await desk(cases);
  const saved = await saveHubLink(d, HUB, REPLY, NOW);
  if (!saved.ok) throw new Error(saved.reason);
  return d;
}

/** Settles the engine's chained promises. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('joining', () => {
  test("trades the code with the desk's public keys; the shell pins the hub; the link is stored", async () => {
    const d = await desk();
    const hub = scriptedHub();
    const pinned: unknown[] = [];
    const { platform } = testPlatform(hub.fetch);
    const engine = createSyncEngine(d, {
      ...platform,
      rememberHub: async (link) => {
        pinned.push(link);
        return true;
      },
    });
    const outcome = await engine.join(`${HUB}/`, ' abcd-efgh-jkmn-pqrs ');
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && 'credential' in outcome.link).toBe(false);
    const keys = await devicePublicKeys(await ensureDeviceKeys(d));
    expect(hub.enrolledWith).toEqual({
      protocol: SYNC_PROTOCOL_VERSION,
      code: 'ABCD-EFGH-JKMN-PQRS',
      ...keys,
    });
    expect(pinned).toEqual([{ hubUrl: HUB, hubKeyPin: '' }]);
    expect((await loadHubLink(d))?.credential).toBe(REPLY.credential);
  });

  test('plain http beyond this machine, a malformed code, a used code: each a named reason', async () => {
    const d = await desk();
    const hub = scriptedHub();
    const engine = createSyncEngine(d, testPlatform(hub.fetch).platform);
    expect(await engine.join('http://hub.akkol.kz', 'ABCD-EFGH-JKMN-PQRS')).toEqual({
      ok: false,
      reason: 'sync:transport.plainHttp',
    });
    expect(await engine.join(HUB, 'ABCD')).toEqual({
      ok: false,
      reason: 'sync:enroll.codeUnknown',
    });
    hub.answer = (path) =>
      path === '/v1/enroll' ? json(403, { code: 'sync:enroll.codeUsed' }) : null;
    expect(await engine.join(HUB, 'ABCD-EFGH-JKMN-PQRS')).toEqual({
      ok: false,
      reason: 'sync:enroll.codeUsed',
    });
    expect(await loadHubLink(d)).toBeNull();
  });
});

describe('a sync', () => {
  test('pushes every waiting event in batches, pulls every page, and reports progress with counts', async () => {
    const d = await joined(5);
    const hub = scriptedHub();
    // The hub already holds two events of another desk of the office.
    const other = await desk(2);
    for (const event of await other.events.toArray()) {
      hub.log.push({
        stream: 'case',
        event: { ...event, id: `other-${event.id}`, caseId: `other-${event.caseId}` },
        receivedAtMs: NOW,
      });
    }
    const engine = createSyncEngine(d, testPlatform(hub.fetch).platform, {
      batchSize: 2,
      pageSize: 3,
    });
    const seen: SyncProgress[] = [];
    engine.subscribe((s) => {
      if (s.progress) seen.push(s.progress);
    });
    const outcome = await engine.syncNow();
    expect(outcome).toEqual({
      ok: true,
      atMs: NOW,
      counts: { accepted: 5, duplicates: 0, rejected: 0, received: 2 },
      clockSkewed: false,
      // The desk's clock minus the hub's at hello (the test hub answers with the desk's time).
      clockOffsetMs: 0,
    });
    expect(hub.calls.map((c) => c.path)).toEqual([
      '/v1/hello',
      '/v1/push',
      '/v1/push',
      '/v1/push',
      '/v1/pull',
      '/v1/pull',
      '/v1/pull',
      '/v1/reference',
    ]);
    expect(seen.map((p) => `${p.phase} ${p.pushed.done}/${p.pushed.total} ${p.pulled}`)).toEqual([
      'hello 0/0 0',
      'push 0/5 0',
      'push 2/5 0',
      'push 4/5 0',
      'push 5/5 0',
      'pull 5/5 0',
      'pull 5/5 3',
      'pull 5/5 6',
      'pull 5/5 7',
      'reference 5/5 7',
    ]);
    expect(await d.outbox.count()).toBe(0);
    expect(await d.cases.count()).toBe(7);
    expect(await loadPullCursor(d)).toBe('7');
    expect((await syncStatus(d, NOW)).lastSuccessMs).toBe(NOW);
    expect(engine.getState()).toEqual({ running: false, progress: null, last: outcome });
    // Again: nothing waits, nothing new arrives.
    expect((await engine.syncNow()).counts).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      received: 0,
    });
  });

  test('two batches of whole cases travel together, never three; the counts stay whole', async () => {
    const d = await joined(7);
    const hub = scriptedHub();
    let onWire = 0;
    let most = 0;
    const fetch: FetchLike = async (url, init) => {
      if (!url.endsWith('/v1/push')) return hub.fetch(url, init);
      onWire += 1;
      most = Math.max(most, onWire);
      // The hub takes its time over each batch: the next may be sent meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 20));
      try {
        return await hub.fetch(url, init);
      } finally {
        onWire -= 1;
      }
    };
    const engine = createSyncEngine(d, testPlatform(fetch).platform, { batchSize: 2 });
    const outcome = await engine.syncNow();
    expect(outcome).toMatchObject({
      ok: true,
      counts: { accepted: 7, duplicates: 0, rejected: 0 },
    });
    expect(hub.calls.filter((c) => c.path === '/v1/push')).toHaveLength(4);
    expect(most).toBe(2);
    expect(await d.outbox.count()).toBe(0);
  });

  test('never two at once: a request while one runs gets the running one', async () => {
    const d = await joined(1);
    const hub = scriptedHub();
    const engine = createSyncEngine(d, testPlatform(hub.fetch).platform);
    const first = engine.syncNow();
    const second = engine.syncNow();
    expect(second).toBe(first);
    await first;
    expect(hub.calls.filter((c) => c.path === '/v1/hello')).toHaveLength(1);
    await engine.syncNow();
    expect(hub.calls.filter((c) => c.path === '/v1/hello')).toHaveLength(2);
  });

  test('a desk that has not joined, no link, a revoked desk: the reason is kept, nothing is lost', async () => {
    const alone = await desk(1);
    const hub = scriptedHub();
    expect(await createSyncEngine(alone, testPlatform(hub.fetch).platform).syncNow()).toMatchObject(
      {
        ok: false,
        reason: 'sync:errors.notJoined',
      },
    );
    const d = await joined(2);
    const offline = createSyncEngine(
      d,
      testPlatform(() => Promise.reject(new TypeError('fetch failed'))).platform,
    );
    expect(await offline.syncNow()).toMatchObject({ ok: false, reason: 'sync:errors.offline' });
    expect(await syncStatus(d, NOW + 1000)).toMatchObject({
      lastFailure: { reason: 'sync:errors.offline', atMs: NOW },
      waiting: 2,
    });
    hub.answer = (path) =>
      path === '/v1/push' ? json(401, { code: 'sync:errors.deviceRevoked' }) : null;
    const revoked = createSyncEngine(d, testPlatform(hub.fetch).platform);
    expect(await revoked.syncNow()).toMatchObject({
      ok: false,
      reason: 'sync:errors.deviceRevoked',
    });
    expect(await d.outbox.count()).toBe(2);
  });

  test('a receipt for an event the desk did not send in that batch changes nothing', async () => {
    const d = await joined(2);
    const hub = scriptedHub();
    const [first, second] = (await d.outbox.toArray()).sort(
      (a, b) => a.createdAtMs - b.createdAtMs,
    );
    const engine = createSyncEngine(d, testPlatform(hub.fetch).platform, { batchSize: 1 });
    // The hub acknowledges the second event while answering the first batch, before it was sent.
    hub.extraReceipts = [{ id: second?.eventId ?? '', status: 'accepted', receivedAtMs: NOW }];
    hub.answer = (path, init) => {
      if (path !== '/v1/push') return null;
      const { events } = pushRequestSchema.parse(body(init));
      // Answer the second batch with no receipt at all: it must stay waiting.
      return (events[0]?.event as { id: string }).id === second?.eventId
        ? gzip({ receipts: [], hubTimeMs: NOW })
        : null;
    };
    await engine.syncNow();
    expect((await d.outbox.toArray()).map((r) => r.eventId)).toEqual([second?.eventId]);
    expect(first?.eventId).not.toBe(second?.eventId);
  });

  test('a push or a pull whose exchange broke off is asked once more at once; a second break stops the sync, nothing lost', async () => {
    const d = await joined(3);
    const hub = scriptedHub();
    // The hub holds an event of another desk, so the pull has a page to bring.
    const other = await desk(1);
    for (const event of await other.events.toArray()) {
      hub.log.push({
        stream: 'case',
        event: { ...event, id: `other-${event.id}`, caseId: `other-${event.caseId}` },
        receivedAtMs: NOW,
      });
    }
    // Each path's first exchange breaks after the hub did its work (the answer is lost): what a
    // hub process killed with the request in hand, or a dropped connection, looks like.
    const broken = new Set<string>();
    const breakOnce: FetchLike = async (url, init) => {
      const answer = await hub.fetch(url, init);
      const path = url.slice(HUB.length);
      if ((path === '/v1/push' || path === '/v1/pull') && !broken.has(path)) {
        broken.add(path);
        throw new TypeError('socket hang up');
      }
      return answer;
    };
    const outcome = await createSyncEngine(d, testPlatform(breakOnce).platform, {
      batchSize: 10,
    }).syncNow();
    expect(outcome).toMatchObject({
      ok: true,
      // The second ask of the batch finds every event taken by the first: duplicates, not lost.
      counts: { accepted: 0, duplicates: 3, rejected: 0, received: 1 },
    });
    expect(hub.calls.filter((c) => c.path === '/v1/push')).toHaveLength(2);
    expect(hub.calls.filter((c) => c.path === '/v1/pull')).toHaveLength(2);
    expect(await d.outbox.count()).toBe(0);
    expect(await d.events.count()).toBe(4);

    // Broken twice: the sync stops, offline, and every waiting event stays.
    const later = await joined(2);
    const always: FetchLike = async (url, init) =>
      url.endsWith('/v1/push')
        ? Promise.reject(new TypeError('fetch failed'))
        : hub.fetch(url, init);
    const stopped = await createSyncEngine(later, testPlatform(always).platform).syncNow();
    expect(stopped).toMatchObject({ ok: false, reason: 'sync:errors.offline' });
    expect(await later.outbox.count()).toBe(2);
    // A refusal is no broken exchange: asked once.
    const calls = hub.calls.length;
    hub.answer = (path) =>
      path === '/v1/push' ? json(401, { code: 'sync:errors.deviceRevoked' }) : null;
    const revoked = await createSyncEngine(later, testPlatform(hub.fetch).platform).syncNow();
    expect(revoked).toMatchObject({ ok: false, reason: 'sync:errors.deviceRevoked' });
    expect(hub.calls.slice(calls).filter((c) => c.path === '/v1/push')).toHaveLength(1);
  });

  test('a page whose transaction fails stops the sync: the pages before it stay with their cursor, none after it is stored', async () => {
    const d = await joined();
    const hub = scriptedHub();
    const other = await desk(6);
    for (const event of await other.events.toArray()) {
      hub.log.push({ stream: 'case', event, receivedAtMs: NOW });
    }
    const idOf = (e: PulledEvent) => (e.event as { id: string }).id;
    // The second page of three cannot be written (the disk is full when it comes).
    const failing = new Set(hub.log.slice(2, 4).map(idOf));
    d.events.hook('creating', (_key, event) => {
      if (failing.has(event.id)) throw new Error('QuotaExceededError');
    });
    const outcome = await createSyncEngine(d, testPlatform(hub.fetch).platform, {
      pageSize: 2,
    }).syncNow();
    expect(outcome.ok).toBe(false);
    // The third page was asked for while the second was being stored, and is never stored.
    expect(hub.calls.filter((c) => c.path === '/v1/pull')).toHaveLength(3);
    expect(await loadPullCursor(d)).toBe('2');
    expect((await d.events.toArray()).map((e) => e.id).sort()).toEqual(
      hub.log.slice(0, 2).map(idOf).sort(),
    );
  });

  test('a cursor the hub cannot read starts the pull again from the beginning, once', async () => {
    const d = await joined();
    const hub = scriptedHub();
    const other = await desk(1);
    for (const event of await other.events.toArray()) {
      hub.log.push({ stream: 'case', event, receivedAtMs: NOW });
    }
    await d.settings.put({ key: 'sync.cursor', value: 'from-another-hub' });
    hub.answer = (path, init) =>
      path === '/v1/pull' && pullRequestSchema.parse(body(init)).cursor === 'from-another-hub'
        ? json(400, { code: 'sync:errors.badCursor' })
        : null;
    const outcome = await createSyncEngine(d, testPlatform(hub.fetch).platform).syncNow();
    expect(outcome).toMatchObject({ ok: true, counts: { received: 1 } });
    expect(await loadPullCursor(d)).toBe('1');
  });

  test('a clock more than 5 minutes off the hub warns and the sync goes on', async () => {
    const d = await joined(1);
    const hub = scriptedHub();
    hub.hubTimeMs = NOW + 6 * 60_000;
    const outcome = await createSyncEngine(d, testPlatform(hub.fetch).platform).syncNow();
    expect(outcome).toMatchObject({ ok: true, clockSkewed: true, counts: { accepted: 1 } });
  });
});

describe('when it syncs', () => {
  test('at start when online, on the timer while online, on reconnect; not after stop', async () => {
    const d = await joined();
    const hub = scriptedHub();
    const hellos = () => hub.calls.filter((c) => c.path === '/v1/hello').length;
    const { platform, tick, setOnline } = testPlatform(hub.fetch, false);
    const engine = createSyncEngine(d, platform);
    engine.start();
    await settle();
    expect(hellos()).toBe(0);
    tick();
    await settle();
    expect(hellos()).toBe(0);
    setOnline(true);
    await settle();
    expect(hellos()).toBe(1);
    tick();
    await settle();
    expect(hellos()).toBe(2);
    setOnline(false);
    tick();
    await settle();
    expect(hellos()).toBe(2);
    engine.stop();
    setOnline(true);
    tick();
    await settle();
    expect(hellos()).toBe(2);
  });

  test('started the moment a join returns (the join still holds its turn), it syncs at once', async () => {
    const d = await desk(1);
    const hub = scriptedHub();
    const engine = createSyncEngine(d, testPlatform(hub.fetch).platform);
    expect((await engine.join(HUB, 'ABCD-EFGH-JKMN-PQRS')).ok).toBe(true);
    engine.start();
    await settle();
    expect(hub.calls.filter((c) => c.path === '/v1/push').length).toBe(1);
    engine.stop();
  });
});

describe('reference data', () => {
  const NEWER = { ...KZ_CALENDAR_DATA, version: '2099.1.1' };
  const A1 = '850315400011';
  const A2 = '900101300022';
  const pages: Record<string, TsaReply> = {
    '0': {
      version: 1,
      more: true,
      quarters: [
        {
          quarter: '2026-Q3',
          sources: ['kzl01.csv'],
          rows: [
            { iin: A1, fullName: 'Сейітов Нұрлан', familyMembers: ['Сейітова Дана'] },
            { iin: A2, fullName: 'Омарова Әсем', familyMembers: [] },
          ],
        },
      ],
    },
    '1': {
      version: 2,
      more: false,
      quarters: [
        {
          quarter: '2026-Q3',
          sources: ['kzl01-new.csv'],
          rows: [{ iin: A2, fullName: 'Омарова Әсем', familyMembers: [] }],
        },
      ],
    },
  };

  /** A hub with a newer calendar (or `calendar`) and the scope's TSA pages above. */
  function referenceHub(calendar: unknown) {
    const hub = scriptedHub();
    hub.answer = (path) => {
      if (path === '/v1/reference')
        return json(200, { calendarVersion: '2099.1.1', catalogVersion: 'test', tsaVersion: 2 });
      if (path === '/v1/reference/calendar') return json(200, calendar);
      const after = /^\/v1\/reference\/tsa\?after=(\d+)$/.exec(path)?.[1];
      if (after !== undefined) {
        const page = pages[after];
        return page ? gzip(page) : json(400, { code: 'sync:errors.badBody' });
      }
      return null;
    };
    return hub;
  }

  test('after the pull: a newer calendar is installed and the TSA pages of the scope are stored with their version', async () => {
    const d = await joined();
    const hub = referenceHub(NEWER);
    const engine = createSyncEngine(d, testPlatform(hub.fetch).platform);
    const outcome = await engine.syncNow();
    expect(outcome).toMatchObject({
      ok: true,
      reference: { calendarVersion: '2099.1.1', tsaVersion: 2, tsaRows: 3 },
    });
    expect(hub.calls.map((c) => c.path)).toEqual([
      '/v1/hello',
      '/v1/pull',
      '/v1/reference',
      '/v1/reference/calendar',
      '/v1/reference/tsa?after=0',
      '/v1/reference/tsa?after=1',
    ]);
    expect((await deskCalendarData(d)).version).toBe('2099.1.1');
    expect(await loadTsaVersion(d)).toBe(2);
    // The second page is the quarter's whole list: A1 is no longer a recipient.
    expect(await findTsaRecipient(d, A1, '2026-Q3')).toBeUndefined();
    expect(await findTsaRecipient(d, A2, '2026-Q3')).toMatchObject({
      fullName: 'Омарова Әсем',
      source: 'kzl01-new.csv — 127.0.0.1:7300',
    });
    expect(await tsaQuarterCounts(d)).toMatchObject([{ quarter: '2026-Q3', count: 1 }]);

    // Nothing newer: the next sync asks for the versions only.
    hub.calls.length = 0;
    const again = await engine.syncNow();
    expect(again.ok && again.reference).toBeUndefined();
    expect(hub.calls.map((c) => c.path)).toEqual(['/v1/hello', '/v1/pull', '/v1/reference']);
  });

  test('a calendar the desk refuses is named in the outcome; the TSA register and the sync go on', async () => {
    const d = await joined();
    const hub = referenceHub({ version: '2099.1.1' });
    const outcome = await createSyncEngine(d, testPlatform(hub.fetch).platform).syncNow();
    expect(outcome.ok).toBe(true);
    const reference = outcome.ok ? outcome.reference : undefined;
    expect(reference?.refused).toMatch(/^calendar:dataErrors\./);
    expect(reference?.tsaVersion).toBe(2);
    expect((await deskCalendarData(d)).version).toBe(KZ_CALENDAR_DATA.version);
    expect((await syncStatus(d, NOW)).lastFailure).toBeNull();
  });

  // Test amounts only: no official figures are bundled with the desk or the hub.
  const FIGURES = {
    schema: INCOME_FIGURES_SCHEMA,
    version: '2026.1.1',
    figures: [
      { kind: 'povertyLine', from: '2026-01-01', amountTiyn: 3_300_000, source: 'test act' },
    ],
  };

  /** A hub that names income figures (and nothing newer of the rest) and answers them with `body`. */
  function figuresHub(body: unknown) {
    const hub = scriptedHub();
    hub.answer = (path) => {
      if (path === '/v1/reference')
        return json(200, {
          calendarVersion: KZ_CALENDAR_DATA.version,
          catalogVersion: 'test',
          tsaVersion: 0,
          figuresVersion: '2026.1.1',
        });
      if (path === '/v1/reference/figures') return json(200, body);
      return null;
    };
    return hub;
  }

  test('income figures newer than the desk’s are installed once; then only the versions are asked', async () => {
    const d = await joined();
    const hub = figuresHub(FIGURES);
    const engine = createSyncEngine(d, testPlatform(hub.fetch).platform);
    expect(await engine.syncNow()).toMatchObject({
      ok: true,
      reference: { figuresVersion: '2026.1.1' },
    });
    expect(hub.calls.map((c) => c.path)).toEqual([
      '/v1/hello',
      '/v1/pull',
      '/v1/reference',
      '/v1/reference/figures',
    ]);
    expect(await deskIncomeFigures(d)).toEqual(FIGURES);
    hub.calls.length = 0;
    const again = await engine.syncNow();
    expect(again.ok && again.reference).toBeUndefined();
    expect(hub.calls.map((c) => c.path)).toEqual(['/v1/hello', '/v1/pull', '/v1/reference']);
  });

  test('income figures the desk refuses are named in the outcome; the sync goes on', async () => {
    const d = await joined();
    const hub = figuresHub({ ...FIGURES, figures: [{ kind: 'povertyLine' }] });
    const outcome = await createSyncEngine(d, testPlatform(hub.fetch).platform).syncNow();
    expect(outcome).toMatchObject({
      ok: true,
      reference: { refused: 'income:figuresErrors.invalid' },
    });
    expect(await deskIncomeFigures(d)).toBeNull();
  });

  const OFFICES = {
    version: 'c'.repeat(64),
    offices: [
      { id: 'office-kzl01', code: 'KZL01', kind: 'akimat', nameKk: 'Қызылту', nameRu: 'Кызылту' },
      { id: 'office-akk00', code: 'AKK00', kind: 'district', nameKk: 'Ақкөл', nameRu: 'Акколь' },
    ],
  };

  /** A hub that names an office directory `version` (nothing else newer) and answers with `body`. */
  function officesHub(version: string | undefined, body: unknown) {
    const hub = scriptedHub();
    hub.answer = (path) => {
      if (path === '/v1/reference')
        return json(200, {
          calendarVersion: KZ_CALENDAR_DATA.version,
          catalogVersion: 'test',
          tsaVersion: 0,
          ...(version === undefined ? {} : { officesVersion: version }),
        });
      if (path === '/v1/reference/offices') return json(200, body);
      return null;
    };
    return hub;
  }

  test('the district’s office directory is stored when the hub’s version differs; then only the versions are asked', async () => {
    const d = await joined();
    const hub = officesHub(OFFICES.version, OFFICES);
    const engine = createSyncEngine(d, testPlatform(hub.fetch).platform);
    expect(await engine.syncNow()).toMatchObject({
      ok: true,
      reference: { officesVersion: OFFICES.version },
    });
    expect(hub.calls.map((c) => c.path)).toEqual([
      '/v1/hello',
      '/v1/pull',
      '/v1/reference',
      '/v1/reference/offices',
    ]);
    expect(await deskOfficeDirectory(d)).toEqual(OFFICES);
    expect((await deskOfficeNames(d)).get('office-kzl01')).toEqual({
      nameKk: 'Қызылту',
      nameRu: 'Кызылту',
    });
    hub.calls.length = 0;
    const again = await engine.syncNow();
    expect(again.ok && again.reference).toBeUndefined();
    expect(hub.calls.map((c) => c.path)).toEqual(['/v1/hello', '/v1/pull', '/v1/reference']);

    // An okrug renamed at the hub: a new version, and the desk's directory is replaced.
    const renamed = {
      version: 'd'.repeat(64),
      offices: [{ ...OFFICES.offices[0], nameKk: 'Қызылту ауылы', nameRu: 'Село Кызылту' }],
    };
    const later = officesHub(renamed.version, renamed);
    const outcome = await createSyncEngine(d, testPlatform(later.fetch).platform).syncNow();
    expect(outcome).toMatchObject({ ok: true, reference: { officesVersion: renamed.version } });
    expect([...(await deskOfficeNames(d)).entries()]).toEqual([
      ['office-kzl01', { nameKk: 'Қызылту ауылы', nameRu: 'Село Кызылту' }],
    ]);
  });

  test('a hub older than the office directory is not asked for it; a damaged directory is refused and the sync goes on', async () => {
    const d = await joined();
    const older = officesHub(undefined, OFFICES);
    expect((await createSyncEngine(d, testPlatform(older.fetch).platform).syncNow()).ok).toBe(true);
    expect(older.calls.map((c) => c.path)).not.toContain('/v1/reference/offices');
    expect(await deskOfficeDirectory(d)).toBeNull();

    const damaged = officesHub(OFFICES.version, {
      ...OFFICES,
      offices: [{ ...OFFICES.offices[0], kind: 'ministry' }],
    });
    const outcome = await createSyncEngine(d, testPlatform(damaged.fetch).platform).syncNow();
    expect(outcome).toMatchObject({ ok: true, reference: { refused: 'sync:errors.badReply' } });
    expect(await deskOfficeDirectory(d)).toBeNull();
    expect((await syncStatus(d, NOW)).lastFailure).toBeNull();
  });

  test('a hub that cannot answer reference data does not fail the sync', async () => {
    const d = await joined();
    const hub = scriptedHub();
    hub.answer = (path) =>
      path.startsWith('/v1/reference') ? json(500, { code: 'hub:errors.internal' }) : null;
    const outcome = await createSyncEngine(d, testPlatform(hub.fetch).platform).syncNow();
    expect(outcome).toMatchObject({ ok: true, reference: { refused: 'hub:errors.internal' } });
    expect(await loadTsaVersion(d)).toBe(0);
  });
});
