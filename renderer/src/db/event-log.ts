// What every log of the desk shares (cases, registers, the directory): the envelope stamped on a new
// event, its outbox entry, and taking in events that arrived from elsewhere (receiveEvents). The HLC lives in the settings table and is advanced in the caller's
// transaction, so stamps of this desk never repeat or go backwards.
import {
  EVENT_SCHEMA_VERSION,
  type Actor,
  type IncomingClass,
} from '../../../shared/events/envelope';
import { createHlc, receive, tick, type HlcState } from '../../../shared/clock';
import type { LocalDateTime } from '../../../shared/time';
import { Dexie } from 'dexie';
import { sealAhead } from './at-rest-middleware';
import type { DeskDatabase, EventStream, HeldEventRow } from './database';

const HLC_SETTING = 'hlc';

export interface StampedEnvelope {
  readonly id: string;
  readonly v: number;
  readonly actor: Actor;
  readonly legalTime: LocalDateTime;
  readonly hlc: string;
}

/** The act an envelope records; ActContext of the case store is one. */
export interface EnvelopeContext {
  readonly actor: Actor;
  readonly legalTime: LocalDateTime;
  readonly nowMs: number;
  readonly newId: () => string;
}

/** This desk's clock as stored (undefined before its first event), for an act's round of reads. */
export function readHlc(db: DeskDatabase): PromiseLike<HlcState | undefined> {
  return db.settings.get(HLC_SETTING).then((row) => row?.value as HlcState | undefined);
}

/** Stores the clock after a stamp, in the transaction that writes the stamped event. */
export function writeHlc(db: DeskDatabase, state: HlcState): PromiseLike<unknown> {
  return db.settings.put({ key: HLC_SETTING, value: state });
}

/**
 * A new event's envelope (a fresh id, this desk's schema version, the actor, the next stamp) from the
 * clock as read, and the clock to store with the event (writeHlc). Reads and writes nothing.
 */
export function nextEnvelope(
  current: HlcState | undefined,
  ctx: EnvelopeContext,
): { readonly envelope: StampedEnvelope; readonly hlc: HlcState } {
  const { state, stamp } = tick(current ?? createHlc(ctx.actor.deviceId), ctx.nowMs);
  const envelope = {
    id: ctx.newId(),
    v: EVENT_SCHEMA_VERSION,
    actor: ctx.actor,
    legalTime: ctx.legalTime,
    hlc: stamp,
  };
  return { envelope, hlc: state };
}

/** A new event's envelope, with the clock read and stored in the caller's transaction. */
export async function stampEnvelope(
  db: DeskDatabase,
  ctx: EnvelopeContext,
): Promise<StampedEnvelope> {
  const { envelope, hlc } = nextEnvelope(await readHlc(db), ctx);
  await writeHlc(db, hlc);
  return envelope;
}

/**
 * Moves this desk's clock past stamps that arrived from elsewhere, so what it appends next sorts after
 * them (shared/clock receive). A stamp from a badly wrong clock is taken as it is: order is kept,
 * nothing is refused.
 */
export async function receiveStamps(
  db: DeskDatabase,
  stamps: readonly string[],
  nowMs: number,
): Promise<void> {
  if (stamps.length === 0) return;
  let state = await readHlc(db);
  if (state === undefined) return;
  for (const stamp of stamps) state = receive(state, stamp, nowMs);
  await writeHlc(db, state);
}

/** Queues an event of any log for the hub, in the caller's transaction. */
export async function queueForHub(
  db: DeskDatabase,
  stream: EventStream,
  streamId: string,
  eventId: string,
  nowMs: number,
): Promise<void> {
  await db.outbox.add({
    eventId,
    stream,
    streamId,
    ...(stream === 'case' ? { caseId: streamId } : {}),
    createdAtMs: nowMs,
  });
}

/** What one log needs to take in events from elsewhere (receiveEvents). */
export interface IncomingLog<E extends { readonly id: string; readonly hlc: string }> {
  readonly stream: EventStream;
  /** The log's own classifier (shared/*: classifyIncoming with the log's schema). */
  readonly classify: (raw: unknown) => IncomingClass<E>;
  /** Where the log's events are kept, by id. */
  readonly table: {
    readonly name: string;
    bulkGet(ids: string[]): PromiseLike<unknown[]>;
    /** Rows: the events, or the log's packs of them (`pack`). */
    bulkAdd(rows: readonly object[]): PromiseLike<unknown>;
  };
  /** The envelope field naming what an event belongs to: its case, register or user. */
  readonly streamField: 'caseId' | 'registerId' | 'userId';
  /**
   * How events that arrive together are stored, when not a row an event: the case log keeps a case's
   * in one row (event-rows.ts EventRunRow). Each pack's events in their delivery's order.
   */
  readonly pack?: (events: readonly E[]) => Pack<E>[];
}

