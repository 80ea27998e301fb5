// The hub's receipt time of every event the desk holds that the hub holds: the third time an event
// keeps, beside its legal time and its stamp (issue 8 §2 "Time"). What must stay true:
// - A time is learnt from the hub only: a receipt (sync-commands applyReceiptsIn) or a pulled page
//   (applyPreparedPage), and written in the transaction that takes the receipt or the page in.
// - Times learnt together are one row per log (hubTimes, v14): a pulled case of six events is one
//   write, not six. The same event may be in several rows (a receipt, then a full resync); the hub's
//   time of an event never changes, so any of them answers.
// - Times learnt before v14 are rows of hubReceipts, one an event; hubTimesOf reads both, and no
//   other code reads either table.
import type { DeskDatabase, HubTimesRow } from './database';

/** The hub's receipt time of one event, with its log. */
export interface HubTime {
  readonly streamId: string;
  readonly id: string;
  readonly receivedAtMs: number;
}

/** Receipt times learnt together (one receipt batch or pulled page) as hubTimes rows: one a log. */
export function hubTimesRows(times: readonly HubTime[]): HubTimesRow[] {
  const byLog = new Map<string, [string, number][]>();
  for (const t of times) {
    const row = byLog.get(t.streamId);
    if (row) row.push([t.id, t.receivedAtMs]);
    else byLog.set(t.streamId, [[t.id, t.receivedAtMs]]);
  }
  return [...byLog].map(([streamId, rowTimes]) => ({ streamId, times: rowTimes }));
}

/**
 * When the hub took in each of `ids`, events of the log `streamId` (a case's, a register's, a
 * person's), as far as this desk knows: from its rows in hubTimes and, for times learnt before v14,
 * in hubReceipts. Ids the desk has no time for are left out.
 */
export async function hubTimesOf(
  db: DeskDatabase,
  streamId: string,
  ids: readonly string[],
): Promise<Record<string, number>> {
  const [rows, legacy] = await Promise.all([
    db.hubTimes.where('streamId').equals(streamId).toArray(),
    db.hubReceipts.bulkGet([...ids]),
  ]);
  const wanted = new Set(ids);
  const times: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const receipt of legacy) if (receipt) times[receipt.id] = receipt.receivedAtMs;
  for (const row of rows) {
    for (const [id, ms] of row.times) if (wanted.has(id)) times[id] = ms;
  }
  return times;
}
