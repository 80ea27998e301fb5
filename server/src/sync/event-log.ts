// The hub's side of push and pull over the district's event log (hub_events). What must stay true:
// - Push is idempotent: each event id is stored once (insert … on conflict do nothing); the same id
//   again with the same content is a duplicate, with other content a rejection. A retried batch after
//   a lost answer changes nothing and gets the same receipts.
// - Nothing the event says about its actor is trusted: the device's own office (from its credential)
//   decides. An akimat's desk may push only events made at its office, about cases, registers and
//   users of its office; a district department's desk, those of its district.
// - Every case event is checked by the transition table against the hub's own fold of its case, as
//   the desk's store checked it (shared/case canAppend).
// - Every signature an event carries, and every event the law wants signed, is checked against the
//   key the hub's own directory log had registered for the actor at the event's legal time
//   (./signatures).
// - Every event is checked by its log's own schema (shared/*). One from a desk newer than the hub is
//   refused with a reason that says so: the desk keeps it and pushes it again after the hub updates.
// - A pull delivers only what the device may see, in (txid, seq) order and only rows whose
//   transaction ended before every running one began, so a late commit is never skipped
//   (0003_event_log.sql).
import {
  canAppend,
  classifyIncomingCaseEvent,
  foldCase,
  type CaseEvent,
} from '../../../shared/case';
import type { WorkingCalendar } from '../../../shared/calendar';
import {
  classifyIncomingDirectoryEvent,
  directoryEventProblem,
  foldUser,
  type DirectoryEvent,
  type DirectoryUser,
} from '../../../shared/directory';
import type { ActorRole } from '../../../shared/events/envelope';
import { isRoleOfOffice, managesUsers } from '../../../shared/office';
import type { IncomingClass } from '../../../shared/events/envelope';
import { classifyIncomingRegisterEvent } from '../../../shared/registers';
import { canonicalJson } from '../../../shared/signing/canonical-json';
import type { PulledEvent, Receipt, Stream, TravellingEvent } from '../../../shared/sync';
import type { HubDatabase, Queryable } from '../db';
import { calendarInForce } from '../reference/reference';
import type { Device } from '../registry/registry';
import { lacksRequiredSignature, signatureProblem, type SignableEvent } from './signatures';

interface KnownEvent {
  readonly id: string;
  readonly actor: {
    readonly userId: string;
    readonly role: ActorRole;
    readonly officeId: string;
    readonly districtId?: string | undefined;
  };
}

const CLASSIFIERS: Record<Stream, (raw: unknown) => IncomingClass<KnownEvent>> = {
  case: classifyIncomingCaseEvent,
  register: classifyIncomingRegisterEvent,
  user: classifyIncomingDirectoryEvent,
};

const STREAM_FIELD: Record<Stream, string> = {
  case: 'caseId',
  register: 'registerId',
  user: 'userId',
};

function rawId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 100) : '';
}

/** The office an event of a stream belongs to: the office of the first event stored for it. */
async function streamOffice(
  tx: Queryable,
  districtId: string,
  stream: Stream,
  streamId: string,
): Promise<string | null> {
  const { rows } = await tx.query<{ office_id: string }>(
    `select office_id from hub_events
     where district_id = $1 and stream = $2 and stream_id = $3
     order by txid, seq limit 1`,
    [districtId, stream, streamId],
  );
  return rows[0]?.office_id ?? null;
}

/** A person's directory state from the hub's own log of their events. */
async function registeredUserState(tx: Queryable, districtId: string, userId: string) {
  const { rows } = await tx.query<{ body: DirectoryEvent }>(
    `select body from hub_events where district_id = $1 and stream = 'user' and stream_id = $2`,
    [districtId, userId],
  );
  return foldUser(rows.map((r) => r.body));
}

/** A person as the hub's own log has them (null: never registered here). */
async function registeredUser(
  tx: Queryable,
  districtId: string,
  userId: string,
): Promise<DirectoryUser | null> {
  return (await registeredUserState(tx, districtId, userId)).user;
}

/**
 * Why the hub does not take `event`'s actor as who it says, or null. Nothing the event says is
 * trusted: the person must be registered at the hub (by directory events pushed before) in the
 * desk's office with the role the event claims, and a role that office has. A directory event may
 * also come from a person registering themselves as the office's first user, or from one who
 * manages users there.
 */