/** One stored row and the events it holds. */
export interface Pack<E> {
  readonly row: object;
  readonly events: readonly E[];
}

/** Events that arrived, classified by their log, and sealed ahead where the desk seals them. */
export interface PreparedEvents<E> {
  readonly classified: readonly { readonly raw: unknown; readonly incoming: IncomingClass<E> }[];
  /** The rows of what the log understood, as its pack made them before sealing them ahead. */
  readonly packs?: readonly Pack<E>[];
}

/**
 * Classifies what arrived and seals the events this desk understands, before the transaction that
 * stores them (at-rest-middleware sealAhead): that transaction then waits on no WebCrypto.
 */
export async function prepareIncoming<E extends { readonly id: string; readonly hlc: string }>(
  db: DeskDatabase,
  log: IncomingLog<E>,
  raws: readonly unknown[],
): Promise<PreparedEvents<E>> {
  const classified = raws.map((raw) => ({ raw, incoming: log.classify(raw) }));
  const events = classified.flatMap(({ incoming }) =>
    incoming.kind === 'known' ? [incoming.event] : [],
  );
  const packs = log.pack?.(events);
  await sealAhead(db.atRest, log.table.name, packs ? packs.map((p) => p.row) : events);
  return { classified, ...(packs ? { packs } : {}) };
}

/**
 * The rows that store `events`: one an event, or the log's packs, each the pack made and sealed ahead
 * when it holds the same events (what was already here takes events out of a pack: its row is made
 * again, and sealed as it is written).
 */
function packsOf<E extends { readonly id: string; readonly hlc: string }>(
  log: IncomingLog<E>,
  events: readonly E[],
  ahead: readonly Pack<E>[] = [],
): Pack<E>[] {
  if (!log.pack) return events.map((event) => ({ row: event, events: [event] }));
  const made = new Map(ahead.map((p) => [p.events[0], p]));
  return log.pack(events).map((pack) => {
    const before = made.get(pack.events[0]);
    const same =
      before !== undefined &&
      before.events.length === pack.events.length &&
      before.events.every((e, i) => e === pack.events[i]);
    return same ? before : pack;
  });
}

/**
 * Adds the packs' rows; with `known` (the caller read the streams' logs), a row whose key the log holds
 * under another stream fails alone: Dexie keeps the transaction when a bulk write's failures are
 * caught, and the rest is stored. A failed pack of one event is that event, refused; the events of a
 * failed pack of more are added a row each, so only the one the log holds is refused. Returns the
 * events refused (counted as duplicates, as a read by id would have found them).
 */
async function addRows<E>(
  log: { readonly table: { bulkAdd(rows: readonly object[]): PromiseLike<unknown> } },
  packs: readonly Pack<E>[],
): Promise<Set<E>> {
  const refused = new Set<E>();
  const failedOf = async (rows: readonly object[]): Promise<Set<number>> => {
    try {
      await log.table.bulkAdd(rows);
      return new Set();
    } catch (error) {
      if (!(error instanceof Dexie.BulkError)) throw error;
      return new Set(Object.keys(error.failuresByPos).map(Number));
    }
  };
  const failed = await failedOf(packs.map((p) => p.row));
  const again: E[] = [];
  packs.forEach((pack, i) => {
    if (!failed.has(i)) return;
    if (pack.events.length === 1) refused.add(pack.events[0] as E);
    else again.push(...pack.events);
  });
  if (again.length > 0) {
    for (const i of await failedOf(again as readonly object[])) refused.add(again[i] as E);
  }
  return refused;
}

export interface Received<E> {
  /** Events new to this desk, stored (to be folded by the caller). */
  readonly stored: number;
  /** Events this desk already had: a repeated delivery changes nothing. */
  readonly duplicates: number;
  /** Events from a newer desk, kept as they came without folding. */
  readonly held: number;
  /** Ids (or '?') of what is not an event of any version: reported, never stored. */
  readonly invalid: string[];
  /** The cases, registers or users that got a stored event. */
  readonly changed: Set<string>;
  /** The cases, registers or users that got a held event. */
  readonly heldIn: Set<string>;
  /** The events stored, as they are (for the caller's fold). */
  readonly arrived: readonly E[];
}

