import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compareStamps,
  createHlc,
  driftMs,
  formatStamp,
  isHlcStamp,
  MAX_WALL_MS,
  parseStamp,
  receive,
  skewMs,
  tick,
} from './hlc';
import type { HlcStamp, HlcState } from './hlc';

const T0 = Date.UTC(2026, 2, 2, 5, 0); // 02.03.2026 10:00 in Kazakhstan (UTC+5)

describe('format and parse', () => {
  test('fixed-width fields, node id last', () => {
    expect(formatStamp({ wallMs: T0, counter: 7, nodeId: 'desk-01' })).toBe(
      '001772427600000-000007-desk-01',
    );
    expect(parseStamp('001772427600000-000007-desk-01')).toEqual({
      wallMs: T0,
      counter: 7,
      nodeId: 'desk-01',
    });
  });

  test.each([
    '',
    '1772427600000-000007-desk',
    '001772427600000-7-desk',
    '001772427600000-000007-',
    '001772427600000-000007-desk 1',
    '001772427600000_000007_desk',
    '999999999999999-000000-desk', // far beyond year 9999: garbage, not skew
  ])('rejects %j', (text) => {
    expect(parseStamp(text)).toBeNull();
    expect(isHlcStamp(text)).toBe(false);
    expect(() => receive(createHlc('a'), text, T0)).toThrow(RangeError);
  });

  test('bad node ids and out-of-range fields are bugs', () => {
    expect(() => createHlc('')).toThrow(RangeError);
    expect(() => createHlc('desk 1')).toThrow(RangeError);
    expect(() => formatStamp({ wallMs: -1, counter: 0, nodeId: 'a' })).toThrow(RangeError);
    expect(() => formatStamp({ wallMs: 0, counter: 1_000_000, nodeId: 'a' })).toThrow(RangeError);
    expect(() => formatStamp({ wallMs: 0.5, counter: 0, nodeId: 'a' })).toThrow(RangeError);
  });
});

describe('tick', () => {
  test('follows the physical clock while it moves forward', () => {
    let s = createHlc('desk');
    const stamps: HlcStamp[] = [];
    for (const now of [T0, T0 + 5, T0 + 5, T0 + 9]) {
      const r = tick(s, now);
      s = r.state;
      stamps.push(r.stamp);
    }
    expect(stamps).toEqual([
      '001772427600000-000000-desk',
      '001772427600005-000000-desk',
      '001772427600005-000001-desk',
      '001772427600009-000000-desk',
    ]);
  });

  test('a clock set back an hour does not reorder: the counter runs on', () => {
    const first = tick(createHlc('desk'), T0);
    const second = tick(first.state, T0 - 3_600_000);
    expect(second.stamp).toBe('001772427600000-000001-desk');
    expect(driftMs(second.state, T0 - 3_600_000)).toBe(3_600_000);
  });

  test('a full counter carries into the wall instead of throwing', () => {
    const full: HlcState = { wallMs: T0, counter: 999_999, nodeId: 'desk' };
    expect(tick(full, T0 - 1).stamp).toBe('001772427600001-000000-desk');
  });

  test.each([NaN, Infinity, -Infinity, -5, 1e300])(
    'a nonsense reading %s does not throw',
    (now) => {
      const first = tick(createHlc('desk'), T0);
      const next = tick(first.state, now);
      expect(next.stamp > first.stamp).toBe(true);
    },
  );
});

describe('receive and skew', () => {
  test('a remote clock far ahead is adopted, and skewMs reports it', () => {
    const day = 86_400_000;
    const remote = formatStamp({ wallMs: T0 + day, counter: 3, nodeId: 'hub' });
    expect(skewMs(remote, T0)).toBe(day);
    const s = receive(createHlc('desk'), remote, T0);
    expect(s).toEqual({ wallMs: T0 + day, counter: 4, nodeId: 'desk' });
    expect(driftMs(s, T0)).toBe(day);
    expect(tick(s, T0).stamp).toBe(formatStamp({ wallMs: T0 + day, counter: 5, nodeId: 'desk' }));
  });

  test('a remote stamp behind our clock only moves the counter if walls are equal', () => {
    const local = tick(createHlc('desk'), T0).state;
    const behind = formatStamp({ wallMs: T0 - 10, counter: 50, nodeId: 'hub' });
    expect(receive(local, behind, T0)).toEqual({ wallMs: T0, counter: 1, nodeId: 'desk' });
    const same = formatStamp({ wallMs: T0, counter: 50, nodeId: 'hub' });
    expect(receive(local, same, T0)).toEqual({ wallMs: T0, counter: 51, nodeId: 'desk' });
    expect(receive(local, behind, T0 + 100)).toEqual({
      wallMs: T0 + 100,
      counter: 0,
      nodeId: 'desk',
    });
  });

  test('near the top of the domain the counter still carries; at the very top it saturates', () => {
    const nearTop = formatStamp({ wallMs: MAX_WALL_MS - 1, counter: 999_999, nodeId: 'z' });
    const carried = tick(receive(createHlc('desk'), nearTop, T0), T0);
    expect(carried.stamp).toBe(formatStamp({ wallMs: MAX_WALL_MS, counter: 1, nodeId: 'desk' }));

    const top = formatStamp({ wallMs: MAX_WALL_MS, counter: 999_999, nodeId: 'z' });
    const s = receive(createHlc('desk'), top, T0);
    const t1 = tick(s, T0);
    const t2 = tick(t1.state, T0);
    expect(t1.stamp).toBe(formatStamp({ wallMs: MAX_WALL_MS, counter: 999_999, nodeId: 'desk' }));
    expect(t2.stamp).toBe(t1.stamp);
    expect(skewMs(top, T0)).toBe(MAX_WALL_MS - T0);
  });
});

