import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ACTOR_ROLES, type ActorRole } from '../events/envelope';
import {
  REGISTER_EVENT_TYPES,
  registerEventSchema,
  type RegisterEvent,
  type RegisterEventType,
} from './events';
import { compareRegisterEvents, foldRegister } from './fold';
import { EMPTY_REGISTER, type RegisterState } from './state';
import {
  SAMPLE_REGISTER_ID,
  sampleRegisterEvent,
  sampleRegisterPath,
  sampleRegisterPayload,
  type SampleRegisterStep,
} from './testing';
import { allowedRegisterEvents, checkRegisterEvent } from './transitions';
import { SAMPLE_OFFICE_ID } from '../case/testing';

const actor = (role: ActorRole, officeId = SAMPLE_OFFICE_ID) => ({ role, officeId });

const SIGNED: readonly SampleRegisterStep[] = [
  ['RegisterCreated', 'specialist', 1],
  ['RegisterSigned', 'akim'],
];

/** The state a path reaches. */
const stateAfter = (steps: readonly SampleRegisterStep[]) =>
  foldRegister(sampleRegisterPath(steps));

describe('foldRegister', () => {
  test('no events, the empty register', () => {
    expect(foldRegister([])).toEqual(EMPTY_REGISTER);
  });

  test('built, changed, signed and forwarded: every event applied in order', () => {
    const events = sampleRegisterPath([
      ['RegisterCreated', 'specialist', 2],
      ['RegisterCasesChanged', 'specialist', 0],
      ['RegisterSigned', 'akim'],
      ['RegisterForwarded', 'specialist'],
    ]);
    const state = foldRegister([...events].reverse());
    expect(state).toMatchObject({
      registerId: SAMPLE_REGISTER_ID,
      status: 'forwarded',
      number: 'KZL01-1-R0003/2026',
      date: '2026-11-23',
      officeId: SAMPLE_OFFICE_ID,
      caseIds: ['case-0003', 'case-0001'],
      created: { at: '2026-11-23T09:01', byUserId: 'user-specialist' },
      forwarded: { at: '2026-11-23T09:04', byUserId: 'user-specialist' },
      cancelled: null,
      conflicts: [],
    });
    expect(state.signature).toMatchObject({
      byUserId: 'user-akim',
      at: '2026-11-23T09:03',
      keyId: 'key-akim',
      signedCases: [
        { caseId: 'case-0003', eventIds: ['case-0003-e1'] },
        { caseId: 'case-0001', eventIds: ['case-0001-e1'] },
      ],
    });
    expect(state.events).toEqual(events);
  });

  test('a repeated delivery of an event is ignored', () => {
    const events = sampleRegisterPath([...SIGNED, ['RegisterForwarded', 'specialist']]);
    expect(foldRegister([...events, ...events, events[0] as RegisterEvent])).toEqual(
      foldRegister(events),
    );
  });

  test('a signed register cancelled with a reason stays in the log, shown as cancelled', () => {
    const state = stateAfter([...SIGNED, ['RegisterCancelled', 'specialist', 0]]);
    expect(state.status).toBe('cancelled');
    expect(state.signature).not.toBeNull();
    expect(state.cancelled).toEqual({
      at: '2026-11-23T09:03',
      byUserId: 'user-specialist',
      reason: 'Іс қайтарып алынды',
      wasSigned: true,
    });
    const draft = stateAfter([
      ['RegisterCreated', 'specialist'],
      ['RegisterCancelled', 'specialist', 1],
    ]);
    expect(draft.cancelled).toMatchObject({ reason: null, wasSigned: false });
  });

  test('two desks offline: one forwards, the other cancels; the later one is a conflict', () => {
    const signed = sampleRegisterPath(SIGNED);
    const state = foldRegister(signed);
    const forward = sampleRegisterEvent('RegisterForwarded', {
      role: 'specialist',
      counter: 10,
      deviceId: 'desk-a',
      state,
    });
    const cancel = sampleRegisterEvent('RegisterCancelled', {
      role: 'specialist',
      counter: 10,
      deviceId: 'desk-b',
      state,
    });
    const merged = foldRegister([cancel, ...signed, forward]);
    expect(merged.status).toBe('forwarded');
    expect(merged.conflicts).toEqual([{ event: cancel, reason: 'registers:rejections.forwarded' }]);
    expect(merged.events).not.toContain(cancel);
  });

  test('one id with two contents is a conflict, whatever the delivery order', () => {
    const events = sampleRegisterPath([['RegisterCreated', 'specialist', 0]]);
    const original = events[0] as RegisterEvent;
    const forged = {
      ...original,
      payload: { ...sampleRegisterPayload('RegisterCreated', 2), number: 'KZL01-1-R0009/2026' },
    } as RegisterEvent;
    const a = foldRegister([...events, forged]);
    expect(foldRegister([forged, ...events])).toEqual(a);
    expect(a.conflicts).toHaveLength(1);
    expect(a.conflicts[0]?.reason).toBe('registers:conflicts.idReused');
    expect(a.events).toHaveLength(1);
  });

  test('events of two registers cannot be folded together', () => {
    const [created] = sampleRegisterPath([['RegisterCreated', 'specialist']]);
    const other = { ...(created as RegisterEvent), registerId: 'other', id: 'x' };
    expect(() => foldRegister([created as RegisterEvent, other])).toThrow(RangeError);
  });

  test('compareRegisterEvents orders by hlc, then by id, as plain strings', () => {
    const e = sampleRegisterEvent('RegisterForwarded', { role: 'specialist', counter: 1 });
    expect(compareRegisterEvents({ ...e, hlc: 'a' }, { ...e, hlc: 'b' })).toBe(-1);
    expect(compareRegisterEvents({ ...e, hlc: 'b', id: 'a' }, { ...e, hlc: 'a', id: 'b' })).toBe(1);
    expect(compareRegisterEvents(e, { ...e })).toBe(0);
  });
});

