// The desk's side of sync with the district hub, as database commands: the hub link, what to push and
// in which order, what the receipts mean, taking in a pulled page, and the status a person sees. The
// network is not here (renderer/src/sync/engine.ts drives shared/sync/client); time is passed in.
// What must stay true (ARCHITECTURE §4):
// - Nothing unsent is ever deleted: an outbox row leaves only on the hub's receipt (accepted or
//   duplicate). A refused event stays in the outbox with its reason, is not sent again until a person
//   acts (retryRejected), and is listed with its case. A full resync (restartPull) moves the cursor
//   only.
// - Push order: the directory first (users and their keys: the hub checks every actor against it),
//   then registers, then cases, nearest their deadline first (the journal row's due point, written by
//   the one projection), then the rest; within a log, the log's own order (hlc, id).
// - A pulled page and its cursor are stored in ONE transaction: every event of the page, the cursor,
//   the clock moved past the remote stamps (receiveEvents), the journal and register rows of what
//   changed rebuilt by their one projection, and the number counters moved past every number of this
//   desk in the page. A desk stopped in the middle has all of the page or none of it.
// - The desk's device number is the hub's: joining sets it from the enrollment reply, so journal
//   numbers stay unique across the district's laptops, a reinstalled one included.
import { Dexie, type DBCoreRangeType, type IndexableType, type Table } from 'dexie';
import { z } from 'zod';
import { compareStamped } from '../../../shared/events/fold-order';
import { readDeskNumber, deskCounterKey } from '../../../shared/numbering';
import { classifyIncomingRegisterEvent, foldRegister } from '../../../shared/registers';
import { createHlc, isNodeId, type HlcState } from '../../../shared/clock';
import type { CaseEvent } from '../../../shared/case';
import {
  scopeStateHash,
  streamIdOf,
  type EnrollReply,
  type PulledEvent,
  type Receipt,
  type Stream,
  type TravellingEvent,
} from '../../../shared/sync';
import type { SubtleCryptoLike } from '../../../shared/signing';
import { noteScansOf, scanTablesOf } from './attachment-sync';
import { CASE_WRITE_TABLES, importPreparedCaseEvents, prepareCaseImport } from './case-store';
import type { DeskDatabase, OutboxKey, OutboxRow } from './database';
import { allCaseEvents, caseEventsOf, eventOfRow, eventsByCase } from './event-rows';
import { hubTimesRows, type HubTime } from './hub-times';
import { receiveEvents, type PreparedEvents } from './event-log';
import { loadOfficeProfile, saveOfficeProfile } from './office-repository';
import { registerEventsOf, registerRowOf } from './registers-queries';
import { loadHubLink, SYNC_SETTINGS, type HubLink } from './sync-settings';
import { TSA_VERSION_SETTING } from './tsa-reference';
import { importDirectoryEvents } from './users-queries';
import { readJournalTallies } from './journal-tallies';

export { loadHubLink, SYNC_SETTINGS, type HubLink };

/** The HLC's settings row (event-log.ts keeps the clock; joining renames its node, nothing more). */
const HLC_SETTING = 'hlc';

/** Why a desk refuses an enrollment reply: the code was made for another office than this desk's. */
export const JOIN_OTHER_OFFICE = 'sync:enroll.otherOffice';

// ---- the device's keys --------------------------------------------------------------------------

/**
 * The desk's own keys, made once and kept in IndexedDB as non-extractable CryptoKeys (only their
 * public halves ever leave): `signing` (ECDSA P-256) signs the desk's sync files, `agreement`
 * (ECDH P-256) is what the hub encrypts its reply files to.
 */
export interface DeviceKeys {
  readonly signing: CryptoKeyPair;
  readonly agreement: CryptoKeyPair;
}

/** A P-256 public key as the enrollment request carries it. */
export interface P256PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

function isDeviceKeys(value: unknown): value is DeviceKeys {
  const v = value as Partial<DeviceKeys> | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.signing?.privateKey === 'object' &&
    typeof v.agreement?.privateKey === 'object'
  );
}

/**
 * The desk's device keys: the stored ones, or new ones made and stored now. Made before the
 * transaction (WebCrypto would let it commit) and stored only when none were stored meanwhile, so
 * two windows end up with the same keys.
 */
