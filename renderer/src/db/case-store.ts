// The case store: the only way a case event is written on the desk. What must stay true:
// - One transaction per act: the event, its outbox entry and the rebuilt journal row (journalRowOf)
//   are written together or not at all.
// - The store, not the caller, works out every input of a rule: the working-day calendar the desk is
//   using now (deskCalendar), the catalog, and the dates in the case's own log. A caller passes only
//   the act (who, when, ids) and the payload.
// - The actor must be an active user of this desk with the role the act claims.
// - Time and ids come from the ActContext, so tests pass fixed ones.
import { Dexie } from 'dexie';
import {
  canAppend,
  classifyIncomingCaseEvent,
  foldCase,
  nextRegistrationNumber,
  parseCaseEvent,
  rejection,
  type Actor,
  type Applicant,
  type AppendOptions,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  type DeskNumbering,
  type EventSignature,
  type PayloadOf,
} from '../../../shared/case';
import type { DailyHours, WorkingCalendar } from '../../../shared/calendar';
import type { HlcState } from '../../../shared/clock';
import { officeHoursOf } from '../../../shared/office';
import { catalogRouteOfIntake, planRegistration } from '../../../shared/intake';
import { journalNameTokens, type JournalRow } from '../../../shared/journal';
import type { LocalDateTime } from '../../../shared/time';
import {
  journalRowOf,
  personRowOf,
  readJournalBasis,
  writeJournalRows,
  writeJournalRowsOver,
  type JournalBasis,
} from './case-projection';
import type { DeskDatabase, PersonRow } from './database';
import { caseEventsOf, eventsByCase, type EventRunRow } from './event-rows';
import { deskCalendar } from './desk-calendar';
import { loadOfficeProfile } from './office-repository';
import {
  nextEnvelope,
  prepareIncoming,
  readHlc,
  receiveEvents,
  writeHlc,
  type IncomingLog,
  type Pack,
  type PreparedEvents,
} from './event-log';
import { blindValuesAhead, prepareBlindValues } from './at-rest';
import { signedEventProblem } from './signatures';

/** Who acts, when, and how new ids are made: passed in, so the store is testable with fixed values. */
export interface ActContext {
  actor: Actor;
  /** The legal time of the act at the office. */
  legalTime: LocalDateTime;
  nowMs: number;
  newId: () => string;
}

export interface EventDraft<T extends CaseEventType = CaseEventType> {
  caseId: string;
  type: T;
  payload: PayloadOf<T>;
  signature?: EventSignature;
}

export type AppendResult =
  | { ok: true; event: CaseEvent; state: CaseState }
  /** `reason` is a message key (`case:rejections.*`, `case:validation.*`). */
  | { ok: false; reason: string; field?: string };

/** Reads a case's events and folds them. */
export async function loadCase(db: DeskDatabase, caseId: string): Promise<CaseState> {
  return foldCase(await caseEventsOf(db, caseId));
}

/** The tables an append writes or reads: callers that wrap appends in a larger transaction add theirs. */
export const CASE_WRITE_TABLES = (db: DeskDatabase) => [
  db.events,
  db.heldEvents,
  db.outbox,
  db.cases,
  db.caseNames,
  db.caseLate,
  db.people,
  db.settings,
  db.counters,
  db.users,
  // Read by signedEventProblem: the signer's key registered at the event's time (signatures.ts).
  db.userEvents,
];

/** The actor is an active user of this desk with the role the act claims. */
async function actorCheck(db: DeskDatabase, actor: Actor): Promise<string | null> {
  const user = await db.users.get(actor.userId);
  if (!user || !user.active || user.role !== actor.role) return rejection('unknownActor');
  return null;
}

/**
 * The journal rows and people of cases that arrived from elsewhere, with one read of their events and
 * held events and one write of their rows, names and people: a pulled page touches up to 500 cases.
 * Each row is exactly what an append on this desk writes for its case (journalRowOf).
 */