describe('checkRegisterEvent (the invariants at the top of transitions.ts)', () => {
  const DRAFT: readonly SampleRegisterStep[] = [['RegisterCreated', 'specialist', 1]];
  const FORWARDED: readonly SampleRegisterStep[] = [...SIGNED, ['RegisterForwarded', 'specialist']];
  const CANCELLED: readonly SampleRegisterStep[] = [...SIGNED, ['RegisterCancelled', 'specialist']];

  test.each<[string, readonly SampleRegisterStep[], RegisterEventType, ActorRole, string | null]>([
    ['1: nothing before it exists', [], 'RegisterSigned', 'akim', 'notCreated'],
    ['1: created once', DRAFT, 'RegisterCreated', 'specialist', 'alreadyCreated'],
    ['3: the specialist builds', [], 'RegisterCreated', 'specialist', null],
    ['3: the akim does not build', [], 'RegisterCreated', 'akim', 'roleNotAllowed'],
    [
      '3: the district does not build',
      [],
      'RegisterCreated',
      'districtSpecialist',
      'roleNotAllowed',
    ],
    ['4: a draft changes', DRAFT, 'RegisterCasesChanged', 'specialist', null],
    ['3: only the specialist changes it', DRAFT, 'RegisterCasesChanged', 'akim', 'roleNotAllowed'],
    ['3: the akim signs', DRAFT, 'RegisterSigned', 'akim', null],
    ['3: the specialist does not sign', DRAFT, 'RegisterSigned', 'specialist', 'roleNotAllowed'],
    ['3: nor the district head', DRAFT, 'RegisterSigned', 'districtHead', 'roleNotAllowed'],
    ['6: not forwarded unsigned', DRAFT, 'RegisterForwarded', 'specialist', 'notSigned'],
    ['a draft is cancelled without a reason', DRAFT, 'RegisterCancelled', 'specialist', null],
    ['4: signed cases no longer change', SIGNED, 'RegisterCasesChanged', 'specialist', 'signed'],
    ['4: not signed twice', SIGNED, 'RegisterSigned', 'akim', 'signed'],
    ['6: forwarded once signed', SIGNED, 'RegisterForwarded', 'specialist', null],
    ['3: the akim does not forward', SIGNED, 'RegisterForwarded', 'akim', 'roleNotAllowed'],
    ['7: a signed one is cancelled with a reason', SIGNED, 'RegisterCancelled', 'specialist', null],
    ['6: nothing after forwarding', FORWARDED, 'RegisterCancelled', 'specialist', 'forwarded'],
    ['6: not forwarded twice', FORWARDED, 'RegisterForwarded', 'specialist', 'forwarded'],
    ['7: nothing after cancelling', CANCELLED, 'RegisterForwarded', 'specialist', 'cancelled'],
    ['7: not cancelled twice', CANCELLED, 'RegisterCancelled', 'specialist', 'cancelled'],
  ])('%s', (_name, path, type, role, reason) => {
    const state = stateAfter(path);
    const event = sampleRegisterEvent(type, { role, counter: 50, state, variant: 0 });
    expect(checkRegisterEvent(state, event, actor(role))).toEqual(
      reason === null ? { ok: true } : { ok: false, reason: `registers:rejections.${reason}` },
    );
  });

  test('2: everyone works at the office that created the register', () => {
    const state = stateAfter(SIGNED);
    const forward = sampleRegisterEvent('RegisterForwarded', { role: 'specialist', counter: 9 });
    expect(checkRegisterEvent(state, forward, actor('specialist', 'office-2'))).toEqual({
      ok: false,
      reason: 'registers:rejections.otherOffice',
    });
    const created = sampleRegisterEvent('RegisterCreated', { role: 'specialist', counter: 1 });
    expect(checkRegisterEvent(EMPTY_REGISTER, created, actor('specialist', 'office-2'))).toEqual({
      ok: false,
      reason: 'registers:rejections.otherOffice',
    });
    expect(allowedRegisterEvents(state, actor('specialist', 'office-2'))).toEqual([]);
    expect(allowedRegisterEvents(EMPTY_REGISTER, actor('specialist', 'office-2'))).toEqual([
      'RegisterCreated',
    ]);
  });

  test('5: the akim signs exactly the list the register holds, and the digest it states', () => {
    const state = stateAfter([['RegisterCreated', 'specialist', 1]]);
    const sign = (payload: ReturnType<typeof sampleRegisterPayload<'RegisterSigned'>>) =>
      checkRegisterEvent(
        state,
        sampleRegisterEvent('RegisterSigned', { role: 'akim', counter: 5, payload }),
        actor('akim'),
      );
    const good = sampleRegisterPayload('RegisterSigned', 0, state);
    expect(sign(good)).toEqual({ ok: true });
    expect(sign({ ...good, signedCases: [...good.signedCases].reverse() })).toEqual({
      ok: false,
      reason: 'registers:rejections.changedSinceSigning',
    });
    expect(sign({ ...good, signedCases: good.signedCases.slice(1) })).toEqual({
      ok: false,
      reason: 'registers:rejections.changedSinceSigning',
    });
    expect(sign({ ...good, documentDigest: 'b3RoZXI=' })).toEqual({
      ok: false,
      reason: 'registers:rejections.digestMismatch',
    });
  });

  test('7: a signed register is not cancelled without a reason', () => {
    const state = stateAfter(SIGNED);
    for (const payload of [{}, { reason: '  ' }]) {
      const cancel = sampleRegisterEvent('RegisterCancelled', {
        role: 'specialist',
        counter: 5,
        payload,
      });
      expect(checkRegisterEvent(state, cancel, actor('specialist'))).toEqual({
        ok: false,
        reason: 'registers:rejections.reasonRequired',
      });
    }
  });

  test('allowedRegisterEvents follows the life of a register', () => {
    const spec = actor('specialist');
    const akim = actor('akim');
    expect(allowedRegisterEvents(EMPTY_REGISTER, spec)).toEqual(['RegisterCreated']);
    expect(allowedRegisterEvents(stateAfter(DRAFT), spec)).toEqual([
      'RegisterCasesChanged',
      'RegisterCancelled',
    ]);
    expect(allowedRegisterEvents(stateAfter(DRAFT), akim)).toEqual(['RegisterSigned']);
    expect(allowedRegisterEvents(stateAfter(SIGNED), spec)).toEqual([
      'RegisterForwarded',
      'RegisterCancelled',
    ]);
    expect(allowedRegisterEvents(stateAfter(SIGNED), akim)).toEqual([]);
    for (const role of ACTOR_ROLES) {
      expect(allowedRegisterEvents(stateAfter(FORWARDED), actor(role))).toEqual([]);
      expect(allowedRegisterEvents(stateAfter(CANCELLED), actor(role))).toEqual([]);
    }
  });
});

