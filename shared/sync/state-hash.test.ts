import { describe, expect, test } from 'vitest';
import type { CaseEvent } from '../case';
import { samplePath } from '../case/testing';
import { scopeStateHash } from './state-hash';

const subtle = globalThis.crypto.subtle;

function caseEvents(caseId: string): CaseEvent[] {
  return samplePath([
    ['Registered', 'specialist'],
    ['ResolutionImposed', 'akim'],
    ['SentToCommission', 'specialist'],
  ]).map((e) => ({ ...e, caseId, id: `${caseId}-${e.id}` }));
}

describe('the state hash of a scope', () => {
  test('the same events in any order and any case order give the same hash', async () => {
    const a = caseEvents('a');
    const b = caseEvents('b');
    const one = new Map([
      ['a', a],
      ['b', b],
    ]);
    const other = new Map([
      ['b', [...b].reverse()],
      ['a', [a[2], a[0], a[1]].filter((e): e is CaseEvent => e !== undefined)],
    ]);
    expect(await scopeStateHash(subtle, one)).toBe(await scopeStateHash(subtle, other));
  });

  test('a missing event or a missing case changes it', async () => {
    const a = caseEvents('a');
    const b = caseEvents('b');
    const full = await scopeStateHash(
      subtle,
      new Map([
        ['a', a],
        ['b', b],
      ]),
    );
    expect(
      await scopeStateHash(
        subtle,
        new Map([
          ['a', a.slice(0, 2)],
          ['b', b],
        ]),
      ),
    ).not.toBe(full);
    expect(await scopeStateHash(subtle, new Map([['a', a]]))).not.toBe(full);
  });
});