async function projectCases(
  db: DeskDatabase,
  caseIds: readonly string[],
  logs: ReadonlyMap<string, readonly CaseEvent[]>,
  calendar: WorkingCalendar,
  nowMs: number,
  unlogged?: ReadonlySet<string>,
): Promise<void> {
  if (caseIds.length === 0) return;
  // Held events come only from newer desks: while the desk holds none, no case needs its count.
  const held =
    (await db.heldEvents.count()) === 0
      ? caseIds.map(() => 0)
      : await Promise.all(caseIds.map((id) => db.heldEvents.where('caseId').equals(id).count()));
  const rows: JournalRow[] = [];
  const people = new Map<string, PersonRow>();
  for (const [i, id] of caseIds.entries()) {
    const state = foldCase(logs.get(id) ?? []);
    if (state.caseId === null) continue;
    const row = journalRowOf(state, calendar, nowMs, { heldEvents: held[i] ?? 0 });
    if (row) rows.push(row);
    const person = personRowOf(state, nowMs);
    // Two cases of one person in a page: the later one written wins, as one by one.
    if (person) people.set(person.iin, person);
  }
  await writeJournalRows(db, rows, unlogged);
  await db.people.bulkPut([...people.values()]);
}

/**
 * What an append reads before it judges, all in one round of reads: whether the actor may act, the
 * calendar, the case's log, this desk's clock, the case's held events and what its journal row is
 * written over.
 */
interface AppendBasis {
  readonly actorProblem: string | null;
  readonly calendar: WorkingCalendar;
  readonly existing: readonly CaseEvent[];
  readonly hlc: HlcState | undefined;
  readonly heldEvents: number;
  readonly journal: JournalBasis;
}

function readAppendBasis(db: DeskDatabase, caseId: string, actor: Actor): PromiseLike<AppendBasis> {
  return Dexie.Promise.all([
    actorCheck(db, actor),
    deskCalendar(db),
    caseEventsOf(db, caseId),
    readHlc(db),
    db.heldEvents.where('caseId').equals(caseId).count(),
    readJournalBasis(db, [caseId]),
  ]).then(([actorProblem, calendar, existing, hlc, heldEvents, journal]) => ({
    actorProblem,
    calendar,
    existing,
    hlc,
    heldEvents,
    journal,
  }));
}

/**
 * Appends one event inside the caller's transaction: checks the actor, the transition table and every
 * rule against the folded case, validates the envelope with the shared schema, then writes the event,
 * its outbox entry, the clock and the rebuilt journal row together. Nothing is written when any check
 * fails. One round of reads (AppendBasis) and one of writes: at 100,000 cases on disk each round
 * costs milliseconds.
 */
export async function appendInTransaction<T extends CaseEventType>(
  db: DeskDatabase,
  draft: EventDraft<T>,
  ctx: ActContext,
): Promise<AppendResult> {
  return appendOnBasis(db, await readAppendBasis(db, draft.caseId, ctx.actor), draft, ctx);
}

/**
 * appendInTransaction on a basis read in this transaction; `also` gives writes that belong with the
 * event (a registration's number counter), made in the same round only when the event is written.
 */