const nodeId = fc.stringMatching(/^[0-9A-Za-z_-]{1,12}$/);
const wallMs = fc.oneof(
  fc.integer({ min: 0, max: MAX_WALL_MS }),
  fc.integer({ min: T0 - 1000, max: T0 + 1000 }),
);
const counter = fc.oneof(
  fc.integer({ min: 0, max: 999_999 }),
  fc.integer({ min: 999_990, max: 999_999 }),
);
const stamp = fc
  .record({ wallMs, counter, nodeId })
  .filter((t) => t.wallMs < MAX_WALL_MS || t.counter < 999_999) // the saturation point, tested above
  .map(formatStamp);
/** Physical clock readings: mostly near T0, jumping back and forth, plus garbage. */
const reading = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: T0 - 5000, max: T0 + 5000 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, MAX_WALL_MS, 1e20) },
  { weight: 1, arbitrary: fc.double() },
);

describe('properties', () => {
  test('stamps from tick strictly increase for any sequence of clock readings', () => {
    fc.assert(
      fc.property(nodeId, fc.array(reading, { minLength: 2, maxLength: 60 }), (id, readings) => {
        let s = createHlc(id);
        let previous: HlcStamp | null = null;
        for (const now of readings) {
          const r = tick(s, now);
          s = r.state;
          if (previous !== null) {
            expect(compareStamps(previous, r.stamp)).toBe(-1);
            expect(previous < r.stamp).toBe(true);
          }
          previous = r.stamp;
        }
      }),
      { numRuns: 200 },
    );
  });

  test('after receive, the next tick is greater than the received stamp', () => {
    fc.assert(
      fc.property(
        nodeId,
        fc.array(reading),
        stamp,
        reading,
        reading,
        (id, before, remote, at, after) => {
          let s = createHlc(id);
          for (const now of before) s = tick(s, now).state;
          s = receive(s, remote, at);
          const next = tick(s, after).stamp;
          expect(compareStamps(remote, next)).toBe(-1);
          expect(remote < next).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('plain string order equals compareStamps order', () => {
    fc.assert(
      fc.property(stamp, stamp, (a, b) => {
        const byString = a < b ? -1 : a > b ? 1 : 0;
        expect(compareStamps(a, b)).toBe(byString);
      }),
      { numRuns: 200 },
    );
  });

  test('equal wall and counter: ordered by node id alone, as strings', () => {
    fc.assert(
      fc.property(wallMs, counter, nodeId, nodeId, (w, c, x, y) => {
        const a = formatStamp({ wallMs: w, counter: c, nodeId: x });
        const b = formatStamp({ wallMs: w, counter: c, nodeId: y });
        expect(compareStamps(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0);
        expect(a === b).toBe(x === y);
      }),
      { numRuns: 200 },
    );
  });

  test('two devices exchanging events: causal order kept, no stamp issued twice', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ from: fc.constantFrom(0, 1), now: reading, deliver: fc.boolean() }), {
          maxLength: 40,
        }),
        (steps) => {
          let a = createHlc('desk-a');
          let b = createHlc('desk-b');
          const issued = new Set<HlcStamp>();
          for (const { from, now, deliver } of steps) {
            const sender = from === 0 ? a : b;
            const sent = tick(sender, now);
            if (from === 0) a = sent.state;
            else b = sent.state;
            expect(issued.has(sent.stamp)).toBe(false);
            issued.add(sent.stamp);
            if (!deliver) continue;
            const receiver = receive(from === 0 ? b : a, sent.stamp, now);
            const reply = tick(receiver, now);
            if (from === 0) b = reply.state;
            else a = reply.state;
            expect(reply.stamp > sent.stamp).toBe(true);
            issued.add(reply.stamp);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