export async function ensureDeviceKeys(db: DeskDatabase): Promise<DeviceKeys> {
  const stored = (await db.settings.get(SYNC_SETTINGS.deviceKeys))?.value;
  if (isDeviceKeys(stored)) return stored;
  const subtle = crypto.subtle;
  const made: DeviceKeys = {
    signing: await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ]),
    agreement: await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, [
      'deriveBits',
    ]),
  };
  return db.transaction('rw', db.settings, async () => {
    const again = (await db.settings.get(SYNC_SETTINGS.deviceKeys))?.value;
    if (isDeviceKeys(again)) return again;
    await db.settings.put({ key: SYNC_SETTINGS.deviceKeys, value: made });
    return made;
  });
}

/** The public halves of the device keys, as the enrollment request names them. */
export async function devicePublicKeys(
  keys: DeviceKeys,
): Promise<{ devicePublicKey: P256PublicJwk; deviceAgreementKey: P256PublicJwk }> {
  const jwk = async (key: CryptoKey): Promise<P256PublicJwk> => {
    const { x, y } = await crypto.subtle.exportKey('jwk', key);
    if (x === undefined || y === undefined) throw new Error('A P-256 public key without x or y');
    return { kty: 'EC', crv: 'P-256', x, y };
  };
  return {
    devicePublicKey: await jwk(keys.signing.publicKey),
    deviceAgreementKey: await jwk(keys.agreement.publicKey),
  };
}

// ---- the hub link -------------------------------------------------------------------------------

export type JoinResult =
  | { readonly ok: true; readonly link: HubLink }
  | { readonly ok: false; readonly reason: typeof JOIN_OTHER_OFFICE | 'sync:errors.notJoined' };

/**
 * Stores what the hub gave for an enrollment code, in one transaction: the link (credential
 * included), the desk's device number and device id from the hub (so numbers stay unique across the
 * district's laptops), the clock renamed to the new device id (its stamps keep increasing), and the
 * pull cursor from the start (receiving again what the desk has changes nothing). A reply for another
 * office than the desk's profile is refused: its events would all be refused at the hub.
 */
export function saveHubLink(
  db: DeskDatabase,
  url: string,
  reply: EnrollReply,
  nowMs: number,
): Promise<JoinResult> {
  return db.transaction('rw', db.settings, async (): Promise<JoinResult> => {
    const profile = await loadOfficeProfile(db);
    if (profile === null) return { ok: false, reason: 'sync:errors.notJoined' };
    if (profile.officeId !== reply.officeId || profile.districtId !== reply.districtId) {
      return { ok: false, reason: JOIN_OTHER_OFFICE };
    }
    const deviceId = isNodeId(reply.deviceId) ? reply.deviceId : profile.deviceId;
    await saveOfficeProfile(db, { ...profile, deviceNo: reply.deviceNo, deviceId });
    const hlc = (await db.settings.get(HLC_SETTING))?.value as HlcState | undefined;
    await db.settings.put({
      key: HLC_SETTING,
      value: hlc ? { ...hlc, nodeId: deviceId } : createHlc(deviceId),
    });
    const link: HubLink = { ...reply, url, joinedAtMs: nowMs };
    await db.settings.put({ key: SYNC_SETTINGS.hubLink, value: link });
    await db.settings.put({ key: SYNC_SETTINGS.cursor, value: '' });
    await db.settings.delete(TSA_VERSION_SETTING);
    return { ok: true, link };
  });
}

// ---- push ---------------------------------------------------------------------------------------

interface Queued {
  readonly row: OutboxRow;
  readonly event: { readonly id: string; readonly hlc: string };
}

/**
 * What waits for the hub, in push order, with the bodies of case events not read yet: an event as the
 * push plan sees it (its stream, id and case). `loadPushBatch` reads a batch's bodies just before it
 * goes, so reading the outbox's events overlaps the hub's work on the batch before.
 */
export interface PushOrder {
  readonly events: readonly TravellingEvent[];
}

/**
 * The outbox as two lists: the rows waiting for the hub, oldest first (createdAtMs, then eventId),
 * and the refused ones, the newest refusal first (rejectedAtMs, then eventId, both descending).
 * Read from the store itself, never through an index: Chromium's IndexedDB leaves a deleted row's
 * index entries in place until an idle sweep removes them, and a walk of an index steps over each
 * one. After a push of 60,000 events, reading the 50 rows left by the createdAtMs index took 265 ms
 * and by the store 5.6 ms (measured in this Chromium with a throwaway page); the store's read grows
 * with the rows that wait, the index's with every row the hub has taken since the last sweep.
 */
