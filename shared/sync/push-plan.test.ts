import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { TravellingEvent } from './protocol';
import { planPushBatches } from './push-plan';

const userEvent = (n: number): TravellingEvent => ({
  stream: 'user',
  event: { id: `u${n}`, userId: `person-${n}` },
});
const registerEvent = (n: number): TravellingEvent => ({
  stream: 'register',
  event: { id: `r${n}`, registerId: `register-${n}` },
});
const caseEvent = (caseId: string, n: number): TravellingEvent => ({
  stream: 'case',
  event: { id: `${caseId}-e${n}`, caseId },
});
const caseOf = (t: TravellingEvent): string | null =>
  t.stream === 'case' ? (t.event as { caseId: string }).caseId : null;

/** A queue as pushQueue makes it: people, registers, then runs of each case's events. */
const queueArb = fc
  .record({
    users: fc.nat({ max: 4 }),
    registers: fc.nat({ max: 3 }),
    // Case runs by case number; a number may come back later (a queue the desk would not make, but
    // the plan must stay safe on it).
    runs: fc.array(
      fc.record({ caseNo: fc.nat({ max: 12 }), events: fc.integer({ min: 1, max: 9 }) }),
      {
        maxLength: 25,
      },
    ),
  })
  .map(({ users, registers, runs }) => {
    const queue: TravellingEvent[] = [];
    for (let i = 0; i < users; i++) queue.push(userEvent(i));
    for (let i = 0; i < registers; i++) queue.push(registerEvent(i));
    let n = 0;
    for (const run of runs) {
      for (let k = 0; k < run.events; k++) queue.push(caseEvent(`c${run.caseNo}`, n++));
    }
    return queue;
  });

describe('a push queue cut into batches', () => {
  test('the batches are the queue in order, none larger than the limit or empty', () => {
    fc.assert(
      fc.property(queueArb, fc.integer({ min: 1, max: 12 }), (queue, limit) => {
        const batches = planPushBatches(queue, limit);
        expect(batches.flatMap((b) => b.events)).toEqual(queue);
        for (const b of batches) {
          expect(b.events.length).toBeGreaterThan(0);
          expect(b.events.length).toBeLessThanOrEqual(limit);
        }
      }),
    );
  });

  test('a batch overlaps the one before only when both hold case events alone and share no case (the batch before that has been answered when it starts)', () => {
    fc.assert(
      fc.property(queueArb, fc.integer({ min: 1, max: 12 }), (queue, limit) => {
        const batches = planPushBatches(queue, limit);
        batches.forEach((b, i) => {
          if (!b.overlaps) return;
          const before = batches[i - 1];
          expect(before).toBeDefined();
          const mine = new Set(b.events.map(caseOf));
          const theirs = new Set((before?.events ?? []).map(caseOf));
          expect(mine.has(null) || theirs.has(null)).toBe(false);
          for (const id of mine) expect(theirs.has(id)).toBe(false);
        });
      }),
    );
  });

  test("a case's run of waiting events that fits in a batch is never split", () => {
    fc.assert(
      fc.property(queueArb, fc.integer({ min: 1, max: 12 }), (queue, limit) => {
        const batches = planPushBatches(queue, limit);
        const batchOf = new Map<string, number>();
        batches.forEach((b, i) => {
          for (const t of b.events) batchOf.set((t.event as { id: string }).id, i);
        });
        // Runs: consecutive events of one case.
        let at = 0;
        while (at < queue.length) {
          const id = caseOf(queue[at] as TravellingEvent);
          let end = at + 1;
          while (id !== null && end < queue.length && caseOf(queue[end] as TravellingEvent) === id)
            end += 1;
          if (id !== null && end - at <= limit) {
            const where = new Set(
              queue.slice(at, end).map((t) => batchOf.get((t.event as { id: string }).id)),
            );
            expect(where.size).toBe(1);
          }
          at = end;
        }
      }),
    );
  });

  test('people first, alone; then cases overlapping two by two; a case too large goes alone', () => {
    const queue = [
      userEvent(1),
      userEvent(2),
      ...[0, 1, 2].map((n) => caseEvent('a', n)),
      ...[3, 4].map((n) => caseEvent('b', n)),
      ...[5, 6, 7].map((n) => caseEvent('c', n)),
      ...[8, 9, 10, 11, 12, 13, 14].map((n) => caseEvent('big', n)),
      caseEvent('d', 15),
    ];
    const plan = planPushBatches(queue, 5).map((b) => ({
      ids: b.events.map((t) => (t.event as { id: string }).id),
      overlaps: b.overlaps,
    }));
    expect(plan).toEqual([
      { ids: ['u1', 'u2'], overlaps: false },
      { ids: ['a-e0', 'a-e1', 'a-e2', 'b-e3', 'b-e4'], overlaps: false },
      { ids: ['c-e5', 'c-e6', 'c-e7'], overlaps: true },
      { ids: ['big-e8', 'big-e9', 'big-e10', 'big-e11', 'big-e12'], overlaps: false },
      { ids: ['big-e13', 'big-e14'], overlaps: false },
      { ids: ['d-e15'], overlaps: false },
    ]);
  });
});