// ---- properties ---------------------------------------------------------------------------------------

interface Attempt {
  readonly role: ActorRole;
  readonly type: RegisterEventType;
  /** random: try (role, type) as drawn, usually refused; guided: pick among what is allowed now. */
  readonly guided: boolean;
  readonly pick: number;
  readonly variant: number;
}

const attemptArb: fc.Arbitrary<Attempt> = fc.record({
  role: fc.constantFrom(...ACTOR_ROLES),
  type: fc.constantFrom(...REGISTER_EVENT_TYPES),
  guided: fc.boolean(),
  pick: fc.nat(),
  variant: fc.nat(5),
});
const attemptsArb = fc.array(attemptArb, { minLength: 1, maxLength: 12 });

/** A desk appending what checkRegisterEvent allows, as the desk's store does; the whole log it ends with. */
function walk(
  start: readonly RegisterEvent[],
  attempts: readonly Attempt[],
  deviceId: string,
  firstCounter: number,
): RegisterEvent[] {
  const events = [...start];
  let state = foldRegister(events);
  let counter = firstCounter;
  for (const a of attempts) {
    let { role, type } = a;
    if (a.guided) {
      const pairs = ACTOR_ROLES.flatMap((r) =>
        allowedRegisterEvents(state, actor(r)).map((t) => [r, t] as const),
      );
      const pair = pairs[a.pick % Math.max(pairs.length, 1)];
      if (pair !== undefined) [role, type] = pair;
    }
    const event = sampleRegisterEvent(type, {
      role,
      counter,
      deviceId,
      variant: a.variant,
      state,
    });
    if (!checkRegisterEvent(state, event, event.actor).ok) continue;
    events.push(event);
    counter += 1;
    state = foldRegister(events);
  }
  return events;
}