async function outboxRows(
  db: DeskDatabase,
): Promise<{ waiting: OutboxRow[]; refused: OutboxRow[] }> {
  const waiting: OutboxRow[] = [];
  const refused: OutboxRow[] = [];
  for (const row of await db.outbox.toArray()) {
    if (row.rejectedAtMs === undefined) waiting.push(row);
    else refused.push(row);
  }
  const byId = (a: OutboxRow, b: OutboxRow) =>
    a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
  waiting.sort((a, b) => a.createdAtMs - b.createdAtMs || byId(a, b));
  refused.sort((a, b) => (b.rejectedAtMs ?? 0) - (a.rejectedAtMs ?? 0) || byId(b, a));
  return { waiting, refused };
}

/**
 * How many entries of the overdueFrom index a walk reads in the time of one journal row's get
 * (measured in this Chromium with a throwaway page, 10,000 cases: 10,000 gets 1.9 s, a key-cursor
 * walk of the index 0.29–0.36 s).
 */
const WALK_PER_GET = 6;

/**
 * When each case's term is first overdue (the journal row's `overdueFrom`, null while its term does
 * not run), in the caller's transaction, read the cheaper of two ways: a row a case for a few cases
 * (an incremental push), or one walk of the overdueFrom index's keys for many (a desk's first push:
 * ten thousand rows read and unsealed cost several times the walk). Both read the same rows' values.
 */
export async function overdueFromOf(
  db: DeskDatabase,
  caseIds: readonly string[],
  way: 'rows' | 'walk' | 'cheaper' = 'cheaper',
): Promise<Map<string, string | null>> {
  const walk =
    way === 'walk' ||
    (way === 'cheaper' && caseIds.length * WALK_PER_GET >= (await readJournalTallies(db)).cases);
  if (!walk) {
    const rows = await db.cases.bulkGet([...caseIds]);
    return new Map(caseIds.map((id, i) => [id, rows[i]?.overdueFrom ?? null]));
  }
  const found = new Map<string, string | null>(caseIds.map((id) => [id, null]));
  await db.cases.orderBy('overdueFrom').eachKey((key, cursor) => {
    const id = cursor.primaryKey as string;
    if (found.has(id) && typeof key === 'string') found.set(id, key);
  });
  return found;
}

/** A case event of a PushOrder whose body is still in the store. */
interface Unread {
  readonly id: string;
  readonly caseId: string;
  readonly unread: true;
}

const isUnread = (event: unknown): event is Unread =>
  typeof event === 'object' && event !== null && 'unread' in event;

/**
 * Every event waiting for the hub and not refused, in push order (see the header): the directory,
 * then registers, then cases by the first moment their term is overdue (the journal row's
 * `overdueFrom`, present while the term runs), then cases without a running term by their oldest
 * waiting event; each log in (hlc, id) order. The bodies of the directory's and the registers'
 * events are read (their order needs their stamps); a case's are read by loadPushBatch, which puts
 * each case in its log's order, except a case with more than `wholeCase` waiting events, which a
 * plan may cut across batches: its bodies are read here, in order.
 */
export function pushOrder(db: DeskDatabase, wholeCase: number): Promise<PushOrder> {
  return db.transaction(
    'r',
    [db.outbox, db.events, db.registerEvents, db.userEvents, db.cases, db.counters],
    async () => {
      const rows = (await outboxRows(db)).waiting;
      const byStream: Record<Stream, OutboxRow[]> = { user: [], register: [], case: [] };
      for (const row of rows) byStream[row.stream].push(row);
      const bodies = async (
        list: OutboxRow[],
        table: { bulkGet(keys: string[]): Promise<(unknown | undefined)[]> },
      ): Promise<Queued[]> => {
        const found = await table.bulkGet(list.map((r) => r.eventId));
        const out: Queued[] = [];
        list.forEach((row, i) => {
          const event = found[i] as Queued['event'] | undefined;
          // An outbox row whose event is missing is left alone (never deleted), not sent.
          if (event) out.push({ row, event });
        });
        return out;
      };
      const users = (await bodies(byStream.user, db.userEvents)).sort((a, b) =>
        compareStamped(a.event, b.event),
      );
      const registers = (await bodies(byStream.register, db.registerEvents)).sort((a, b) =>
        compareStamped(a.event, b.event),
      );
      const perCase = new Map<string, OutboxRow[]>();
      for (const row of byStream.case) {
        const list = perCase.get(row.streamId);
        if (list) list.push(row);
        else perCase.set(row.streamId, [row]);
      }
      const caseIds = [...perCase.keys()];
      const urgency = await overdueFromOf(db, caseIds);
      // Rows came in createdAtMs order, so a case's first row is its oldest waiting event.
      const oldest = new Map(caseIds.map((id) => [id, perCase.get(id)?.[0]?.createdAtMs ?? 0]));
      caseIds.sort((a, b) => {
        const ua = urgency.get(a) ?? null;
        const ub = urgency.get(b) ?? null;
        if (ua !== ub) {
          if (ua === null) return 1;
          if (ub === null) return -1;
          return ua < ub ? -1 : 1;
        }
        const oa = oldest.get(a) ?? 0;
        const ob = oldest.get(b) ?? 0;
        if (oa !== ob) return oa - ob;
        return a < b ? -1 : a > b ? 1 : 0;
      });
      // A case a plan may cut across batches is read whole here, in its log's order.
      const large = caseIds.filter((id) => (perCase.get(id)?.length ?? 0) > wholeCase);
      const read = new Map<string, Queued[]>();
      for (const q of await bodies(
        large.flatMap((id) => perCase.get(id) ?? []),
        db.events,
      )) {
        const list = read.get(q.row.streamId);
        if (list) list.push(q);
        else read.set(q.row.streamId, [q]);
      }
      const cases = caseIds.flatMap((caseId): TravellingEvent[] => {
        const whole = read.get(caseId);
        if (whole) {
          return whole
            .sort((a, b) => compareStamped(a.event, b.event))
            .map((q) => ({ stream: 'case', event: q.event }));
        }
        return (perCase.get(caseId) ?? []).map((row) => ({
          stream: 'case',
          event: { id: row.eventId, caseId, unread: true } satisfies Unread,
        }));
      });
      const stamped = (q: Queued): TravellingEvent => ({ stream: q.row.stream, event: q.event });
      return { events: [...users.map(stamped), ...registers.map(stamped), ...cases] };
    },
  );
}

