// The rows of the case log (the `events` table): one event a row, or a run of a case's events that
// arrived together (EventRunRow, since v18). Everything that reads the log reads events through here.
import type { CaseEvent } from '../../../shared/case';
import type { DeskDatabase } from './database';

/**
 * Several events of one case that arrived together (a pulled page, a reply file), kept as ONE stored
 * row since v18: IndexedDB's cost here is per request, so a pulled case of six events is one write, not
 * six (bench-sync). Its key is its first event's id; its events are sealed with it (at-rest-middleware).
 * A run is never changed or split: what arrives later for the case is a row of its own.
 */
export interface EventRunRow {
  id: string;
  caseId: string;
  run: CaseEvent[];
}

/**
 * A stored row of the case log, found by its case (the caseId index): one event, as the shared schema
 * defines it (every event made on this desk, every one that arrived before v18), or a run of events
 * that arrived together (EventRunRow). Read through eventsOfRows, never as events.
 */
export type EventRow = CaseEvent | EventRunRow;

/** The events that stored rows of the case log hold, in the rows' order. */
export function eventsOfRows(rows: readonly EventRow[]): CaseEvent[] {
  return rows.flatMap((row) => ('run' in row ? row.run : [row]));
}

/**
 * The event `id` of a row read by that key: the row itself, or the run it heads. An event inside a
 * run is found by its case (caseEventsOf), never by its id: only what this desk made is looked up by
 * id (the outbox's rows, the hub's receipts), and those are stored one a row.
 */
export function eventOfRow(row: EventRow | undefined, id: string): CaseEvent | undefined {
  return row && 'run' in row ? row.run.find((e) => e.id === id) : row;
}

/** Groups events by case, keeping each case's events in the order they were read. */
export function eventsByCase(events: readonly CaseEvent[]): Map<string, CaseEvent[]> {
  const byCase = new Map<string, CaseEvent[]>();
  for (const e of events) {
    const list = byCase.get(e.caseId);
    if (list) list.push(e);
    else byCase.set(e.caseId, [e]);
  }
  return byCase;
}

/** A case's events as stored (in no particular order: a fold sorts them), in one request. */
export function caseEventsOf(db: DeskDatabase, caseId: string): PromiseLike<CaseEvent[]> {
  return db.events.where('caseId').equals(caseId).toArray().then(eventsOfRows);
}

/**
 * The events of each of `caseIds` (an empty list for a case this desk holds none of): each case's log
 * by its own request on the caseId index, all at once. At 100,000 cases a month's few thousand logs
 * took 3-4 times as long as one anyOf cursor walk jumping between them, which steps through every
 * event row it passes (npm run bench, the monthly report).
 */
export async function caseLogsOf(
  db: DeskDatabase,
  caseIds: readonly string[],
): Promise<Map<string, CaseEvent[]>> {
  const byCase = new Map<string, CaseEvent[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return byCase;
  const logs = await Promise.all(
    [...byCase.keys()].map((id) => db.events.where('caseId').equals(id).toArray()),
  );
  for (const e of eventsOfRows(logs.flat())) byCase.get(e.caseId)?.push(e);
  return byCase;
}

/** Every case event this desk holds. */
export function allCaseEvents(db: DeskDatabase): PromiseLike<CaseEvent[]> {
  return db.events.toArray().then(eventsOfRows);
}