async function appendOnBasis<T extends CaseEventType>(
  db: DeskDatabase,
  basis: AppendBasis,
  draft: EventDraft<T>,
  ctx: ActContext,
  also: () => PromiseLike<unknown> | null = () => null,
): Promise<AppendResult> {
  if (basis.actorProblem) return { ok: false, reason: basis.actorProblem };
  const { calendar, existing } = basis;
  const before = foldCase(existing);
  // Same T on both sides; TypeScript cannot relate the deferred payload types across the d.ts boundary.
  const options = { payload: draft.payload, context: { calendar } } as unknown as AppendOptions<T>;
  const check = canAppend<T>(before, draft.type, ctx.actor, options);
  if (!check.ok) return { ok: false, reason: check.reason };

  const { envelope, hlc } = nextEnvelope(basis.hlc, ctx);
  const candidate = {
    ...envelope,
    caseId: draft.caseId,
    type: draft.type,
    payload: draft.payload,
    ...(draft.signature ? { signature: draft.signature } : {}),
  };
  const parsed = parseCaseEvent(candidate);
  if (!parsed.ok) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: issue?.message ?? 'case:validation.invalid',
      ...(issue ? { field: issue.path.join('.') } : {}),
    };
  }
  const event = parsed.event;
  // Signed events: the key registered for the actor then, over a signature verified before the
  // transaction (renderer/src/db/signatures.ts). IndexedDB reads only.
  const signatureProblem = await signedEventProblem(db, event);
  if (signatureProblem) return { ok: false, reason: signatureProblem };
  const after = foldCase([...existing, event]);
  const row = journalRowOf(after, calendar, ctx.nowMs, { heldEvents: basis.heldEvents });
  // The person a later intake fills in from: written at opening (a proactive case's too, as a desk
  // the case reaches by sync writes it, projectCases) and again after a correction.
  const opened =
    event.type === 'Registered' ||
    event.type === 'AcceptanceRefused' ||
    event.type === 'ProactiveCaseOpened' ||
    (event.type === 'ApplicationCorrected' && event.payload.applicant !== undefined);
  const person = opened ? personRowOf(after, ctx.nowMs) : null;
  // Every write at once (Dexie promises: see case-projection writeJournalRowsOver).
  await Dexie.Promise.all([
    db.events.add(event),
    db.outbox.add({
      eventId: event.id,
      stream: 'case',
      streamId: event.caseId,
      caseId: event.caseId,
      createdAtMs: ctx.nowMs,
    }),
    writeHlc(db, hlc),
    row ? writeJournalRowsOver(db, [row], basis.journal) : null,
    person ? db.people.put(person) : null,
    also(),
  ]);
  return { ok: true, event, state: after };
}

/** Appends one event to a case; see appendInTransaction for what is checked. */
export function appendEvent<T extends CaseEventType>(
  db: DeskDatabase,
  draft: EventDraft<T>,
  ctx: ActContext,
): Promise<AppendResult> {
  return db.transaction('rw', CASE_WRITE_TABLES(db), () => appendInTransaction(db, draft, ctx));
}

/**
 * Appends several events in one transaction: all are saved, or none (e.g. forwarding a register).
 * `also` runs in the same transaction after the events, for rows that belong with them; `tables` are
 * the extra tables it writes.
 */
export async function appendEvents(
  db: DeskDatabase,
  drafts: EventDraft[],
  ctx: ActContext,
  also?: () => Promise<void>,
  tables: readonly Parameters<DeskDatabase['transaction']>[1][] = [db.registers],
): Promise<AppendResult> {
  let failure: AppendResult | null = null;
  let last: AppendResult = { ok: false, reason: 'case:validation.invalid' };
  try {
    await db.transaction('rw', [...CASE_WRITE_TABLES(db), ...tables.flat()], async (tx) => {
      for (const draft of drafts) {
        last = await appendInTransaction(db, draft, ctx);
        if (!last.ok) {
          failure = last;
          // Nothing of a partly valid batch is kept.
          tx.abort();
          return;
        }
      }
      if (also) await also();
    });
  } catch (error) {
    if (failure === null) throw error;
  }
  return failure ?? last;
}

export interface ImportResult {
  /** Events new to this desk, stored and folded. */
  readonly stored: number;
  /** Events this desk already had (a repeated delivery changes nothing). */
  readonly duplicates: number;
  /** Events from a newer desk, kept without folding. */
  readonly held: number;
  /** Ids (or '?') of what is not an event of any version: reported, never stored. */
  readonly invalid: readonly string[];
}

/**
 * Takes in case events that arrived from elsewhere (the hub, a file): the path sync uses. What this
 * desk understands is stored once by id and folded (an event that does not fit the case becomes a
 * conflict of the fold, never a loss); what a newer desk wrote is held as it came and the case says
 * an update is needed; nothing is sent back out. The journal rows of the cases touched are rebuilt.
 * Opens its own transaction after sealing ahead (prepareCaseImport); a caller with a transaction of its
 * own prepares before it and calls importPreparedCaseEvents inside.
 */
