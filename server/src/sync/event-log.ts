// The hub's side of push and pull over the district's event log (hub_events). What must stay true:
// - Push is idempotent: each event id is stored once (insert … on conflict do nothing); the same id
//   again with the same content is a duplicate, with other content a rejection. A retried batch after
//   a lost answer changes nothing and gets the same receipts.
// - Nothing the event says about its actor is trusted: the device's own office (from its credential)
//   decides. An akimat's desk may push only events made at its office, about cases, registers and
//   users of its office; a district department's desk, those of its district.
// - Every case event is checked by the transition table against the hub's own fold of its case, as
//   the desk's store checked it (shared/case canAppend).
// - A registration number names one case of the district. A Registered event whose number another
//   case holds (stored before, or accepted earlier in the batch) is refused (sync:reject.numberTaken).
//   The database holds it too: hub_case_numbers' key is (district, number), and a number's row is
//   written in the transaction that stores its event (0008_case_numbers.sql). A push that loses a
//   number to one committed meanwhile by another hub process judges its batch again, on what is stored
//   now: the losing event is refused like any other, and nothing of the first judgement is kept.
// - Every signature an event carries, and every event the law wants signed, is checked against the
//   key the hub's own directory log had registered for the actor at the event's legal time
//   (./signatures).
// - Every event is checked by its log's own schema (shared/*). One from a desk newer than the hub is
//   refused with a reason that says so: the desk keeps it and pushes it again after the hub updates.
// - An akimat's desk sees its own office's events and the directory events of its district
//   department's heads (whose signatures on results it must check), nobody else's.
// - A pull delivers only what the device may see and did not push itself, in (txid, seq) order and only rows whose
//   transaction ended before every running one began, so a late commit is never skipped
//   (0003_event_log.sql).
import {
  canAppend,
  classifyIncomingCaseEvent,
  foldCase,
  openingOfficeOf,
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
import { isRoleOfOffice, managesUsers, OFFICE_ROLE_POLICY } from '../../../shared/office';
import type { IncomingClass } from '../../../shared/events/envelope';
import { classifyIncomingRegisterEvent } from '../../../shared/registers';
import { canonicalJson } from '../../../shared/signing/canonical-json';
import {
  STREAM_FIELD,
  type PulledEvent,
  type Receipt,
  type Stream,
  type TravellingEvent,
} from '../../../shared/sync';
import type { HubDatabase, Queryable } from '../db';
import { calendarOfVersion } from '../reference/reference';
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

function rawId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 100) : '';
}

/**
 * The registration number a case event gives its case: a Registered event's, else null. Asked of raw
 * bodies too (BatchView.load), so it trusts nothing of their shape.
 */
function numberGiven(raw: unknown): string | null {
  const body = raw as { type?: unknown; payload?: { registrationNumber?: unknown } | null } | null;
  if (body?.type !== 'Registered') return null;
  const number = body.payload?.registrationNumber;
  return typeof number === 'string' ? number.slice(0, 100) : null;
}

/**
 * The one read a pushed batch is judged on (BatchView.load): $1 district, $2 the batch's ids, $3 its
 * cases, $4 the people it names, $5 the registration numbers it gives. Each stream is looked up by its
 * whole key, one probe of hub_events_stream per id (a lateral subquery kept apart by `offset 0`, so it
 * cannot be turned into a join): with `stream_id = any(…)`, or a plain join, the planner trusted
 * statistics taken while the log was young and walked every case row of the district (13 ms a batch at
 * 30,000 events, most of the hub's database time under load). Numbers are probed the same way, one
 * key of hub_case_numbers each (`number = any(…)` walked the district's numbers the same way).
 * batch-read-plan.test.ts holds it to that. `owner` is a stream's office, or the case holding a number.
 */
