import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ActorRole } from '../events/envelope';
import { addMinutes } from '../time';
import type { DirectoryEvent, DirectoryEventType } from './events';
import { directoryConflict, foldDirectory, foldUser, keyInForce, type KeyPeriod } from './fold';
import {
  SAMPLE_DIRECTORY_TIME as T0,
  sampleDirectoryEvent as ev,
  sampleJwk,
  sampleKeyId,
  sampleRegistration,
} from './testing';

const at = (minutes: number) => addMinutes(T0, minutes);
const replace = (counter: number, key: number, userId = 'user-akim') =>
  ev('UserKeyReplaced', {
    counter,
    userId,
    actorId: 'user-admin',
    actorRole: 'admin',
    payload: { publicKey: sampleJwk(key), keyId: sampleKeyId(key), reason: 'pinReset' },
  });
const simple = (
  type: Exclude<DirectoryEventType, 'UserRegistered' | 'UserKeyReplaced'>,
  counter: number,
  userId = 'user-akim',
) => ev(type, { counter, userId, actorId: 'user-admin', actorRole: 'admin', payload: {} });
const register = (counter: number, role: ActorRole = 'akim', userId = 'user-akim') =>
  ev('UserRegistered', { counter, userId, payload: sampleRegistration(role) });

describe('a person in the directory', () => {
  test('a signer registers with a key in force from the registration on', () => {
    const state = foldUser([register(10)]);
    expect(state.conflicts).toEqual([]);
    expect(state.user).toMatchObject({
      name: 'Жұмабаев Серік',
      role: 'akim',
      active: true,
      registeredAt: at(10),
      registeredBy: 'user-akim',
      key: { keyId: sampleKeyId(1) },
    });
    expect(state.user?.keys).toEqual([
      { keyId: sampleKeyId(1), publicKey: sampleJwk(1), from: at(10), to: null },
    ]);
  });

  // [what happened, events, key asked for, at minute, in force?]
  const KEY_TABLE: readonly [string, DirectoryEvent[], number, number, boolean][] = [
    ['before the registration', [register(10)], 1, 9, false],
    ['at the registration', [register(10)], 1, 10, true],
    ['an unknown key', [register(10)], 7, 20, false],
    ['the old key before its replacement', [register(10), replace(20, 2)], 1, 19, true],
    ['the old key from its replacement on', [register(10), replace(20, 2)], 1, 20, false],
    ['the new key from its replacement on', [register(10), replace(20, 2)], 2, 20, true],
    ['the new key before its replacement', [register(10), replace(20, 2)], 2, 19, false],
    [
      'the key while its owner is deactivated',
      [register(10), simple('UserDeactivated', 20), simple('UserReactivated', 30)],
      1,
      25,
      false,
    ],
    [
      'the same key again after a reactivation',
      [register(10), simple('UserDeactivated', 20), simple('UserReactivated', 30)],
      1,
      30,
      true,
    ],
    ['the key up to the deactivation', [register(10), simple('UserDeactivated', 20)], 1, 19, true],
  ];

  test.each(KEY_TABLE)('keyInForce: %s', (_what, events, key, minute, inForce) => {
    const history = foldUser(events).user?.keys ?? [];
    expect(keyInForce(history, sampleKeyId(key), at(minute))).toEqual(
      inForce ? sampleJwk(key) : null,
    );
  });

  test('a PIN reset records who reset it and when; the PIN itself is nowhere', () => {
    const state = foldUser([
      register(1, 'specialist', 'user-spec'),
      simple('UserPinReset', 5, 'user-spec'),
    ]);
    expect(state.user?.pinResets).toEqual([{ at: at(5), byUserId: 'user-admin' }]);
    expect(state.user?.key).toBeNull();
    // A signer's reset is the key replacement.
    const signer = foldUser([register(1), replace(5, 2)]);
    expect(signer.user?.pinResets).toEqual([{ at: at(5), byUserId: 'user-admin' }]);
  });

  // [what, events, the conflicting event's index, reason]
  const CONFLICTS: readonly [string, DirectoryEvent[], number, string][] = [
    ['a key change before any registration', [replace(5, 2)], 0, 'notRegistered'],
    ['a second registration', [register(1), register(2)], 1, 'alreadyRegistered'],
    [
      'a specialist with a key',
      [
        ev('UserRegistered', {
          counter: 1,
          userId: 'user-spec',
          payload: {
            ...sampleRegistration('specialist'),
            publicKey: sampleJwk(1),
            keyId: sampleKeyId(1),
          },
        }),
      ],
      0,
      'keyForRole',
    ],
    [
      'a signer without a key',
      [
        ev('UserRegistered', {
          counter: 1,
          payload: { ...sampleRegistration('specialist'), role: 'districtHead' },
        }),
      ],
      0,
      'keyForRole',
    ],
    [
      'a key for a specialist',
      [register(1, 'specialist', 'user-spec'), replace(2, 2, 'user-spec')],
      1,
      'keyForRole',
    ],
    [
      'a new key while deactivated',
      [register(1), simple('UserDeactivated', 2), replace(3, 2)],
      2,
      'inactive',
    ],
    [
      'a PIN reset while deactivated',
      [register(1), simple('UserDeactivated', 2), simple('UserPinReset', 3)],
      2,
      'inactive',
    ],
    ['a key used before', [register(1), replace(2, 2), replace(3, 1)], 2, 'keyReused'],
  ];

  test.each(CONFLICTS)('conflict: %s', (_what, events, index, code) => {
    const state = foldUser(events);
    expect(state.conflicts).toEqual([
      { event: events[index], reason: directoryConflict(code as 'notRegistered') },
    ]);
    expect(state.events).toEqual(events.filter((_, i) => i !== index));
  });

  test('one id with two different contents is a conflict whatever the delivery order', () => {
    const first = register(1);
    const forged = { ...first, payload: { ...first.payload, name: 'Басқа адам' } };
    for (const events of [
      [first, forged],
      [forged, first],
    ]) {
      const state = foldUser(events);
      expect(state.events).toHaveLength(1);
      expect(state.conflicts.map((c) => c.reason)).toEqual([directoryConflict('idReused')]);
    }
    // Which of the two is kept never depends on the delivery order.
    expect(foldUser([first, forged])).toEqual(foldUser([forged, first]));
    // The same event delivered twice is simply one event.
    expect(foldUser([first, first])).toEqual(foldUser([first]));
  });

  test('deactivating twice (two desks) is one fact, not a conflict', () => {
    const state = foldUser([
      register(1),
      simple('UserDeactivated', 2),
      { ...simple('UserDeactivated', 3), id: 'desk-2-x' },
    ]);
    expect(state.conflicts).toEqual([]);
    expect(state.user?.active).toBe(false);
    expect(state.user?.keys).toEqual([
      { keyId: sampleKeyId(1), publicKey: sampleJwk(1), from: at(1), to: at(2) },
    ]);
  });

  test('a clock set back cannot make a key valid before its registration', () => {
    // Stamped after the registration, but its device said it was an hour earlier.
    const early = { ...replace(20, 2), legalTime: at(-60) };
    const state = foldUser([register(10), early]);
    expect(state.user?.keys).toEqual([
      { keyId: sampleKeyId(1), publicKey: sampleJwk(1), from: at(10), to: at(10) },
      { keyId: sampleKeyId(2), publicKey: sampleJwk(2), from: at(10), to: null },
    ]);
    expect(keyInForce(state.user?.keys ?? [], sampleKeyId(2), at(-30))).toBeNull();
  });

  test('events of two people are folded apart; one fold never mixes people', () => {
    const all = [register(1), register(2, 'specialist', 'user-spec'), replace(3, 2)];
    const directory = foldDirectory(all);
    expect([...directory.keys()].sort()).toEqual(['user-akim', 'user-spec']);
    expect(directory.get('user-spec')?.user?.role).toBe('specialist');
    expect(directory.get('user-akim')?.user?.key?.keyId).toBe(sampleKeyId(2));
    expect(() => foldUser(all)).toThrow(RangeError);
  });
});

