import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStamped, inFoldOrder } from './fold-order';

interface E {
  id: string;
  hlc: string;
  body: string;
}

const event = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd'),
  hlc: fc.constantFrom('0001', '0002', '0003'),
  body: fc.constantFrom('x', 'y'),
});

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    const held = out[i] as T;
    out[i] = out[j] as T;
    out[j] = held;
  }
  return out;
}

describe('inFoldOrder', () => {
  it('depends only on the set of events delivered, not on their order', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), fc.nat(), (events, seed) => {
        expect(inFoldOrder(shuffled(events, seed))).toEqual(inFoldOrder(events));
      }),
    );
  });

  it('folds each id once, in (hlc, id) order', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        const first = inFoldOrder(events).filter((d) => d.kind === 'first');
        expect(new Set(first.map((d) => d.event.id)).size).toBe(first.length);
        expect(new Set(first.map((d) => d.event.id))).toEqual(new Set(events.map((e) => e.id)));
        first.slice(1).forEach((d, i) => {
          expect(compareStamped((first[i] as (typeof first)[number]).event, d.event)).toBeLessThan(
            0,
          );
        });
      }),
    );
  });

  it('ignores a repeated delivery and reports another content under a used id once', () => {
    const a: E = { id: 'a', hlc: '0001', body: 'x' };
    const forged: E = { id: 'a', hlc: '0001', body: 'y' };
    const out = inFoldOrder([a, a, forged, forged]);
    expect(out.map((d) => [d.kind, d.event.body])).toEqual([
      ['first', 'x'],
      ['idReused', 'y'],
    ]);
  });
});
