// The desk's record of its clock being moved (issue 11 §7): each jump the frame's clock watch
// notices (shared/clock clock-watch), with who was logged in and when, shown on the system page. It
// is a local audit record, not a case event: the clock of a laptop is not a fact about any case, and
// the events' own stamps (HLC, legal time, the hub's receipt time) already keep every case in order.
// What must stay true:
// - A record is written once per jump, in one transaction with the list it joins; the list keeps the
//   newest MAX_CLOCK_JUMPS (a desk whose clock is broken does not grow its database without end).
// - A jump against the HLC is judged from the 'hlc' setting event-log.ts keeps: the highest wall time
//   this desk has stamped.
import { z } from 'zod';
import { jumpAgainstHighWater, type ClockJump, type HlcState } from '../../../shared/clock';
import type { DeskDatabase } from './database';

export const CLOCK_JUMPS_SETTING = 'audit.clockJumps';
export const MAX_CLOCK_JUMPS = 200;

const recordSchema = z.object({
  id: z.string(),
  kind: z.enum(['backward', 'forward']),
  basis: z.enum(['session', 'hlc', 'hub']),
  deltaMs: z.number(),
  expectedMs: z.number(),
  shownMs: z.number(),
  /** The desk clock when the jump was noticed. */
  noticedAtMs: z.number(),
  /** Who was logged in (null: nobody, the login screen was open). */
  userId: z.string().nullable(),
  userName: z.string().nullable(),
});
export type ClockJumpRecord = z.infer<typeof recordSchema>;

export interface ClockJumpContext {
  readonly nowMs: number;
  readonly newId: () => string;
  readonly user: { readonly id: string; readonly name: string } | null;
}

async function readRecords(db: DeskDatabase): Promise<ClockJumpRecord[]> {
  const parsed = z
    .array(recordSchema)
    .safeParse((await db.settings.get(CLOCK_JUMPS_SETTING))?.value);
  return parsed.success ? parsed.data : [];
}

/** Adds a jump to the record; returns what was stored. */
export function recordClockJump(
  db: DeskDatabase,
  jump: ClockJump,
  ctx: ClockJumpContext,
): Promise<ClockJumpRecord> {
  return db.transaction('rw', db.settings, async () => {
    const record: ClockJumpRecord = {
      id: ctx.newId(),
      ...jump,
      noticedAtMs: ctx.nowMs,
      userId: ctx.user?.id ?? null,
      userName: ctx.user?.name ?? null,
    };
    const records = [record, ...(await readRecords(db))].slice(0, MAX_CLOCK_JUMPS);
    await db.settings.put({ key: CLOCK_JUMPS_SETTING, value: records });
    return record;
  });
}

/** The recorded jumps, the newest first. */
export async function clockJumps(db: DeskDatabase): Promise<ClockJumpRecord[]> {
  return (await readRecords(db)).sort((a, b) => b.noticedAtMs - a.noticedAtMs);
}

/** The clock now set back below the highest time this desk has stamped, or null. */
export async function clockJumpAgainstHlc(
  db: DeskDatabase,
  nowMs: number,
): Promise<ClockJump | null> {
  const hlc = (await db.settings.get('hlc'))?.value as HlcState | undefined;
  if (typeof hlc?.wallMs !== 'number') return null;
  return jumpAgainstHighWater(hlc.wallMs, nowMs);
}
