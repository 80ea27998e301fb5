// The hub's receipt time of every event the desk holds that the hub holds: the third time an event
// keeps, beside its legal time and its stamp (issue 8 §2 "Time"). What must stay true:
// - A time is learnt from the hub only: a receipt (sync-commands applyReceiptsIn) or a pulled page
//   (applyPreparedPage), and written in the transaction that takes the receipt or the page in.
// - Times learnt together are ONE row (hubTimes, v17), found by each of its logs through the
//   multi-entry streamIds index: a receipt batch or a pulled page of 80 cases is one write, not 80
//   (IndexedDB's cost here is per request, bench-sync). The same event may be in several rows (a
//   receipt, then a full resync); the hub's time of an event never changes, so any of them answers.
// - Times learnt before are rows of hubTimes with one log each (v14 to v16, by streamId) and rows of
//   hubReceipts, one an event (before v14); hubTimesOf reads all three, and no other code reads them.
import type { DeskDatabase, HubTimesRow } from './database';

/** The hub's receipt time of one event, with its log. */
export interface HubTime {
  readonly streamId: string;
  readonly id: string;
  readonly receivedAtMs: number;
}

/** Receipt times learnt together (one receipt batch or pulled page) as one hubTimes row, or none. */
export function hubTimesRows(times: readonly HubTime[]): HubTimesRow[] {
  if (times.length === 0) return [];
  return [
    {
      streamIds: [...new Set(times.map((t) => t.streamId))],
      times: times.map((t): [string, number] => [t.id, t.receivedAtMs]),
    },
  ];
}

/**
 * When the hub took in each of `ids`, events of the log `streamId` (a case's, a register's, a
 * person's), as far as this desk knows: from the rows of hubTimes that name the log (either way) and,
 * for times learnt before v14, from hubReceipts. Ids the desk has no time for are left out.
 */
export async function hubTimesOf(
  db: DeskDatabase,
  streamId: string,
  ids: readonly string[],
): Promise<Record<string, number>> {
  const [together, ofOneLog, legacy] = await Promise.all([
    db.hubTimes.where('streamIds').equals(streamId).toArray(),
    db.hubTimes.where('streamId').equals(streamId).toArray(),
    db.hubReceipts.bulkGet([...ids]),
  ]);
  const rows = [...together, ...ofOneLog];
  const wanted = new Set(ids);
  const times: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const receipt of legacy) if (receipt) times[receipt.id] = receipt.receivedAtMs;
  for (const row of rows) {
    for (const [id, ms] of row.times) if (wanted.has(id)) times[id] = ms;
  }
  return times;
}