async function actorProblem(
  tx: Queryable,
  device: Device,
  stream: Stream,
  event: KnownEvent & { readonly type: string; readonly userId?: string },
): Promise<string | null> {
  const { actor } = event;
  if (!isRoleOfOffice(actor.role, device.officeKind)) return 'sync:reject.actorRole';
  const user = await registeredUser(tx, device.districtId, actor.userId);
  if (stream === 'user') {
    const selfRegistration = event.type === 'UserRegistered' && event.userId === actor.userId;
    if (user === null) return selfRegistration ? null : 'sync:reject.actorUnknown';
    if (user.officeId !== actor.officeId || user.role !== actor.role)
      return 'sync:reject.actorRole';
    if (!selfRegistration && !managesUsers(user.role)) return 'sync:reject.actorRole';
    return null;
  }
  if (user === null || !user.active) return 'sync:reject.actorUnknown';
  if (user.officeId !== actor.officeId || user.role !== actor.role) return 'sync:reject.actorRole';
  return null;
}

/**
 * Why the transition table refuses `event` against the hub's own fold of its case, or null: the same
 * check the desk's store made (shared/case canAppend), on the events the hub holds. A desk pushes a
 * case's events in its log's order, so the hub has the events each one follows.
 */
async function transitionProblem(
  tx: Queryable,
  districtId: string,
  event: CaseEvent,
  calendar: WorkingCalendar,
): Promise<string | null> {
  const { rows } = await tx.query<{ body: CaseEvent }>(
    `select body from hub_events where district_id = $1 and stream = 'case' and stream_id = $2`,
    [districtId, event.caseId],
  );
  const state = foldCase(rows.map((r) => r.body));
  const check = canAppend(state, event.type, event.actor, {
    payload: event.payload,
    context: { calendar },
  });
  return check.ok ? null : check.reason;
}

async function receiptFor(
  tx: Queryable,
  device: Device,
  travelling: TravellingEvent,
  nowMs: number,
  calendar: WorkingCalendar,
): Promise<Receipt> {
  const incoming = CLASSIFIERS[travelling.stream](travelling.event);
  if (incoming.kind === 'invalid') {
    const reason = lacksRequiredSignature(travelling.stream, travelling.event)
      ? 'sync:reject.signatureMissing'
      : 'sync:reject.schema';
    return { id: rawId(travelling.event), status: 'rejected', reason };
  }
  if (incoming.kind === 'newer') {
    return { id: incoming.id, status: 'rejected', reason: 'sync:reject.newerThanHub' };
  }
  const event = incoming.event;
  // A repeated delivery is answered before any rule: the hub's folds already hold the event, and a
  // rule asked again would refuse it as a repeat (a second registration of the same person).
  const repeated = await storedReceipt(tx, device.districtId, event);
  if (repeated) return repeated;
  const body = event as unknown as Record<string, unknown>;
  const streamId = String(body[STREAM_FIELD[travelling.stream]] ?? '');
  const districtDesk = device.officeKind === 'district';
  // The actor's office must be the desk's, or for the district department, of its district.
  const sameDistrict = event.actor.districtId === device.districtId;
  const actorHere = districtDesk
    ? sameDistrict
    : sameDistrict && event.actor.officeId === device.officeId;
  if (!actorHere) return { id: event.id, status: 'rejected', reason: 'sync:reject.otherOffice' };
  const actorIssue = await actorProblem(
    tx,
    device,
    travelling.stream,
    event as KnownEvent & { type: string; userId?: string },
  );
  if (actorIssue) return { id: event.id, status: 'rejected', reason: actorIssue };
  if (travelling.stream === 'user') {
    const subject = await registeredUserState(tx, device.districtId, streamId);
    const problem = directoryEventProblem(subject, event as unknown as DirectoryEvent);
    if (problem) return { id: event.id, status: 'rejected', reason: problem };
  }
  const owner = await streamOffice(tx, device.districtId, travelling.stream, streamId);
  if (owner !== null && !districtDesk && owner !== device.officeId) {
    return { id: event.id, status: 'rejected', reason: 'sync:reject.outOfScope' };
  }
  const signatureIssue = await signatureProblem(
    travelling.stream,
    event as unknown as SignableEvent,
    async (userId) => (await registeredUserState(tx, device.districtId, userId)).user?.keys ?? [],
  );
  if (signatureIssue) return { id: event.id, status: 'rejected', reason: signatureIssue };
  if (travelling.stream === 'case') {
    const problem = await transitionProblem(
      tx,
      device.districtId,
      event as unknown as CaseEvent,
      calendar,
    );
    if (problem) return { id: event.id, status: 'rejected', reason: problem };
  }
  const officeId = owner ?? event.actor.officeId;
  const inserted = await tx.query<{ received_at: Date }>(
    `insert into hub_events (district_id, id, stream, stream_id, office_id, device_id, body, received_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (district_id, id) do nothing
     returning received_at`,
    [
      device.districtId,
      event.id,
      travelling.stream,
      streamId,
      officeId,
      device.id,
      JSON.stringify(event),
      new Date(nowMs),
    ],
  );
  if (inserted.rows.length > 0) return { id: event.id, status: 'accepted', receivedAtMs: nowMs };
  // Another push stored the same id in the meantime.
  return (
    (await storedReceipt(tx, device.districtId, event)) ?? {
      id: event.id,
      status: 'rejected',
      reason: 'sync:reject.idReused',
    }
  );
}