/**
 * Takes in events of one log that arrived from elsewhere (the hub, a file), in the caller's
 * transaction (which holds the log's table, heldEvents and settings). Each event is stored once by id;
 * what a newer desk wrote is held as it came; what is no event is reported; nothing is queued back to
 * the hub; this desk's clock moves past the stamps received. The caller folds what changed.
 * `known`, when the caller has read it: the ids of what arrived that the log already holds under the
 * same stream (a case's log read for its fold). An id the log holds under another stream is then
 * met by the write, which stores the rest and counts it a duplicate, as the read would have.
 */
export async function receiveEvents<E extends { readonly id: string; readonly hlc: string }>(
  db: DeskDatabase,
  log: IncomingLog<E>,
  input: readonly unknown[] | PreparedEvents<E>,
  nowMs: number,
  known?: ReadonlySet<string>,
): Promise<Received<E>> {
  let duplicates = 0;
  let held = 0;
  const invalid: string[] = [];
  const heldIn = new Set<string>();
  const prepared = Array.isArray(input) ? null : (input as PreparedEvents<E>);
  const classified = prepared
    ? prepared.classified
    : (input as readonly unknown[]).map((raw) => ({ raw, incoming: log.classify(raw) }));
  // One read of the log and one of the held events for the whole page (a page is up to 500 events),
  // then one write each: what the desk already holds is known before anything is written.
  const knownIds: string[] = [];
  const newerIds: string[] = [];
  for (const { incoming } of classified) {
    if (incoming.kind === 'known') knownIds.push(incoming.event.id);
    else if (incoming.kind === 'newer') newerIds.push(incoming.id);
  }
  const present = new Set<string>(known);
  if (known === undefined) {
    const inLog = await log.table.bulkGet(knownIds);
    knownIds.forEach((id, i) => {
      if (inLog[i] !== undefined) present.add(id);
    });
  }
  const heldPresent = new Set<string>();
  const inHeld = newerIds.length > 0 ? await db.heldEvents.bulkGet(newerIds) : [];
  newerIds.forEach((id, i) => {
    if (inHeld[i] !== undefined) heldPresent.add(id);
  });
  let toStore: E[] = [];
  const toHold: HeldEventRow[] = [];
  for (const { raw, incoming } of classified) {
    switch (incoming.kind) {
      case 'known': {
        const event = incoming.event;
        if (present.has(event.id)) {
          duplicates += 1;
          continue;
        }
        // The same id twice in one delivery is stored once, as two deliveries would be.
        present.add(event.id);
        toStore.push(event);
        break;
      }
      case 'newer': {
        if (heldPresent.has(incoming.id)) continue;
        heldPresent.add(incoming.id);
        const value = incoming.raw[log.streamField];
        const streamId = typeof value === 'string' ? value : '';
        toHold.push({
          id: incoming.id,
          stream: log.stream,
          streamId,
          ...(log.stream === 'case' && streamId ? { caseId: streamId } : {}),
          type: incoming.type,
          v: incoming.v,
          raw: { ...incoming.raw },
          receivedAtMs: nowMs,
        });
        held += 1;
        if (streamId) heldIn.add(streamId);
        break;
      }
      case 'invalid': {
        const id = (raw as { id?: unknown } | null)?.id;
        invalid.push(typeof id === 'string' ? id : '?');
        break;
      }
    }
  }
  if (toStore.length > 0) {
    const packs = packsOf(log, toStore, prepared?.packs);
    if (known === undefined) await log.table.bulkAdd(packs.map((p) => p.row));
    else {
      const refused = await addRows(log, packs);
      duplicates += refused.size;
      toStore = toStore.filter((e) => !refused.has(e));
    }
  }
  if (toHold.length > 0) await db.heldEvents.bulkAdd(toHold);
  const changed = new Set<string>();
  for (const event of toStore) {
    const streamId = (event as Record<string, unknown>)[log.streamField];
    if (typeof streamId === 'string') changed.add(streamId);
  }
  await receiveStamps(
    db,
    toStore.map((e) => e.hlc),
    nowMs,
  );
  return { stored: toStore.length, duplicates, held, invalid, changed, heldIn, arrived: toStore };
}