/**
 * The bodies of a batch of a PushOrder, read in one transaction, each case in its log's (hlc, id)
 * order. A case event whose body is missing is left out (its outbox row stays, not sent). Each case's
 * log is read whole, one request a case instead of one an event (IndexedDB's cost here is per
 * request: a case of six waiting events is read in one instead of six).
 */
export function loadPushBatch(
  db: DeskDatabase,
  batch: readonly TravellingEvent[],
): Promise<TravellingEvent[]> {
  const caseIds = [...new Set(batch.flatMap((t) => (isUnread(t.event) ? [t.event.caseId] : [])))];
  if (caseIds.length === 0) return Promise.resolve([...batch]);
  return db.transaction('r', [db.events], async () => {
    const logs = await Dexie.Promise.all(caseIds.map((id) => caseEventsOf(db, id)));
    const found = new Map(logs.flat().map((e): [string, CaseEvent] => [e.id, e]));
    const out: TravellingEvent[] = [];
    let run: CaseEvent[] = [];
    const flush = (): void => {
      run.sort(compareStamped);
      for (const event of run) out.push({ stream: 'case', event });
      run = [];
    };
    for (const t of batch) {
      if (!isUnread(t.event)) {
        flush();
        out.push(t);
        continue;
      }
      const event = found.get(t.event.id);
      if (!event) continue;
      if (run.length > 0 && run[0]?.caseId !== event.caseId) flush();
      run.push(event);
    }
    flush();
    return out;
  });
}

/**
 * Every event waiting for the hub and not refused, in push order (pushOrder), with every body read:
 * what a sync file carries.
 */
export async function pushQueue(db: DeskDatabase): Promise<TravellingEvent[]> {
  const order = await pushOrder(db, Number.POSITIVE_INFINITY);
  return loadPushBatch(db, order.events);
}

/** The first `limit` events of pushQueue: one batch. */
export async function nextPushBatch(db: DeskDatabase, limit: number): Promise<TravellingEvent[]> {
  return (await pushQueue(db)).slice(0, limit);
}