export const BATCH_READ_SQL = `(select 'stored' as part, id, null as owner, body, null::xid8 as txid, null::bigint as seq
        from hub_events where district_id = $1 and id = any($2::text[]))
       union all
       (select e.stream, e.stream_id, e.office_id, e.body, e.txid, e.seq
        from unnest($3::text[]) as wanted(stream_id)
        cross join lateral (select * from hub_events
          where district_id = $1 and stream = 'case' and stream_id = wanted.stream_id offset 0) e)
       union all
       (select e.stream, e.stream_id, e.office_id, e.body, e.txid, e.seq
        from unnest($4::text[]) as wanted(stream_id)
        cross join lateral (select * from hub_events
          where district_id = $1 and stream = 'user' and stream_id = wanted.stream_id offset 0) e)
       union all
       (select 'number', n.number, n.case_id, null, null, null
        from unnest($5::text[]) as wanted(number)
        cross join lateral (select * from hub_case_numbers
          where district_id = $1 and number = wanted.number offset 0) n)
       union all
       (select 'calendar', body->>'version', null, null, null, null from reference_data
        where kind = 'calendar')
       order by txid, seq`;

/**
 * The stored events of some streams of a district (cases, registers or people), each stream by its
 * whole key (one probe of hub_events_stream each, as BATCH_READ_SQL), in the log's (txid, seq) order.
 */
async function readStreams(
  db: Queryable,
  districtId: string,
  stream: Stream,
  streamIds: readonly string[],
): Promise<{ stream_id: string; office_id: string; body: unknown }[]> {
  const { rows } = await db.query<{ stream_id: string; office_id: string; body: unknown }>(
    `select e.stream_id, e.office_id, e.body
     from unnest($3::text[]) as wanted(stream_id)
     cross join lateral (select * from hub_events
       where district_id = $1 and stream = $2 and stream_id = wanted.stream_id offset 0) e
     order by e.txid, e.seq`,
    [districtId, stream, streamIds],
  );
  return rows;
}

/**
 * A person as the hub's own directory log of their district has them (the fold a push judges actors
 * by, BatchView.user): null when none of their events reached the hub. Outside a push (the district
 * admin's API, ../registry/admin) the same read and the same fold decide who the person is.
 */
export async function hubDirectoryUser(
  db: Queryable,
  districtId: string,
  userId: string,
): Promise<DirectoryUser | null> {
  const rows = await readStreams(db, districtId, 'user', [userId]);
  return foldUser(rows.map((r) => r.body) as DirectoryEvent[]).user;
}

/**
 * What one push reads of the hub's log, read once per batch instead of once per event: the stored
 * bodies of the batch's ids, the events of its cases, the cases holding the numbers it gives, and (on
 * first use) each person's directory events and each stream's office. Events accepted earlier in the
 * same batch are added as they are accepted, so every later event is judged on exactly what storing
 * them one by one would have given.
 */
class BatchView {
  private readonly stored = new Map<string, unknown>();
  private readonly streams = new Map<string, { office: string | null; bodies: unknown[] }>();
  /** Registration number -> the case holding it, for the numbers the batch gives. */
  private readonly numbers = new Map<string, string>();
  /** Office id -> whether it is an akimat of the district (isAkimatOfDistrict). */
  private readonly akimats = new Map<string, boolean>();

  private constructor(
    private readonly tx: Queryable,
    private readonly districtId: string,
  ) {}

