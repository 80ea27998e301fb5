// Desks for the sync fault tests, in Node: each desk is the desk's own database (Dexie on
// fake-indexeddb) written by the desk's own commands (setup, intake, the akim's act) and synced by the
// desk's own engine. What must stay true:
// - The desk's link is a switch the test turns: `direct` to the hub (joining goes over a clean link)
//   or `proxy` (the fault proxy in front of the same hub). The address the desk stored when it
//   joined stays the hub's; only the route under it changes, as a village link gets worse or better.
// - Every request of the link opens its own connection (`connection: close`), so the proxy draws a
//   fate for each one, and gives up after a short timeout, so a stalled connection fails fast.
// - Every event a desk makes for the hub is recorded as it enters the outbox (`made`): what the test
//   compares with the hub is what the desk itself queued, not what the test thinks it wrote.
// - The hub's side is read from its own table (hub_events), never from what a desk says.
import type { Actor, CaseEvent } from '../../shared/case';
import { officeIdFor } from '../../shared/office';
import { scopeStateHash, type FetchLike, type Stream } from '../../shared/sync';
import { allCaseEvents, DeskDatabase, type OutboxRow } from '../../renderer/src/db';
import { PULL_WRITE_TABLES, SYNC_SETTINGS } from '../../renderer/src/db/sync-commands';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncEngineOptions,
  type SyncPlatform,
} from '../../renderer/src/sync/engine';
import { registerCase as registerDeskCase, resolveCase, setUpOffice } from './sync-desks';
import type { Queryable } from '../../server/src/db';

/** Where a desk's requests go now. */
export interface LinkRoute {
  /** The hub's own origin: what the desk joined and stores. */
  readonly hubUrl: string;
  /** The origin requests go to instead while the link is bad (the fault proxy), or null. */
  via: string | null;
  /**
   * How many of the next pushes reach the hub, which stores each and answers, but whose answer never
   * reaches the desk (the link breaks on the way back): the sure case of what the proxy does by
   * chance. The engine asks a broken push once more at once, so a sync stops after two.
   */
  losePushAnswers: number;
}

/**
 * Node's fetch over `route`: the hub's origin swapped for the proxy's while `route.via` is set, a new
 * connection per request, and a timeout over the whole exchange (the body included).
 */
