// How a desk's push queue is cut into batches, and which batches may be on the wire together. The
// hub judges each batch against what it holds when the batch's transaction starts (the actors in its
// directory, each case's events so far), so what must stay true:
// - The batches, in order, are the queue, in order; none holds more than `limit` events.
// - A case's waiting events that fit in one batch are never split between batches.
// - A batch may travel while the batch before it is still on the wire (`overlaps`) only when both
//   hold whole cases' events only and share no case: the hub then judges every case on all of its
//   earlier events, whichever of the two transactions commits first. The directory's and registers'
//   events (every later event is judged against the people and keys they register), and a case too
//   large for one batch, go one batch after the other.
import type { TravellingEvent } from './protocol';

export interface PushBatch {
  readonly events: readonly TravellingEvent[];
  /** May be pushed while the batch before it is still on the wire. */
  readonly overlaps: boolean;
}

function caseIdOf(t: TravellingEvent): string | null {
  if (t.stream !== 'case') return null;
  const id = (t.event as { caseId?: unknown } | null)?.caseId;
  return typeof id === 'string' ? id : null;
}

interface Building {
  readonly events: TravellingEvent[];
  /** Whole cases only (null: other events, or a part of a case too large for one batch). */
  readonly cases: Set<string> | null;
}

/** The queue (in push order: the directory, registers, then cases case by case) cut into batches. */
export function planPushBatches(queue: readonly TravellingEvent[], limit: number): PushBatch[] {
  const size = Math.max(1, Math.floor(limit));
  const built: Building[] = [];
  const last = (): Building | undefined => built[built.length - 1];
  let at = 0;
  while (at < queue.length) {
    const caseId = caseIdOf(queue[at] as TravellingEvent);
    let end = at + 1;
    if (caseId !== null) {
      while (end < queue.length && caseIdOf(queue[end] as TravellingEvent) === caseId) end += 1;
    }
    const run = queue.slice(at, end);
    at = end;
    const open = last();
    if (caseId === null) {
      if (open && open.cases === null && open.events.length < size) open.events.push(...run);
      else built.push({ events: [...run], cases: null });
    } else if (run.length <= size) {
      if (open?.cases && !open.cases.has(caseId) && open.events.length + run.length <= size) {
        open.events.push(...run);
        open.cases.add(caseId);
      } else {
        built.push({ events: [...run], cases: new Set([caseId]) });
      }
    } else {
      for (let k = 0; k < run.length; k += size) {
        built.push({ events: run.slice(k, k + size), cases: null });
      }
    }
  }
  return built.map((b, i): PushBatch => {
    const before = built[i - 1];
    const overlaps =
      b.cases !== null &&
      before?.cases !== null &&
      before !== undefined &&
      ![...b.cases].some((id) => before.cases?.has(id));
    return { events: b.events, overlaps };
  });
}

/**
 * Pushes the batches of a plan in order, at most two on the wire: a batch that `overlaps` is sent
 * while the one before it is still out; any other waits for it. `settled` sees each answer in the
 * plan's order. A failure rejects at once (the batch after it is never sent), and no answer is left
 * unhandled meanwhile.
 */
export async function pushInPlan<R>(
  plan: readonly PushBatch[],
  push: (events: readonly TravellingEvent[]) => Promise<R>,
  settled: (result: R, batch: PushBatch) => void,
): Promise<void> {
  let onWire: { answer: Promise<R>; batch: PushBatch } | null = null;
  for (const batch of plan) {
    if (onWire && !batch.overlaps) {
      settled(await onWire.answer, onWire.batch);
      onWire = null;
    }
    const answer = push(batch.events);
    answer.catch(() => undefined);
    if (onWire) settled(await onWire.answer, onWire.batch);
    onWire = { answer, batch };
  }
  if (onWire) settled(await onWire.answer, onWire.batch);
}