/** What the invariants say about any applied log, checked without the transition table. */
function expectLawfulLog(applied: readonly RegisterEvent[]): void {
  const before = (i: number, type: RegisterEventType) =>
    applied.slice(0, i).some((e) => e.type === type);
  applied.forEach((e, i) => {
    expect(e.type === 'RegisterCreated').toBe(i === 0);
    expect(e.actor.role).toBe(e.type === 'RegisterSigned' ? 'akim' : 'specialist');
    expect(before(i, 'RegisterForwarded') || before(i, 'RegisterCancelled')).toBe(false);
    if (e.type === 'RegisterCasesChanged' || e.type === 'RegisterSigned') {
      expect(before(i, 'RegisterSigned')).toBe(false);
    }
    if (e.type === 'RegisterForwarded') expect(before(i, 'RegisterSigned')).toBe(true);
    if (e.type === 'RegisterCancelled' && before(i, 'RegisterSigned')) {
      expect(e.payload.reason?.trim()).toBeTruthy();
    }
  });
}

function shuffleWithRepeats(
  events: readonly RegisterEvent[],
  g: fc.GeneratorValue,
): RegisterEvent[] {
  const shuffled = g(fc.shuffledSubarray, [...events], {
    minLength: events.length,
    maxLength: events.length,
  });
  const repeats = g(fc.subarray, [...events]);
  const at = g(fc.nat, shuffled.length);
  return [...shuffled.slice(0, at), ...repeats, ...shuffled.slice(at)];
}

describe('properties of the register fold and its table', () => {
  test('a desk that appends only what the check allows keeps every invariant', () => {
    fc.assert(
      fc.property(attemptsArb, (attempts) => {
        const events = walk([], attempts, 'desk-1', 1);
        const state: RegisterState = foldRegister(events);
        expect(state.conflicts).toEqual([]);
        expect(state.events).toEqual(events);
        for (const e of events) expect(registerEventSchema.safeParse(e).success).toBe(true);
        expectLawfulLog(state.events);
      }),
      { numRuns: 200 },
    );
  });

  test('any delivery order of the same events, with repeats, gives the same state', () => {
    fc.assert(
      fc.property(attemptsArb, attemptsArb, attemptsArb, fc.gen(), (start, a, b, g) => {
        // Two desks going offline after a common start make concurrent, possibly conflicting, events.
        const common = walk([], start, 'desk-1', 1);
        const desk1 = walk(common, a, 'desk-1', common.length + 1);
        const desk2 = walk(common, b, 'desk-2', common.length + 1);
        const all = [...desk1, ...desk2.slice(common.length)];
        const expected = foldRegister(all);
        expect(foldRegister(shuffleWithRepeats(all, g))).toEqual(expected);
        // Nothing is lost: every event is applied or listed as a conflict, and the applied log is lawful.
        const ids = [...expected.events, ...expected.conflicts.map((c) => c.event)].map(
          (e) => e.id,
        );
        expect(ids.sort()).toEqual(all.map((e) => e.id).sort());
        expectLawfulLog(expected.events);
        for (const e of expected.events) {
          const prior = foldRegister(all.filter((x) => compareRegisterEvents(x, e) < 0));
          expect(checkRegisterEvent(prior, e, e.actor)).toEqual({ ok: true });
        }
      }),
      { numRuns: 200 },
    );
  });
});