export interface ReceiptsApplied {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

/**
 * What the hub's receipts mean for the outbox, in one transaction: an accepted or duplicate event
 * leaves it (the hub holds it); a refused one stays, with its reason and time, and is not sent
 * again until a person acts. A receipt for an id the outbox does not hold changes nothing.
 */
export function applyReceipts(
  db: DeskDatabase,
  receipts: readonly Receipt[],
  nowMs: number,
): Promise<ReceiptsApplied> {
  return db.transaction('rw', [db.outbox, db.hubTimes], async () => {
    const { taken: _taken, ...applied } = await applyReceiptsIn(db, receipts, nowMs);
    return applied;
  });
}

/**
 * The receipts for a batch this sync read from the outbox and pushed (`sent`, the events as they
 * went), in one transaction: applyReceipts, with the outbox read only for refused events, and the
 * scans named by the events the hub took begin to wait (noteSentEvents), found in the events as sent
 * rather than read again. A receipt for an event not in `sent` changes nothing.
 */
export function takeReceipts(
  db: DeskDatabase,
  sent: readonly TravellingEvent[],
  receipts: readonly Receipt[],
  nowMs: number,
): Promise<ReceiptsApplied> {
  const scans = scanTablesOf(db);
  return db.transaction(
    'rw',
    [db.outbox, db.hubTimes, scans.attachments, scans.scanUploads],
    async () => {
      const ids = new Map(
        sent.map((t) => [(t.event as { id: string }).id, streamIdOf(t.stream, t.event)]),
      );
      const { taken, ...applied } = await applyReceiptsIn(db, receipts, nowMs, ids);
      const left = new Set(taken);
      const events = sent.flatMap((t) => {
        const event = t.event as CaseEvent;
        return t.stream === 'case' && left.has(event.id) ? [event] : [];
      });
      await noteScansOf(scans, events, nowMs);
      return applied;
    },
  );
}

/**
 * applyReceipts in the caller's transaction; `taken`: the ids that left the outbox. `sent`: the ids of
 * a batch this sync read from the outbox and pushed, each with its log's id, so they are known to be
 * held there and only a refused one's row is read (to keep it with its reason); without it every
 * receipt's row is read.
 */
export async function applyReceiptsIn(
  db: DeskDatabase,
  receipts: readonly Receipt[],
  nowMs: number,
  sent?: ReadonlyMap<string, string>,
): Promise<ReceiptsApplied & { readonly taken: readonly string[] }> {
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  // One read and one write for the whole batch (a batch is up to 500 receipts); the rows that leave
  // go a log at a time (dropFromOutbox).
  const read = sent ? receipts.filter((r) => r.status === 'rejected') : receipts;
  const rows = new Map(
    (
      await outboxRowsOf(
        db,
        read.map((r) => r.id),
      )
    ).map((row): [string, OutboxRow] => [row.eventId, row]),
  );
  const leaving: OutboxKey[] = [];
  const times: HubTime[] = [];
  const refused: OutboxRow[] = [];
  for (const receipt of receipts) {
    const row = rows.get(receipt.id);
    if (!row && !(sent?.has(receipt.id) && receipt.status !== 'rejected')) continue;
    const streamId = row?.streamId ?? sent?.get(receipt.id) ?? '';
    switch (receipt.status) {
      case 'accepted':
        accepted += 1;
        leaving.push([streamId, receipt.id]);
        times.push({ streamId, id: receipt.id, receivedAtMs: receipt.receivedAtMs });
        break;
      case 'duplicate':
        duplicates += 1;
        leaving.push([streamId, receipt.id]);
        break;
      case 'rejected':
        if (!row) break;
        rejected += 1;
        refused.push({ ...row, rejectedReason: receipt.reason, rejectedAtMs: nowMs });
        break;
    }
  }
  await Dexie.Promise.all([
    dropFromOutbox(db, leaving),
    db.hubTimes.bulkAdd(hubTimesRows(times)),
    db.outbox.bulkPut(refused),
  ]);
  return { accepted, duplicates, rejected, taken: leaving.map(([, eventId]) => eventId) };
}

/** The outbox rows of `eventIds` that the outbox holds, by its unique eventId index. */
function outboxRowsOf(db: DeskDatabase, eventIds: readonly string[]): Promise<OutboxRow[]> {
  return eventIds.length === 0
    ? Dexie.Promise.resolve([])
    : db.outbox
        .where('eventId')
        .anyOf([...eventIds])
        .toArray();
}

/**
 * Deletes the outbox rows of `keys` that it holds, in the caller's transaction, a log at a time: the
 * log's keys are read (one request), and when every row the log has in the outbox is leaving, the
 * log's key range goes in one range delete; otherwise (an event added since it was sent, a refused
 * one, a case cut across batches) only the leaving keys are deleted, one by one. Nothing else is
 * ever in a range that is deleted: the keys were read in this same transaction.
 */
async function dropFromOutbox(db: DeskDatabase, keys: readonly OutboxKey[]): Promise<void> {
  const byLog = new Map<string, Set<string>>();
  for (const [streamId, eventId] of keys) {
    const ids = byLog.get(streamId);
    if (ids) ids.add(eventId);
    else byLog.set(streamId, new Set([eventId]));
  }
  await Dexie.Promise.all(
    [...byLog].map(async ([streamId, ids]) => {
      const lower = [streamId, Dexie.minKey];
      const upper = [streamId, Dexie.maxKey];
      const held = await db.outbox.where(':id').between(lower, upper, true, true).primaryKeys();
      const gone = held.filter(([, eventId]) => ids.has(eventId));
      if (gone.length === held.length && gone.length > 1)
        await deleteKeyRange(db.outbox, lower, upper);
      else await db.outbox.bulkDelete(gone);
    }),
  );
}

/**
 * Deletes every row of `table` whose key is within [lower, upper], as ONE request, in the current
 * transaction, through the table's middleware stack (Dexie's DBCore, as Table.bulkDelete calls it).
 * Dexie's own Collection.delete counts the range first, a second request for a number no caller
 * here reads.
 */
function deleteKeyRange<T, K>(
  table: Table<T, K>,
  lower: IndexableType,
  upper: IndexableType,
): Promise<unknown> {
  const trans = Dexie.currentTransaction;
  if (!trans) throw new Error('deleteKeyRange runs inside a transaction');
  return table.core.mutate({
    trans: trans.idbtrans,
    type: 'deleteRange',
    // DBCoreRangeType.Range (a const enum Dexie declares but does not export as a value).
    range: { type: 2 as DBCoreRangeType, lower, upper },
  });
}

/**
 * A person asks to send a refused event again (after the district fixed what the hub refused, e.g.
 * registered the user): its refusal is cleared and the next sync pushes it. False when it was not
 * refused (or is no longer waiting).
 */
export function retryRejected(db: DeskDatabase, eventId: string): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get({ eventId });
    if (!row || row.rejectedAtMs === undefined) return false;
    const { rejectedReason: _reason, rejectedAtMs: _at, ...waiting } = row;
    await db.outbox.put(waiting);
    return true;
  });
}