export async function importCaseEvents(
  db: DeskDatabase,
  raws: readonly unknown[],
  nowMs: number,
): Promise<ImportResult> {
  const prepared = await prepareCaseImport(db, raws);
  // An async scope: Dexie keeps its transaction across native awaits only for async functions.
  return db.transaction('rw', CASE_WRITE_TABLES(db), async () =>
    importPreparedCaseEvents(db, prepared, nowMs),
  );
}

/**
 * A case's events that arrive together are stored in one row (event-rows.ts EventRunRow), in the order
 * they came; a lone event is its own row, as one made here is.
 */
export function packCaseEvents(events: readonly CaseEvent[]): Pack<CaseEvent>[] {
  return [...eventsByCase(events).values()].map((run) => {
    const [first] = run;
    if (first === undefined || run.length === 1) return { row: first ?? {}, events: run };
    const row: EventRunRow = { id: first.id, caseId: first.caseId, run };
    return { row, events: run };
  });
}

const caseLog = (db: DeskDatabase): IncomingLog<CaseEvent> => ({
  stream: 'case',
  classify: classifyIncomingCaseEvent,
  table: db.events,
  streamField: 'caseId',
  pack: packCaseEvents,
});

/**
 * Case events that arrived, made ready outside any transaction: classified, sealed ahead, and the
 * blind values of the IINs and names they carry made, so storing them and their journal rows waits on
 * as little WebCrypto as the desk's sealing allows.
 */
export async function prepareCaseImport(
  db: DeskDatabase,
  raws: readonly unknown[],
): Promise<PreparedEvents<CaseEvent>> {
  const prepared = await prepareIncoming(db, caseLog(db), raws);
  const applicants = prepared.classified.flatMap(({ incoming }) => {
    const applicant =
      incoming.kind === 'known'
        ? (incoming.event.payload as { applicant?: Applicant }).applicant
        : undefined;
    return applicant ? [applicant] : [];
  });
  await blindValuesAhead(
    db.atRest,
    applicants.map((a) => a.iin),
    journalNameTokens(applicants),
  );
  return prepared;
}

/** From this many cases, a delivery finds which of them the desk holds before reading their logs. */
export const LOGGED_WALK_FROM = 32;

/**
 * The stored events of each case, in their order, all asked at once in the caller's transaction: one
 * key range a case. A delivery of many cases (an initial sync's pages, where most cases are new to the
 * desk) first walks the caseId index's keys over them, one cursor hopping from id to id, and reads
 * only the logs it found: in this Chromium a cursor step costs a fraction of a read.
 */
export function storedLogsOf(
  db: DeskDatabase,
  caseIds: readonly string[],
): PromiseLike<CaseEvent[][]> {
  const read = (logged: (id: string) => boolean) =>
    Dexie.Promise.all(caseIds.map((id) => (logged(id) ? caseEventsOf(db, id) : [])));
  if (caseIds.length < LOGGED_WALK_FROM) return read(() => true);
  return db.events
    .where('caseId')
    .anyOf([...caseIds])
    .keys()
    .then((keys) => {
      const logged = new Set(keys.map(String));
      return read((id) => logged.has(id));
    });
}

/**
 * importCaseEvents inside the caller's transaction (which holds CASE_WRITE_TABLES), on events
 * prepared before it (prepareCaseImport). The logs of the cases touched are read before anything is
 * stored: they tell which events are already here, and are folded with what arrived, so nothing
 * just written is read back.
 */
export async function importPreparedCaseEvents(
  db: DeskDatabase,
  prepared: PreparedEvents<CaseEvent>,
  nowMs: number,
): Promise<ImportResult> {
  const touched = new Set<string>();
  for (const { incoming } of prepared.classified) {
    if (incoming.kind === 'known') touched.add(incoming.event.caseId);
    else if (incoming.kind === 'newer' && typeof incoming.raw['caseId'] === 'string') {
      touched.add(incoming.raw['caseId']);
    }
  }
  const caseIds = [...touched];
  const [stored, calendar] = await Dexie.Promise.all([storedLogsOf(db, caseIds), deskCalendar(db)]);
  const known = new Set(stored.flatMap((list) => list.map((e) => e.id)));
  const { changed, heldIn, arrived, ...counts } = await receiveEvents<CaseEvent>(
    db,
    caseLog(db),
    prepared,
    nowMs,
    known,
  );
  const logs = new Map(caseIds.map((id, i): [string, CaseEvent[]] => [id, [...(stored[i] ?? [])]]));
  // Cases this desk held no event of: they have no journal row to read (readJournalBasis).
  const unlogged = new Set(caseIds.filter((id) => logs.get(id)?.length === 0));
  for (const e of arrived) logs.get(e.caseId)?.push(e);
  await projectCases(db, [...new Set([...changed, ...heldIn])], logs, calendar, nowMs, unlogged);
  return counts;
}