  /**
   * Reads, in one statement, everything a batch will be judged on that its bodies name: the stored
   * bodies of its ids, the events of its cases and of the people it names (actors, and the users
   * its directory events are about), the cases holding the registration numbers it gives, and the
   * version of the calendar in force. What the bodies do not name (or name wrongly: they are not
   * trusted yet) is read on first use (BATCH_READ_SQL).
   */
  static async load(
    tx: Queryable,
    districtId: string,
    events: readonly TravellingEvent[],
  ): Promise<{ view: BatchView; calendarVersion: string }> {
    const view = new BatchView(tx, districtId);
    const ids = new Set<string>();
    const streamIds: Record<'case' | 'user', Set<string>> = { case: new Set(), user: new Set() };
    const numbers = new Set<string>();
    for (const { stream, event } of events) {
      const body = event as {
        id?: unknown;
        caseId?: unknown;
        userId?: unknown;
        actor?: { userId?: unknown };
      } | null;
      const id = rawId(body);
      if (id !== '') ids.add(id);
      const actorId = body?.actor?.userId;
      if (typeof actorId === 'string') streamIds.user.add(actorId.slice(0, 100));
      if (stream === 'case' && typeof body?.caseId === 'string') streamIds.case.add(body.caseId);
      const number = stream === 'case' ? numberGiven(body) : null;
      if (number !== null) numbers.add(number);
      if (stream === 'user' && typeof body?.userId === 'string') streamIds.user.add(body.userId);
    }
    for (const stream of ['case', 'user'] as const) {
      for (const id of streamIds[stream]) {
        view.streams.set(`${stream}:${id}`, { office: null, bodies: [] });
      }
    }
    const { rows } = await tx.query<{
      part: 'stored' | 'case' | 'user' | 'number' | 'calendar';
      id: string | null;
      owner: string | null;
      body: unknown;
    }>(BATCH_READ_SQL, [
      districtId,
      [...ids],
      [...streamIds.case],
      [...streamIds.user],
      [...numbers],
    ]);
    let calendarVersion = '';
    for (const row of rows) {
      if (row.part === 'calendar') calendarVersion = row.id ?? '';
      else if (row.part === 'stored') view.stored.set(row.id ?? '', row.body);
      else if (row.part === 'number') view.numbers.set(row.id ?? '', row.owner ?? '');
      else {
        const entry = view.streams.get(`${row.part}:${row.id ?? ''}`);
        if (!entry) continue;
        entry.office ??= row.owner;
        entry.bodies.push(row.body);
      }
    }
    return { view, calendarVersion };
  }

  private async loadStreams(stream: Stream, streamIds: readonly string[]): Promise<void> {
    const wanted = [...new Set(streamIds)].filter((id) => !this.streams.has(`${stream}:${id}`));
    if (wanted.length === 0) return;
    for (const id of wanted) this.streams.set(`${stream}:${id}`, { office: null, bodies: [] });
    const rows = await readStreams(this.tx, this.districtId, stream, wanted);
    for (const row of rows) {
      const entry = this.streams.get(`${stream}:${row.stream_id}`);
      if (!entry) continue;
      entry.office ??= row.office_id;
      entry.bodies.push(row.body);
    }
  }

  private async streamOf(stream: Stream, streamId: string) {
    await this.loadStreams(stream, [streamId]);
    return this.streams.get(`${stream}:${streamId}`) ?? { office: null, bodies: [] };
  }

  /** The body stored under `id` (by an earlier push or earlier in this batch), if any. */
  storedBody(id: string): { found: boolean; body: unknown } {
    return { found: this.stored.has(id), body: this.stored.get(id) };
  }

  /** The office of a case, register or user: the office of the first event stored for it. */
  async office(stream: Stream, streamId: string): Promise<string | null> {
    return (await this.streamOf(stream, streamId)).office;
  }

  /**
   * Whether `officeId` is an akimat (okrug) of the batch's district: read once per office a batch
   * names (a batch of proactive cases names a few okrugs for hundreds of cases).
   */
  async isAkimatOfDistrict(officeId: string): Promise<boolean> {
    const known = this.akimats.get(officeId);
    if (known !== undefined) return known;
    const { rows } = await this.tx.query<{ id: string }>(
      `select id from offices where district_id = $1 and id = $2 and kind = 'akimat'`,
      [this.districtId, officeId],
    );
    this.akimats.set(officeId, rows.length > 0);
    return rows.length > 0;
  }

  /** A person's directory state from the hub's own log of their events. */
  async userState(userId: string) {
    return foldUser((await this.streamOf('user', userId)).bodies as DirectoryEvent[]);
  }

  async user(userId: string): Promise<DirectoryUser | null> {
    return (await this.userState(userId)).user;
  }

  async caseEvents(caseId: string): Promise<CaseEvent[]> {
    return (await this.streamOf('case', caseId)).bodies as CaseEvent[];
  }

  /** The case of the district holding a registration number the batch gives, if any. */
  numberHolder(number: string): string | undefined {
    return this.numbers.get(number);
  }

  /** Records an event accepted in this batch, for the events after it. */
  async accept(stream: Stream, streamId: string, officeId: string, event: KnownEvent) {
    const entry = await this.streamOf(stream, streamId);
    entry.office ??= officeId;
    entry.bodies.push(event);
    this.stored.set(event.id, event);
    const number = stream === 'case' ? numberGiven(event) : null;
    if (number !== null && !this.numbers.has(number)) this.numbers.set(number, streamId);
  }
}

