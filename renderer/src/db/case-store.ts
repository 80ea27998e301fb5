import {
  canAppend,
  foldCase,
  nextRegistrationNumber,
  parseCaseEvent,
  type Actor,
  type AppendOptions,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  type DeskNumbering,
  type EventSignature,
  type PayloadOf,
  type RuleOptions,
} from '../../../shared/case';
import { createHlc, tick, type HlcState } from '../../../shared/clock';
import type { LocalDateTime } from '../../../shared/time';
import { caseRowOf, personRowOf } from './case-projection';
import type { DeskDatabase } from './database';

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

const HLC_SETTING = 'hlc';

async function nextStamp(db: DeskDatabase, ctx: ActContext): Promise<string> {
  const row = await db.settings.get(HLC_SETTING);
  const current = (row?.value as HlcState | undefined) ?? createHlc(ctx.actor.deviceId);
  const { state, stamp } = tick(current, ctx.nowMs);
  await db.settings.put({ key: HLC_SETTING, value: state });
  return stamp;
}

/** Reads a case's events and folds them. */
export async function loadCase(db: DeskDatabase, caseId: string): Promise<CaseState> {
  return foldCase(await db.events.where('caseId').equals(caseId).toArray());
}

const WRITE_TABLES = (db: DeskDatabase) => [
  db.events,
  db.outbox,
  db.cases,
  db.people,
  db.settings,
  db.counters,
];

/**
 * Appends one event inside the caller's transaction: checks the transition table against the folded
 * case, validates the envelope with the shared schema, then writes the event, its outbox entry and the
 * rebuilt journal row together. Nothing is written when any check fails.
 */
async function appendInTransaction<T extends CaseEventType>(
  db: DeskDatabase,
  draft: EventDraft<T>,
  ctx: ActContext,
  rules: RuleOptions,
): Promise<AppendResult> {
  const existing = await db.events.where('caseId').equals(draft.caseId).toArray();
  const before = foldCase(existing);
  // Same T on both sides; TypeScript cannot relate the deferred payload types across the d.ts boundary.
  const options = { ...rules, payload: draft.payload } as unknown as AppendOptions<T>;
  const check = canAppend<T>(before, draft.type, ctx.actor.role, options);
  if (!check.ok) return { ok: false, reason: check.reason };

  const candidate = {
    id: ctx.newId(),
    caseId: draft.caseId,
    type: draft.type,
    payload: draft.payload,
    actor: ctx.actor,
    legalTime: ctx.legalTime,
    hlc: await nextStamp(db, ctx),
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
  const after = foldCase([...existing, event]);
  await db.events.add(event);
  await db.outbox.add({ eventId: event.id, caseId: event.caseId, createdAtMs: ctx.nowMs });
  const row = caseRowOf(after, ctx.nowMs);
  if (row) await db.cases.put(row);
  if (event.type === 'Registered' || event.type === 'AcceptanceRefused') {
    const person = personRowOf(after, ctx.nowMs);
    if (person) await db.people.put(person);
  }
  return { ok: true, event, state: after };
}

/** Appends one event to a case; see appendInTransaction for what is checked. */
export function appendEvent<T extends CaseEventType>(
  db: DeskDatabase,
  draft: EventDraft<T>,
  ctx: ActContext,
  rules: RuleOptions = {},
): Promise<AppendResult> {
  return db.transaction('rw', WRITE_TABLES(db), () => appendInTransaction(db, draft, ctx, rules));
}

/**
 * Appends several events in one transaction: all are saved, or none (e.g. forwarding a register).
 * `also` runs in the same transaction after the events, for rows that belong with them.
 */
export async function appendEvents(
  db: DeskDatabase,
  drafts: EventDraft[],
  ctx: ActContext,
  also?: () => Promise<void>,
): Promise<AppendResult> {
  let failure: AppendResult | null = null;
  let last: AppendResult = { ok: false, reason: 'case:validation.invalid' };
  try {
    await db.transaction('rw', [...WRITE_TABLES(db), db.registers], async (tx) => {
      for (const draft of drafts) {
        last = await appendInTransaction(db, draft, ctx, {});
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

export type RegistrationDraft = Omit<PayloadOf<'Registered'>, 'registrationNumber'>;

/**
 * Registers an application: the journal number comes from this desk's counter for the year of the
 * registration date, taken in the same transaction as the event, so two registrations never share a
 * number and a refused one uses none.
 */
export function registerApplication(
  db: DeskDatabase,
  caseId: string,
  draft: RegistrationDraft,
  numbering: DeskNumbering,
  ctx: ActContext,
  rules: RuleOptions = {},
): Promise<AppendResult> {
  return db.transaction('rw', WRITE_TABLES(db), async () => {
    const year = Number(draft.registrationDate.slice(0, 4));
    const key = `registration:${year}`;
    const last = (await db.counters.get(key))?.value ?? 0;
    const { seq, number } = nextRegistrationNumber(last, numbering, year);
    const result = await appendInTransaction(
      db,
      { caseId, type: 'Registered', payload: { ...draft, registrationNumber: number } },
      ctx,
      rules,
    );
    if (result.ok) await db.counters.put({ key, value: seq });
    return result;
  });
}