export function linkFetch(route: LinkRoute, timeoutMs: number): FetchLike {
  return async (url, init) => {
    const target =
      route.via !== null && url.startsWith(route.hubUrl)
        ? `${route.via}${url.slice(route.hubUrl.length)}`
        : url;
    const response = await fetch(target, {
      method: init.method,
      headers: { ...init.headers, connection: 'close' },
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (route.losePushAnswers > 0 && new URL(target).pathname === '/v1/push') {
      route.losePushAnswers -= 1;
      await response.arrayBuffer();
      throw new TypeError('fetch failed: the answer was lost on the way back');
    }
    return response;
  };
}

export interface FaultDesk {
  readonly label: string;
  readonly officeCode: string;
  readonly db: DeskDatabase;
  readonly engine: SyncEngine;
  readonly route: LinkRoute;
  readonly specialist: Actor;
  readonly akim: Actor;
  /** Ids of every event this desk queued for the hub, as its outbox took them. */
  readonly made: Set<string>;
  /** Cases this desk registered, in order. */
  readonly registered: { caseId: string; number: string }[];
}

export interface FaultDeskOptions {
  readonly districtId: string;
  readonly hubUrl: string;
  readonly timeoutMs: number;
  readonly engine?: SyncEngineOptions;
}

/**
 * A desk as the setup wizard leaves it (the office, device 1 as typed, its akim and specialist),
 * with its engine over a link that starts direct. Not joined yet.
 */
export async function setUpFaultDesk(
  officeCode: string,
  label: string,
  options: FaultDeskOptions,
): Promise<FaultDesk> {
  const db = new DeskDatabase(`e2e-faults-${label}-${crypto.randomUUID()}`);
  const made = new Set<string>();
  // Installed before the first write, so the setup's directory events are counted too.
  db.outbox.hook('creating', (_key, row: OutboxRow) => {
    made.add(row.eventId);
  });
  const people = await setUpOffice(db, options.districtId, officeCode, label, `desk-${label}`);
  const route: LinkRoute = { hubUrl: options.hubUrl, via: null, losePushAnswers: 0 };
  const platform: SyncPlatform = {
    fetch: linkFetch(route, options.timeoutMs),
    nowMs: () => Date.now(),
    every: (ms, tick) => {
      const handle = setInterval(tick, ms);
      return () => clearInterval(handle);
    },
    online: { current: () => true, subscribe: () => () => undefined },
  };
  return {
    label,
    officeCode,
    db,
    engine: createSyncEngine(db, platform, options.engine),
    route,
    ...people,
    made,
    registered: [],
  };
}

/**
 * An application received at the desk and registered by its specialist with the intake's command
 * (e2e/support/sync-desks registerCase), numbered by the desk's profile as it stands (after joining:
 * the hub's device number); remembered in `registered`.
 */
export async function registerCase(
  desk: FaultDesk,
  n: number,
): Promise<{ caseId: string; number: string }> {
  const registered = await registerDeskCase(desk, n, [], `${desk.label}-`);
  desk.registered.push(registered);
  return registered;
}

/** The akim's resolution on one of the desk's cases: a second event, of another person. */
export { resolveCase };

/** Every event id the desk holds, of every log (cases, registers, the directory), sorted. */
export async function deskEventIds(db: DeskDatabase): Promise<string[]> {
  const ids = [
    ...(await allCaseEvents(db)).map((e) => e.id),
    ...(await db.registerEvents.toCollection().primaryKeys()),
    ...(await db.userEvents.toCollection().primaryKeys()),
  ];
  return ids.map(String).sort();
}

/** What the hub holds for one office (or the whole district with `officeCode` null). */
export interface HubScope {
  /** Every event id in scope, sorted; an id stored twice appears twice. */
  readonly ids: string[];
  /** Ids stored more than once (the table's key forbids it; counted all the same). */
  readonly repeated: string[];
  readonly caseEvents: number;
  readonly caseIds: string[];
  readonly registrationNumbers: string[];
  /** shared/sync scopeStateHash over the hub's case events in scope. */
  readonly hash: string;
}

export async function hubScope(
  db: Queryable,
  districtId: string,
  officeCode: string | null,
): Promise<HubScope> {
  const params = officeCode === null ? [districtId] : [districtId, officeIdFor(officeCode)];
  const where = `district_id = $1${officeCode === null ? '' : ' and office_id = $2'}`;
  const { rows } = await db.query<{ id: string; stream: Stream; body: unknown }>(
    `select id, stream, body from hub_events where ${where} order by id`,
    params,
  );
  const { rows: repeated } = await db.query<{ id: string }>(
    `select id from hub_events where ${where} group by id having count(*) > 1`,
    params,
  );
  const byCase = new Map<string, CaseEvent[]>();
  const numbers: string[] = [];
  for (const row of rows) {
    if (row.stream !== 'case') continue;
    const event = row.body as CaseEvent;
    byCase.set(event.caseId, [...(byCase.get(event.caseId) ?? []), event]);
    if (event.type === 'Registered' && event.payload.registrationNumber !== undefined) {
      numbers.push(event.payload.registrationNumber);
    }
  }
  return {
    ids: rows.map((r) => r.id),
    repeated: repeated.map((r) => r.id),
    caseEvents: [...byCase.values()].reduce((n, list) => n + list.length, 0),
    caseIds: [...byCase.keys()].sort(),
    registrationNumbers: numbers.sort(),
    hash: await scopeStateHash(crypto.subtle, byCase),
  };
}

/**
 * Everything a pulled page may write, table by table (the desk's device keys left out: CryptoKeys
 * are not compared): two snapshots are equal when the desk took in nothing between them.
 */
export async function pullTablesSnapshot(db: DeskDatabase): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  await db.transaction('r', PULL_WRITE_TABLES(db), async () => {
    for (const table of PULL_WRITE_TABLES(db)) {
      const rows: unknown[] = await table.toArray();
      snapshot[table.name] =
        table.name === 'settings'
          ? rows.filter((r) => (r as { key: string }).key !== SYNC_SETTINGS.deviceKeys)
          : rows;
    }
  });
  return snapshot;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