/**
 * Why the hub does not take `event`'s actor as who it says, or null. Nothing the event says is
 * trusted: the person must be registered at the hub (by directory events pushed before) in the
 * desk's office with the role the event claims, and a role that office has. A directory event may
 * also come from a person registering themselves as the office's first user, or from one who
 * manages users there.
 */
async function actorProblem(
  view: BatchView,
  device: Device,
  stream: Stream,
  event: KnownEvent & { readonly type: string; readonly userId?: string },
): Promise<string | null> {
  const { actor } = event;
  if (!isRoleOfOffice(actor.role, device.officeKind)) return 'sync:reject.actorRole';
  const user = await view.user(actor.userId);
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
  view: BatchView,
  event: CaseEvent,
  calendar: WorkingCalendar,
): Promise<string | null> {
  const state = foldCase(await view.caseEvents(event.caseId));
  const check = canAppend(state, event.type, event.actor, {
    payload: event.payload,
    context: { calendar },
  });
  return check.ok ? null : check.reason;
}

/**
 * Why the district does not take the registration number `event` gives its case, or null: another
 * case of the district holds it, stored before or accepted earlier in this batch.
 */
function numberProblem(view: BatchView, event: CaseEvent): string | null {
  const number = numberGiven(event);
  if (number === null) return null;
  const holder = view.numberHolder(number);
  return holder === undefined || holder === event.caseId ? null : 'sync:reject.numberTaken';
}

/** An event that passed every rule: stored at the end of the batch, in one statement. */
interface Accepted {
  readonly stream: Stream;
  readonly streamId: string;
  readonly officeId: string;
  readonly event: KnownEvent;
}

async function judge(
  view: BatchView,
  device: Device,
  travelling: TravellingEvent,
  calendar: WorkingCalendar,
): Promise<Receipt | Accepted> {
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
  const repeated = storedReceipt(view.storedBody(event.id), event);
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
    view,
    device,
    travelling.stream,
    event as KnownEvent & { type: string; userId?: string },
  );
  if (actorIssue) return { id: event.id, status: 'rejected', reason: actorIssue };
  if (travelling.stream === 'user') {
    const subject = await view.userState(streamId);
    const problem = directoryEventProblem(subject, event as unknown as DirectoryEvent);
    if (problem) return { id: event.id, status: 'rejected', reason: problem };
  }
  const owner = await view.office(travelling.stream, streamId);
  if (owner !== null && !districtDesk && owner !== device.officeId) {
    return { id: event.id, status: 'rejected', reason: 'sync:reject.outOfScope' };
  }
  // A case opened for another office (proactive assistance the district opens for an okrug, R-PRO-1)
  // belongs to that office, which must be an akimat of the device's district.
  const opensFor =
    owner === null && travelling.stream === 'case'
      ? openingOfficeOf(event as unknown as CaseEvent)
      : event.actor.officeId;
  if (opensFor !== event.actor.officeId && !(await view.isAkimatOfDistrict(opensFor))) {
    return { id: event.id, status: 'rejected', reason: 'sync:reject.outOfScope' };
  }
  const signatureIssue = await signatureProblem(
    travelling.stream,
    event as unknown as SignableEvent,
    async (userId) => (await view.user(userId))?.keys ?? [],
  );
  if (signatureIssue) return { id: event.id, status: 'rejected', reason: signatureIssue };
  if (travelling.stream === 'case') {
    const caseEvent = event as unknown as CaseEvent;
    const problem =
      (await transitionProblem(view, caseEvent, calendar)) ?? numberProblem(view, caseEvent);
    if (problem) return { id: event.id, status: 'rejected', reason: problem };
  }
  const accepted = {
    stream: travelling.stream,
    streamId,
    officeId: owner ?? opensFor,
    event,
  };
  await view.accept(accepted.stream, streamId, accepted.officeId, event);
  return accepted;
}

/** The receipt for an id the hub already holds: duplicate, or refused for other content; else null. */
function storedReceipt(
  stored: { found: boolean; body: unknown },
  event: KnownEvent,
): Receipt | null {
  if (!stored.found) return null;
  return canonicalJson(stored.body) === canonicalJson(event)
    ? { id: event.id, status: 'duplicate' }
    : { id: event.id, status: 'rejected', reason: 'sync:reject.idReused' };
}