// ---- pull ---------------------------------------------------------------------------------------

/** Where the next pull starts ('' from the beginning). */
export async function loadPullCursor(db: DeskDatabase): Promise<string> {
  const value = (await db.settings.get(SYNC_SETTINGS.cursor))?.value;
  return typeof value === 'string' ? value : '';
}

/**
 * A full resync: the next pull starts from the beginning. Only the cursor moves: no event, outbox row
 * or row of any table is deleted (what arrives again is a duplicate and changes nothing).
 */
export async function restartPull(db: DeskDatabase): Promise<void> {
  await db.settings.put({ key: SYNC_SETTINGS.cursor, value: '' });
}

export interface PageApplied {
  /** Events new to this desk, stored and projected. */
  readonly stored: number;
  /** Events this desk already had. */
  readonly duplicates: number;
  /** Events from a newer desk, kept unfolded. */
  readonly held: number;
  /** Ids (or '?') of what was no event: reported, never stored. */
  readonly invalid: readonly string[];
}

/** The tables applyPulledPage writes: every log, its projections, the counters and the settings. */
export const PULL_WRITE_TABLES = (db: DeskDatabase) => [
  ...CASE_WRITE_TABLES(db),
  db.registers,
  db.registerEvents,
  db.hubTimes,
];

/** A pulled page made ready outside any transaction: its case events classified and sealed ahead. */
export interface PreparedPage {
  readonly events: readonly PulledEvent[];
  readonly cursor: string;
  readonly cases: PreparedEvents<CaseEvent>;
}

const eventsOfStream = (events: readonly PulledEvent[], stream: Stream): unknown[] =>
  events.filter((e) => e.stream === stream).map((e) => e.event);

/** A pulled page's WebCrypto work, before the transaction that stores it (prepareCaseImport). */
export async function preparePulledPage(
  db: DeskDatabase,
  page: { readonly events: readonly PulledEvent[]; readonly cursor: string },
): Promise<PreparedPage> {
  return { ...page, cases: await prepareCaseImport(db, eventsOfStream(page.events, 'case')) };
}

/**
 * Takes in one pulled page and its cursor in ONE transaction (see the header): directory events
 * first (importDirectoryEvents), then registers, then cases (importPreparedCaseEvents, which rebuilds
 * their journal rows); the clock moves past every stamp received; the counters move past every number
 * of this desk (its office code and device number) found in the page; then the cursor. Anything that
 * throws leaves the desk as it was before the page.
 */
export async function applyPulledPage(
  db: DeskDatabase,
  page: { readonly events: readonly PulledEvent[]; readonly cursor: string },
  nowMs: number,
): Promise<PageApplied> {
  const prepared = await preparePulledPage(db, page);
  return db.transaction('rw', PULL_WRITE_TABLES(db), async () =>
    applyPreparedPage(db, prepared, nowMs),
  );
}

