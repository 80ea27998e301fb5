import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { clockJumps, DeskDatabase } from '../../db';
import { createClockWatch, jumpAmount, jumpMessageKey } from './clock-watch';

// Issue 11 §7: a desk whose clock jumps backwards or far forwards records it (who was logged in, the
// jump, when) for the system page, and the frame warns.

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const T = Date.UTC(2026, 10, 23, 5, 0);
const HOUR = 3_600_000;

function desk() {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  const clocks = { wall: T, mono: 1_000 };
  let user: { id: string; name: string } | null = { id: 'u-1', name: 'Сейітова Әйгерім' };
  let n = 0;
  const watch = createClockWatch({
    db,
    nowMs: () => clocks.wall,
    mono: { session: 'page-1', monoMs: () => clocks.mono },
    user: () => user,
    newId: () => `jump-${++n}`,
  });
  return {
    db,
    watch,
    clocks,
    logOut: () => {
      user = null;
    },
  };
}

describe('the clock watch', () => {
  test('a clock set back below the HLC at start, then moved forward in the session, is recorded', async () => {
    const { db: d, watch, clocks, logOut } = desk();
    // The desk has stamped events up to T; it starts with the clock two hours behind.
    await d.settings.put({ key: 'hlc', value: { wallMs: T, counter: 0, nodeId: 'desk-1' } });
    clocks.wall = T - 2 * HOUR;
    expect(await watch.check()).toMatchObject({
      kind: 'backward',
      basis: 'hlc',
      deltaMs: 2 * HOUR,
      userName: 'Сейітова Әйгерім',
      noticedAtMs: T - 2 * HOUR,
    });
    // Ten seconds later on both clocks: nothing.
    clocks.wall += 10_000;
    clocks.mono += 10_000;
    expect(await watch.check()).toBeNull();
    // Ten more seconds on the monotonic clock, and the wall clock set three days forward, while
    // nobody is logged in.
    logOut();
    clocks.mono += 10_000;
    clocks.wall += 3 * 24 * HOUR + 10_000;
    expect(await watch.check()).toMatchObject({
      kind: 'forward',
      basis: 'session',
      deltaMs: 3 * 24 * HOUR,
      userId: null,
    });
    const records = await clockJumps(d);
    expect(records.map((r) => [r.basis, r.kind])).toEqual([
      ['session', 'forward'],
      ['hlc', 'backward'],
    ]);
  });

  test("a sync's offset from the hub beyond five minutes is recorded once per sync", async () => {
    const { db: d, watch } = desk();
    expect(await watch.checkHub(4 * 60_000, T)).toBeNull();
    expect(await watch.checkHub(2 * HOUR, T + 1)).toMatchObject({
      kind: 'forward',
      basis: 'hub',
      deltaMs: 2 * HOUR,
      expectedMs: T + 1 - 2 * HOUR,
    });
    expect(await watch.checkHub(2 * HOUR, T + 1)).toBeNull();
    expect(await clockJumps(d)).toHaveLength(1);
  });

  test('the words for a jump', () => {
    expect(jumpAmount(5 * 60_000)).toEqual({ unit: 'minutes', count: 5 });
    expect(jumpAmount(3 * HOUR)).toEqual({ unit: 'hours', count: 3 });
    expect(jumpAmount(3 * 24 * HOUR)).toEqual({ unit: 'days', count: 3 });
    expect(jumpMessageKey({ kind: 'backward', basis: 'session' })).toBe(
      'system:clock.movedBackward',
    );
    expect(jumpMessageKey({ kind: 'forward', basis: 'hub' })).toBe('system:clock.aheadOfHub');
    expect(jumpMessageKey({ kind: 'backward', basis: 'hlc' })).toBe('system:clock.setBack');
  });
});