/**
 * Takes in one pushed batch in one transaction: a receipt per event, in the batch's order. The batch
 * is judged against one read of the log (BatchView) and what passes is stored in one statement.
 */
export function pushEvents(
  db: HubDatabase,
  device: Device,
  events: readonly TravellingEvent[],
  nowMs: number,
): Promise<Receipt[]> {
  return db.transaction(async (tx) => {
    // A judgement is started over only for a number taken by another case after the batch was read;
    // the next read shows it taken, so that event is refused: no number starts the batch over twice.
    for (let round = 0; round <= events.length; round++) {
      const receipts = await judgeAndStore(tx, device, events, nowMs);
      if (receipts !== null) return receipts;
    }
    throw new Error('A pushed batch was judged again more often than it gives numbers');
  });
}

/**
 * Judges a batch and stores what passes, in the push's transaction; null, with nothing of it kept,
 * when a registration number it gives went to another case after the batch was read (another hub
 * process stored it meanwhile): the batch must be judged again.
 */
async function judgeAndStore(
  tx: Queryable,
  device: Device,
  events: readonly TravellingEvent[],
  nowMs: number,
): Promise<Receipt[] | null> {
  const { view, calendarVersion } = await BatchView.load(tx, device.districtId, events);
  // Terms are judged on the calendar the hub hands to desks (reference data).
  const calendar = await calendarOfVersion(tx, calendarVersion);
  const judged: (Receipt | Accepted)[] = [];
  for (const travelling of events) judged.push(await judge(view, device, travelling, calendar));
  const accepted = judged.filter((j): j is Accepted => !('status' in j));
  const numbered = accepted.some((a) => a.stream === 'case' && numberGiven(a.event) !== null);
  // The savepoint goes out with the statement after it (one round trip on a pipelined connection,
  // ../db); it is sent first, so it is in place before anything is stored.
  const saved = numbered ? tx.query('savepoint judged_batch') : null;
  const [, { inserted, numbersHeld }] = await Promise.all([
    saved,
    storeBatch(tx, device, accepted, nowMs),
  ]);
  if (!numbersHeld) {
    await tx.query('rollback to savepoint judged_batch');
    return null;
  }
  const receipts: Receipt[] = [];
  for (const j of judged) {
    if ('status' in j) receipts.push(j);
    else if (inserted.has(j.event.id)) {
      receipts.push({ id: j.event.id, status: 'accepted', receivedAtMs: nowMs });
    } else {
      // Another push stored the same id in the meantime.
      const stored = await tx.query<{ body: unknown }>(
        'select body from hub_events where district_id = $1 and id = $2',
        [device.districtId, j.event.id],
      );
      receipts.push(
        storedReceipt({ found: stored.rows.length > 0, body: stored.rows[0]?.body }, j.event) ?? {
          id: j.event.id,
          status: 'rejected',
          reason: 'sync:reject.idReused',
        },
      );
    }
  }
  return receipts;
}

/**
 * Stores the accepted events and the numbers their Registered events give, in one statement: the
 * events (those another push stored meanwhile are left as they are), then a number for each stored
 * event that gives one (hub_case_numbers). `inserted`: the ids this statement stored; `numbersHeld`:
 * false when a number went to another case, one committed after the batch was read. A push still
 * running that writes the same number is waited for: its number counts if it commits, not if it rolls
 * back.
 */