// ---- properties --------------------------------------------------------------------------------------

interface Attempt {
  readonly type: DirectoryEventType;
  readonly role: ActorRole;
  readonly key: number;
  /** Minutes from T0: legal times may go back, as clocks of different desks do. */
  readonly minute: number;
  readonly desk: 1 | 2;
}

const attemptArb: fc.Arbitrary<Attempt> = fc.record({
  type: fc.constantFrom<DirectoryEventType>(
    'UserRegistered',
    'UserKeyReplaced',
    'UserKeyReplaced',
    'UserPinReset',
    'UserDeactivated',
    'UserReactivated',
  ),
  role: fc.constantFrom('akim', 'districtHead', 'specialist', 'admin'),
  key: fc.integer({ min: 1, max: 5 }),
  minute: fc.integer({ min: -30, max: 300 }),
  desk: fc.constantFrom(1, 2),
});

/** Events for one person; a registration first most of the time, then anything. */
function eventsOf(attempts: readonly Attempt[]): DirectoryEvent[] {
  return attempts.map((a, i): DirectoryEvent => {
    const base = {
      counter: i + 1,
      deviceId: `desk-${a.desk}`,
      legalTime: at(a.minute),
      actorId: 'user-admin',
      actorRole: 'admin' as const,
    };
    switch (a.type) {
      case 'UserRegistered':
        return ev('UserRegistered', { ...base, payload: sampleRegistration(a.role, a.key) });
      case 'UserKeyReplaced':
        return ev('UserKeyReplaced', {
          ...base,
          payload: { publicKey: sampleJwk(a.key), keyId: sampleKeyId(a.key), reason: 'pinReset' },
        });
      case 'UserPinReset':
      case 'UserDeactivated':
      case 'UserReactivated':
        return ev(a.type, { ...base, payload: {} });
    }
  });
}

