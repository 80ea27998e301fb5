import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { DeskDatabase } from './database';
import { hubTimesOf, hubTimesRows } from './hub-times';

let open: DeskDatabase[] = [];
afterEach(async () => {
  for (const db of open) {
    db.close();
    await db.delete();
  }
  open = [];
});

async function newDesk(): Promise<DeskDatabase> {
  const db = new DeskDatabase(`hub-times-${Math.random()}`);
  open.push(db);
  await db.open();
  return db;
}

describe("the hub's receipt times (issue 8 §2 Time)", () => {
  test('times learnt together are one row, found by each of its logs', () => {
    const rows = hubTimesRows([
      { streamId: 'case-1', id: 'e1', receivedAtMs: 10 },
      { streamId: 'case-2', id: 'e2', receivedAtMs: 11 },
      { streamId: 'case-1', id: 'e3', receivedAtMs: 12 },
    ]);
    expect(rows).toEqual([
      {
        streamIds: ['case-1', 'case-2'],
        times: [
          ['e1', 10],
          ['e2', 11],
          ['e3', 12],
        ],
      },
    ]);
    expect(hubTimesRows([])).toEqual([]);
  });

  test("a case's times come from its rows of every batch and from rows written before v14", async () => {
    const db = await newDesk();
    // Learnt before v14: one row an event.
    await db.hubReceipts.bulkPut([
      { id: 'e1', receivedAtMs: 100 },
      { id: 'other-case-event', receivedAtMs: 101 },
    ]);
    // Learnt from v14 to v16: a row a log.
    await db.hubTimes.bulkAdd([
      { streamId: 'case-1', times: [['e4', 400]] },
      { streamId: 'case-2', times: [['e5', 500]] },
    ]);
    // Since: a receipt batch, then a pulled page that brings e2 again (a full resync).
    await db.hubTimes.bulkAdd(
      hubTimesRows([
        { streamId: 'case-1', id: 'e2', receivedAtMs: 200 },
        { streamId: 'case-9', id: 'e9', receivedAtMs: 900 },
      ]),
    );
    await db.hubTimes.bulkAdd(
      hubTimesRows([
        { streamId: 'case-1', id: 'e2', receivedAtMs: 200 },
        { streamId: 'case-1', id: 'e3', receivedAtMs: 300 },
      ]),
    );
    expect(await hubTimesOf(db, 'case-1', ['e1', 'e2', 'e3', 'e4', 'e6'])).toEqual({
      e1: 100,
      e2: 200,
      e3: 300,
      e4: 400,
    });
    // Only the ids asked for, even when a row of the log holds others.
    expect(await hubTimesOf(db, 'case-1', ['e3'])).toEqual({ e3: 300 });
    expect(await hubTimesOf(db, 'case-9', ['e1', 'e9'])).toEqual({ e1: 100, e9: 900 });
  });

  test('an event id that names a property of every object is a plain key', async () => {
    const db = await newDesk();
    await db.hubTimes.bulkAdd(hubTimesRows([{ streamId: 'c', id: '__proto__', receivedAtMs: 5 }]));
    const times = await hubTimesOf(db, 'c', ['__proto__', 'toString']);
    expect(Object.keys(times)).toEqual(['__proto__']);
    expect(times['__proto__']).toBe(5);
  });
});