async function storeBatch(
  tx: Queryable,
  device: Device,
  accepted: readonly Accepted[],
  nowMs: number,
): Promise<{ inserted: Set<string>; numbersHeld: boolean }> {
  const inserted = new Set<string>();
  if (accepted.length === 0) return { inserted, numbersHeld: true };
  const given: { event: string; number: string; case_id: string }[] = [];
  for (const a of accepted) {
    const number = a.stream === 'case' ? numberGiven(a.event) : null;
    if (number !== null) given.push({ event: a.event.id, number, case_id: a.streamId });
  }
  // The numbers in their order: two pushes that write the same numbers wait for each other, never in
  // a circle.
  const { rows } = await tx.query<{
    part: 'event' | 'number';
    key: string;
    case_id: string | null;
  }>(
    `with stored as (
       insert into hub_events
         (district_id, id, stream, stream_id, office_id, device_id, body, received_at)
       select $1, r.id, r.stream, r.stream_id, r.office_id, $2, r.body, $3
       from jsonb_to_recordset($4::jsonb)
         as r(id text, stream text, stream_id text, office_id text, body jsonb, ord int)
       order by r.ord
       on conflict (district_id, id) do nothing
       returning id),
     numbered as (
       insert into hub_case_numbers (district_id, number, case_id)
       select $1, n.number, n.case_id
       from jsonb_to_recordset($5::jsonb) as n(event text, number text, case_id text)
       where n.event in (select id from stored)
       order by n.number
       on conflict (district_id, number) do nothing
       returning number, case_id)
     select 'event' as part, id as key, null as case_id from stored
     union all
     select 'number', number, case_id from numbered`,
    [
      device.districtId,
      device.id,
      new Date(nowMs),
      JSON.stringify(
        accepted.map((a, ord) => ({
          id: a.event.id,
          stream: a.stream,
          stream_id: a.streamId,
          office_id: a.officeId,
          body: a.event,
          ord,
        })),
      ),
      JSON.stringify(given),
    ],
  );
  const written = new Map<string, string>();
  for (const row of rows) {
    if (row.part === 'event') inserted.add(row.key);
    else written.set(row.key, row.case_id ?? '');
  }
  // Each number of a stored event, written for its case; one given twice in the batch is written once,
  // so the case it was written for is compared.
  const missing = given.filter((g) => inserted.has(g.event) && written.get(g.number) !== g.case_id);
  if (missing.length === 0) return { inserted, numbersHeld: true };
  const held = await tx.query<{ number: string; case_id: string }>(
    'select number, case_id from hub_case_numbers where district_id = $1 and number = any($2::text[])',
    [device.districtId, missing.map((m) => m.number)],
  );
  const holders = new Map(held.rows.map((r) => [r.number, r.case_id]));
  return { inserted, numbersHeld: missing.every((m) => holders.get(m.number) === m.case_id) };
}

/** The greatest values of the cursor's columns: an xid8 and a bigint. */
const MAX_TXID = 2n ** 64n - 1n;
const MAX_SEQ = 2n ** 63n - 1n;

/** A pull cursor: the (txid, seq) of the last row delivered; '' before the first. */
function parseCursor(cursor: string): { txid: string; seq: string } | null {
  if (cursor === '') return { txid: '0', seq: '0' };
  const match = /^(\d{1,20})\.(\d{1,19})$/.exec(cursor);
  if (!match) return null;
  const [txid = '0', seq = '0'] = match.slice(1);
  // Beyond its column's range a number is no cursor the hub gave (and would fail the query).
  return BigInt(txid) <= MAX_TXID && BigInt(seq) <= MAX_SEQ ? { txid, seq } : null;
}

export type PullResult<E = PulledEvent> =
  | { ok: true; events: E[]; cursor: string; more: boolean }
  | { ok: false; reason: 'sync:errors.badCursor' };

// What a pull reads of a row (but for its cursor columns), and the window after the cursor: $1 the
// district, $2 and $3 the cursor, $5 the device (its own rows are walked without their bodies).
const PULL_COLUMNS = `stream,
       case when device_id = $5 then null else body::text end as body,
       floor(extract(epoch from received_at) * 1000)::float8 as received_ms`;
const PULL_WINDOW = `(txid, seq) > ($2::text::xid8, $3::bigint)
       and txid < pg_snapshot_xmin(pg_current_snapshot())`;

/** The district department's desk: the whole district, in (txid, seq) order (hub_events_pull). */
const DISTRICT_PULL_SQL = `select ${PULL_COLUMNS},
       txid::text as txid_text, seq::text as seq_text
     from hub_events
     where district_id = $1 and ${PULL_WINDOW}
     order by txid, seq
     limit $4`;