const historyArb = fc
  .tuple(attemptArb, fc.array(attemptArb, { maxLength: 25 }))
  .map(([first, rest]) => eventsOf([{ ...first, type: 'UserRegistered' }, ...rest]));

function shuffleWithRepeats(events: readonly DirectoryEvent[], g: fc.GeneratorValue) {
  const shuffled = g(fc.shuffledSubarray, [...events], {
    minLength: events.length,
    maxLength: events.length,
  });
  const repeats = g(fc.subarray, [...events]);
  const cut = g(fc.nat, shuffled.length);
  return [...shuffled.slice(0, cut), ...repeats, ...shuffled.slice(cut)];
}

function expectOrderedPeriods(keys: readonly KeyPeriod[]): void {
  keys.forEach((k, i) => {
    if (k.to !== null) expect(k.from <= k.to).toBe(true);
    const next = keys[i + 1];
    if (next) {
      expect(k.to, 'only the last period may be open').not.toBeNull();
      expect((k.to ?? '') <= next.from).toBe(true);
    }
  });
}

describe('properties of the directory fold', () => {
  test('any delivery order of the same events, with repeats, gives the same entry', () => {
    fc.assert(
      fc.property(historyArb, fc.gen(), (events, g) => {
        expect(foldUser(shuffleWithRepeats(events, g))).toEqual(foldUser(events));
      }),
      { numRuns: 300 },
    );
  });

  test('every event is applied or listed as a conflict; key periods never overlap', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: -60, max: 400 }), (events, minute) => {
        const state = foldUser(events);
        expect(
          [...state.events, ...state.conflicts.map((c) => c.event)].map((e) => e.id).sort(),
        ).toEqual(events.map((e) => e.id).sort());
        const keys = state.user?.keys ?? [];
        expectOrderedPeriods(keys);
        // At any moment at most one key of a person is in force.
        const inForce = [1, 2, 3, 4, 5].filter(
          (n) => keyInForce(keys, sampleKeyId(n), at(minute)) !== null,
        );
        expect(inForce.length).toBeLessThanOrEqual(1);
        if (state.user && !state.user.active) {
          expect(keys.every((k) => k.to !== null)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