/** applyPulledPage inside the caller's transaction (which holds PULL_WRITE_TABLES). */
export async function applyPreparedPage(
  db: DeskDatabase,
  page: PreparedPage,
  nowMs: number,
): Promise<PageApplied> {
  // receiveEvents moves a clock that exists: a desk that has stamped nothing yet gets one first, so
  // what it appends after the pull sorts after what it received.
  const profile = await loadOfficeProfile(db);
  if (profile && !(await db.settings.get(HLC_SETTING))) {
    await db.settings.put({ key: HLC_SETTING, value: createHlc(profile.deviceId) });
  }
  const users = await importDirectoryEvents(db, eventsOfStream(page.events, 'user'), nowMs);
  const registers = await importRegisterEvents(db, eventsOfStream(page.events, 'register'), nowMs);
  const cases = await importPreparedCaseEvents(db, page.cases, nowMs);
  await moveCountersPast(
    db,
    page.events.map((e) => e.event),
  );
  // The hub's receipt time of each event of the page (of this desk's own events too: a reinstalled
  // desk learns them here).
  await db.hubTimes.bulkAdd(
    hubTimesRows(
      page.events.flatMap((e) => {
        const id = (e.event as { id?: unknown } | null)?.id;
        return typeof id === 'string'
          ? [{ streamId: streamIdOf(e.stream, e.event), id, receivedAtMs: e.receivedAtMs }]
          : [];
      }),
    ),
  );
  await db.settings.put({ key: SYNC_SETTINGS.cursor, value: page.cursor });
  const parts = [users, registers, cases];
  return {
    stored: parts.reduce((n, p) => n + p.stored, 0),
    duplicates: parts.reduce((n, p) => n + p.duplicates, 0),
    held: parts.reduce((n, p) => n + p.held, 0),
    invalid: parts.flatMap((p) => p.invalid),
  };
}

/** Register events from elsewhere, in the caller's transaction: stored once, rows rebuilt. */
async function importRegisterEvents(
  db: DeskDatabase,
  raws: readonly unknown[],
  nowMs: number,
): Promise<PageApplied> {
  if (raws.length === 0) return { stored: 0, duplicates: 0, held: 0, invalid: [] };
  const {
    changed,
    heldIn: _held,
    arrived: _arrived,
    ...counts
  } = await receiveEvents(
    db,
    {
      stream: 'register',
      classify: classifyIncomingRegisterEvent,
      table: db.registerEvents,
      streamField: 'registerId',
    },
    raws,
    nowMs,
  );
  for (const registerId of changed) {
    const row = registerRowOf(foldRegister(await registerEventsOf(db, registerId)));
    if (row) await db.registers.put(row);
  }
  return counts;
}

/**
 * Moves this desk's number counters past every number in `events` that this desk would give: its
 * office code and device number, of any kind (journal, certificate, register) and year. Numbers of
 * other desks cannot collide with this desk's and are left alone.
 */
async function moveCountersPast(db: DeskDatabase, events: readonly unknown[]): Promise<void> {
  const profile = await loadOfficeProfile(db);
  if (profile === null) return;
  const highest = new Map<string, number>();
  for (const raw of events) {
    const payload = (raw as { payload?: unknown } | null)?.payload;
    if (typeof payload !== 'object' || payload === null) continue;
    for (const value of Object.values(payload)) {
      if (typeof value !== 'string') continue;
      const parsed = readDeskNumber(value);
      if (!parsed.ok) continue;
      const { officeCode, deviceNo, kind, seq, year } = parsed.value;
      if (officeCode !== profile.code || deviceNo !== profile.deviceNo) continue;
      const key = deskCounterKey(kind, year);
      highest.set(key, Math.max(highest.get(key) ?? 0, seq));
    }
  }
  for (const [key, seq] of highest) {
    const current = (await db.counters.get(key))?.value ?? 0;
    if (seq > current) await db.counters.put({ key, value: seq });
  }
}

// ---- status -------------------------------------------------------------------------------------

/** Marks a sync that went through to the end. */
export async function recordSyncSuccess(db: DeskDatabase, nowMs: number): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: SYNC_SETTINGS.lastSuccessMs, value: nowMs });
    await db.settings.delete(SYNC_SETTINGS.lastFailure);
  });
}

/** Keeps why the last sync stopped (a message key), until a sync goes through. */
export async function recordSyncFailure(
  db: DeskDatabase,
  reason: string,
  nowMs: number,
): Promise<void> {
  await db.settings.put({ key: SYNC_SETTINGS.lastFailure, value: { reason, atMs: nowMs } });
}