/** The receipt for an id the hub already holds: duplicate, or refused for other content; else null. */
async function storedReceipt(
  tx: Queryable,
  districtId: string,
  event: KnownEvent,
): Promise<Receipt | null> {
  const stored = await tx.query<{ body: unknown }>(
    'select body from hub_events where district_id = $1 and id = $2',
    [districtId, event.id],
  );
  if (stored.rows.length === 0) return null;
  return canonicalJson(stored.rows[0]?.body) === canonicalJson(event)
    ? { id: event.id, status: 'duplicate' }
    : { id: event.id, status: 'rejected', reason: 'sync:reject.idReused' };
}

/** Takes in one pushed batch in one transaction: a receipt per event, in the batch's order. */
export function pushEvents(
  db: HubDatabase,
  device: Device,
  events: readonly TravellingEvent[],
  nowMs: number,
): Promise<Receipt[]> {
  return db.transaction(async (tx) => {
    // Terms are judged on the calendar the hub hands to desks (reference data).
    const calendar = await calendarInForce(tx);
    const receipts: Receipt[] = [];
    for (const travelling of events) {
      receipts.push(await receiptFor(tx, device, travelling, nowMs, calendar));
    }
    return receipts;
  });
}

/** A pull cursor: the (txid, seq) of the last row delivered; '' before the first. */
function parseCursor(cursor: string): { txid: string; seq: string } | null {
  if (cursor === '') return { txid: '0', seq: '0' };
  const match = /^(\d{1,20})\.(\d{1,20})$/.exec(cursor);
  return match ? { txid: match[1] ?? '0', seq: match[2] ?? '0' } : null;
}

export type PullResult =
  | { ok: true; events: PulledEvent[]; cursor: string; more: boolean }
  | { ok: false; reason: 'sync:errors.badCursor' };

/** The next page of events in the device's scope after `cursor`. */
export async function pullEvents(
  db: Queryable,
  device: Device,
  cursor: string,
  limit: number,
): Promise<PullResult> {
  const after = parseCursor(cursor);
  if (after === null) return { ok: false, reason: 'sync:errors.badCursor' };
  const office = device.officeKind === 'district' ? null : device.officeId;
  const { rows } = await db.query<{
    stream: Stream;
    body: unknown;
    received_at: Date;
    txid_text: string;
    seq_text: string;
  }>(
    `select stream, body, received_at, txid::text as txid_text, seq::text as seq_text from hub_events
     where district_id = $1
       and (txid, seq) > ($2::text::xid8, $3::bigint)
       and txid < pg_snapshot_xmin(pg_current_snapshot())
       and ($4::text is null or office_id = $4)
     order by txid, seq
     limit $5`,
    [device.districtId, after.txid, after.seq, office, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    ok: true,
    events: page.map((r) => ({
      stream: r.stream,
      event: r.body,
      receivedAtMs: new Date(r.received_at).getTime(),
    })),
    // Ordered by the columns themselves (the text copies have other names: an alias would sort as text).
    cursor: last ? `${last.txid_text}.${last.seq_text}` : cursor,
    more: rows.length > limit,
  };
}