/**
 * An akimat's desk: its own office's rows (hub_events_pull_office), and the directory events of the
 * district department's heads ($7, the district kind's head role), so the akimat's desk holds the key
 * a signed result arriving from the district was made with and checks it (key-registry
 * registeredKeyAt, R-DEC-5). Only the heads' streams, found by their registration at an office of
 * the district kind, and nobody else of the department or of another okrug: directory events carry
 * no PIN, hash or private key (shared/directory). The heads are found among the district's directory
 * events alone (hub_events_stream; `offset 0` keeps the planner from reaching them through the
 * department's office, which would read all its cases: pull-plan.test.ts), and their streams are few
 * and short. Each part is ordered and cut at the page's size, so the merge is exact.
 */
export const AKIMAT_PULL_SQL = `select stream, body, received_ms,
       txid::text as txid_text, seq::text as seq_text
     from (
       (select ${PULL_COLUMNS}, txid, seq from hub_events
        where district_id = $1 and office_id = $6 and ${PULL_WINDOW}
        order by txid, seq
        limit $4)
       union all
       (select ${PULL_COLUMNS}, txid, seq from hub_events
        where district_id = $1 and stream = 'user' and office_id <> $6
          and stream_id in (
            select h.stream_id
            from (select r.stream_id, r.office_id from hub_events r
                  where r.district_id = $1 and r.stream = 'user'
                    and r.body ->> 'type' = 'UserRegistered'
                    and r.body -> 'payload' ->> 'role' = $7
                  offset 0) h
            join offices o on o.district_id = $1 and o.id = h.office_id and o.kind = 'district')
          and ${PULL_WINDOW}
        order by txid, seq
        limit $4)
     ) scoped
     order by txid, seq
     limit $4`;

/** A pulled event with its body as the JSON text the hub holds (the jsonb as text), not parsed. */
export interface PulledEventText {
  readonly stream: Stream;
  readonly body: string;
  readonly receivedAtMs: number;
}

/**
 * The next page of events in the device's scope after `cursor`, but for those it pushed itself, each
 * body as stored: the pull route copies them into its reply without parsing them (../http/wire).
 */
export async function pullEventTexts(
  db: Queryable,
  device: Device,
  cursor: string,
  limit: number,
): Promise<PullResult<PulledEventText>> {
  const after = parseCursor(cursor);
  if (after === null) return { ok: false, reason: 'sync:errors.badCursor' };
  // An akimat's pull walks its own office's rows (index hub_events_pull_office, 0006) and the
  // district heads' directory events, the district department's the whole district's
  // (hub_events_pull): two statements, so each plan uses its index.
  // A device is not sent back what it pushed itself: it holds those events (a reinstalled or restored
  // desk enrolls again, as a new device, and gets them all). Its own rows are still walked, without
  // their bodies, so the cursor moves past them and the next pull does not read them again.
  // Bodies come as the jsonb's text, not parsed on the way through (a bytea would cross as hex: twice
  // the bytes, and hex to write and read), and the receipt time as whole milliseconds.
  const params = [device.districtId, after.txid, after.seq, limit + 1, device.id];
  const { rows } = await db.query<{
    stream: Stream;
    body: string | null;
    received_ms: number;
    txid_text: string;
    seq_text: string;
  }>(
    device.officeKind === 'district' ? DISTRICT_PULL_SQL : AKIMAT_PULL_SQL,
    device.officeKind === 'district'
      ? params
      : [...params, device.officeId, OFFICE_ROLE_POLICY.district.head],
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const events: PulledEventText[] = [];
  for (const r of page) {
    if (r.body !== null) {
      events.push({ stream: r.stream, body: r.body, receivedAtMs: Number(r.received_ms) });
    }
  }
  return {
    ok: true,
    events,
    // Ordered by the columns themselves (the text copies have other names: an alias would sort as text).
    cursor: last ? `${last.txid_text}.${last.seq_text}` : cursor,
    more: rows.length > limit,
  };
}

/** The next page of events in the device's scope after `cursor`, but for those it pushed itself. */
export async function pullEvents(
  db: Queryable,
  device: Device,
  cursor: string,
  limit: number,
): Promise<PullResult> {
  const page = await pullEventTexts(db, device, cursor, limit);
  if (!page.ok) return page;
  return {
    ...page,
    events: page.events.map((e) => ({
      stream: e.stream,
      event: JSON.parse(e.body) as unknown,
      receivedAtMs: e.receivedAtMs,
    })),
  };
}