/** An event the hub refused, as the status area and the case page list it. */
export interface RejectedItem {
  readonly eventId: string;
  readonly stream: Stream;
  readonly streamId: string;
  /** Set for case events: the item leads to its case. */
  readonly caseId?: string;
  /** A message key with words in kk and ru (sync:reject.*, case:rejections.*, …). */
  readonly reason: string;
  readonly rejectedAtMs: number;
  /** For case events: what the event recorded and the case's registration number, to name them. */
  readonly eventType?: string;
  readonly caseNumber?: string;
}

const withEventType = (event: CaseEvent | undefined) => (event ? { eventType: event.type } : {});

/** Names the refused case events by their type and their case's number (status area, case page). */
async function namedRejections(
  db: DeskDatabase,
  rows: readonly OutboxRow[],
): Promise<RejectedItem[]> {
  const items = rows.map(rejectedItem);
  const caseItems = items.filter((i) => i.caseId !== undefined);
  const rowsRead = await db.events.bulkGet(caseItems.map((i) => i.eventId));
  const cases = await db.cases.bulkGet(caseItems.map((i) => i.caseId ?? ''));
  const named = new Map(
    caseItems.map((item, k) => [
      item.eventId,
      {
        ...item,
        ...withEventType(eventOfRow(rowsRead[k], item.eventId)),
        ...(cases[k]?.number ? { caseNumber: cases[k].number } : {}),
      },
    ]),
  );
  return items.map((item) => named.get(item.eventId) ?? item);
}

export interface SyncStatus {
  /** The joined hub (without the credential), or null before joining. */
  readonly hub: {
    readonly url: string;
    readonly officeCode: string;
    readonly districtId: string;
    readonly deviceNo: number;
  } | null;
  readonly lastSuccessMs: number | null;
  /** Why the last sync stopped, when it did not go through (cleared by the next success). */
  readonly lastFailure: { readonly reason: string; readonly atMs: number } | null;
  /** Events waiting for the hub (refused ones not counted). */
  readonly waiting: number;
  /** How long the oldest waiting event has waited, or null when none waits. */
  readonly oldestWaitingAgeMs: number | null;
  /** Refused events, the newest refusal first. */
  readonly rejected: readonly RejectedItem[];
}

const lastFailureSchema = z.object({ reason: z.string(), atMs: z.number() });

function rejectedItem(row: OutboxRow): RejectedItem {
  return {
    eventId: row.eventId,
    stream: row.stream,
    streamId: row.streamId,
    ...(row.caseId !== undefined ? { caseId: row.caseId } : {}),
    reason: row.rejectedReason ?? 'sync:reject.schema',
    rejectedAtMs: row.rejectedAtMs ?? 0,
  };
}

/** What the status area shows; `nowMs` gives the age of the oldest waiting event. */
export function syncStatus(db: DeskDatabase, nowMs: number): Promise<SyncStatus> {
  return db.transaction(
    'r',
    [db.settings, db.outbox, db.events, db.cases],
    async (): Promise<SyncStatus> => {
      const link = await loadHubLink(db);
      const last = (await db.settings.get(SYNC_SETTINGS.lastSuccessMs))?.value;
      const failure = lastFailureSchema.safeParse(
        (await db.settings.get(SYNC_SETTINGS.lastFailure))?.value,
      );
      const { waiting, refused } = await outboxRows(db);
      const oldest = waiting[0];
      return {
        hub: link
          ? {
              url: link.url,
              officeCode: link.officeCode,
              districtId: link.districtId,
              deviceNo: link.deviceNo,
            }
          : null,
        lastSuccessMs: typeof last === 'number' ? last : null,
        lastFailure: failure.success ? failure.data : null,
        waiting: waiting.length,
        oldestWaitingAgeMs: oldest ? Math.max(0, nowMs - oldest.createdAtMs) : null,
        rejected: await namedRejections(db, refused),
      };
    },
  );
}

/** The refused events of one case, for the case page (each stays until a person acts). */
export async function rejectedEventsOfCase(
  db: DeskDatabase,
  caseId: string,
): Promise<RejectedItem[]> {
  const rows = await db.outbox.where('caseId').equals(caseId).toArray();
  return namedRejections(
    db,
    rows.filter((r) => r.rejectedAtMs !== undefined),
  );
}

// ---- agreement ----------------------------------------------------------------------------------

/**
 * The state hash of every case this desk holds (shared/sync scopeStateHash): equal to the hub's over
 * the same scope when the two agree.
 */
export async function deskCaseStateHash(
  db: DeskDatabase,
  subtle: SubtleCryptoLike = crypto.subtle,
): Promise<string> {
  return scopeStateHash(subtle, eventsByCase(await allCaseEvents(db)));
}