/**
 * What the intake gives to register an application. The registration date, the due date and the
 * rule-set are not the caller's: registerApplication works them out from the catalog and the calendar.
 */
export type RegistrationDraft = Omit<
  PayloadOf<'Registered'>,
  'registrationNumber' | 'registrationDate' | 'dueDate' | 'ruleSetId'
>;

/**
 * Registers an application: the rule-set, registration date and due date come from planRegistration
 * with the desk's calendar (R-VER-1, R-REG-1); the journal number comes from this desk's counter for
 * the year of the registration date, taken in the same transaction as the event, so two registrations
 * never share a number and a refused one uses none.
 */
export function registerApplication(
  db: DeskDatabase,
  caseId: string,
  draft: RegistrationDraft,
  numbering: DeskNumbering,
  ctx: ActContext,
): Promise<AppendResult> {
  // An async scope: Dexie keeps its transaction across native awaits only for async functions.
  return db.transaction('rw', CASE_WRITE_TABLES(db), async () =>
    registerInTransaction(db, caseId, draft, numbering, ctx),
  );
}

/**
 * registerApplication inside the caller's transaction, which must hold CASE_WRITE_TABLES (e.g. the
 * intake's, which stores the scans with the event). Nothing is written when a check fails.
 */
export async function registerInTransaction(
  db: DeskDatabase,
  caseId: string,
  draft: RegistrationDraft,
  numbering: DeskNumbering,
  ctx: ActContext,
): Promise<AppendResult> {
  // The new row's blind values (its IIN, its name's prefixes), made while this transaction reads.
  prepareBlindValues(db.atRest, [draft.applicant.iin], journalNameTokens([draft.applicant]));
  // The registration date falls in the year the application came in or, late on 31 December, the
  // next: both years' counters are read with the append's reads.
  const receivedYear = Number(draft.receivedAt.slice(0, 4));
  const years = [receivedYear, receivedYear + 1];
  const [basis, profile, counters] = await Dexie.Promise.all([
    readAppendBasis(db, caseId, ctx.actor),
    loadOfficeProfile(db),
    db.counters.bulkGet(years.map((y) => `registration:${y}`)),
  ]);
  // The office's own working hours decide the registration date under 003:31.
  const hours = officeHoursOf(profile).working;
  const planned = safePlan(draft, basis.calendar, hours);
  if (!planned.ok) return { ok: false, reason: planned.reason };
  const { plan } = planned;
  const year = Number(plan.start.date.slice(0, 4));
  const key = `registration:${year}`;
  const at = years.indexOf(year);
  const last = (at >= 0 ? counters[at] : await db.counters.get(key))?.value ?? 0;
  const { seq, number } = nextRegistrationNumber(last, numbering, year);
  return appendOnBasis(
    db,
    basis,
    {
      caseId,
      type: 'Registered',
      payload: {
        ...draft,
        ruleSetId: plan.ruleSetId,
        registrationDate: plan.start.date,
        dueDate: plan.dueDate,
        registrationNumber: number,
      },
    },
    ctx,
    () => db.counters.put({ key, value: seq }),
  );
}

function safePlan(draft: RegistrationDraft, calendar: WorkingCalendar, hours: DailyHours) {
  try {
    return planRegistration({
      serviceId: draft.serviceId,
      receivedAt: draft.receivedAt,
      calendar,
      hours,
      route: catalogRouteOfIntake(draft),
    });
  } catch {
    return { ok: false as const, reason: rejection('calendarMissing') };
  }
}
