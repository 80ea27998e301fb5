// What every log of the desk shares (cases, registers, the directory): the envelope stamped on a new
// event, and its outbox entry. The HLC lives in the settings table and is advanced in the caller's
// transaction, so stamps of this desk never repeat or go backwards.
import { EVENT_SCHEMA_VERSION, type Actor } from '../../../shared/events/envelope';
import { createHlc, receive, tick, type HlcState } from '../../../shared/clock';
import type { LocalDateTime } from '../../../shared/time';
import type { DeskDatabase, EventStream } from './database';

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

/** A new event's envelope: a fresh id, this desk's schema version, the actor, and the next stamp. */
export async function stampEnvelope(
  db: DeskDatabase,
  ctx: EnvelopeContext,
): Promise<StampedEnvelope> {
  const row = await db.settings.get(HLC_SETTING);
  const current = (row?.value as HlcState | undefined) ?? createHlc(ctx.actor.deviceId);
  const { state, stamp } = tick(current, ctx.nowMs);
  await db.settings.put({ key: HLC_SETTING, value: state });
  return {
    id: ctx.newId(),
    v: EVENT_SCHEMA_VERSION,
    actor: ctx.actor,
    legalTime: ctx.legalTime,
    hlc: stamp,
  };
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
  const row = await db.settings.get(HLC_SETTING);
  let state = row?.value as HlcState | undefined;
  if (state === undefined) return;
  for (const stamp of stamps) state = receive(state, stamp, nowMs);
  await db.settings.put({ key: HLC_SETTING, value: state });
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
