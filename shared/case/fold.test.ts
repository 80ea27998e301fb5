import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CASE_EVENT_TYPES, CASE_ROLES, caseEventSchema } from './events';
import type { CaseEvent, CaseEventType, CaseRole } from './events';
import { compareEvents, foldCase } from './fold';
import { EMPTY_CASE } from './state';
import type { CaseState } from './state';
import { SAMPLE_CASE_ID, sampleEvent, samplePath, samplePayload } from './testing';
import { sampleActor } from './testing';
import type { SampleStep } from './testing';
import { allowedEvents, canAppend } from './transitions';

const AT_DISTRICT: readonly SampleStep[] = [
  ['Registered', 'specialist'],
  ['ResolutionImposed', 'akim'],
  ['ForwardedToDistrict', 'specialist'],
  ['ReceivedByDistrict', 'districtSpecialist'],
];

describe('foldCase', () => {
  test('no events, the empty case', () => {
    expect(foldCase([])).toEqual(EMPTY_CASE);
  });

  test('a full akim route ends issued, with every event applied in order', () => {
    const events = samplePath([
      ...AT_DISTRICT,
      ['IncomeComputed', 'districtSpecialist'],
      ['DecisionMade', 'districtSpecialist', 0],
      ['ResultSigned', 'districtHead'],
      ['ReturnedToAkimat', 'specialist'],
      ['ResultIssued', 'specialist'],
    ]);
    const state = foldCase([...events].reverse());
    expect(state.caseId).toBe(SAMPLE_CASE_ID);
    expect(state.stage).toBe('issued');
    expect(state.events).toEqual(events);
    expect(state.conflicts).toEqual([]);
    expect(state.flagged).toBe(false);
    expect(state.income?.perCapitaIncomeTiyn).toBe(1_500_000);
    expect(state.forwarding?.registerNumber).toBe('R-7/2025');
    expect(state.issue?.way).toBe('inPerson');
    expect(state.registrationNumber).toBe('AK01-1-0001/2025');
  });

  test('a repeated delivery of an event is ignored', () => {
    const events = samplePath(AT_DISTRICT);
    expect(foldCase([...events, ...events, events[1] as CaseEvent])).toEqual(foldCase(events));
  });

  test('two district desks offline: a grant and a refusal notice; the later one is a conflict', () => {
    const shared = samplePath(AT_DISTRICT);
    const atDistrict = foldCase(shared);
    const grant = sampleEvent('DecisionMade', {
      role: 'districtSpecialist',
      counter: 10,
      deviceId: 'desk-a',
      state: atDistrict,
    });
    const notice = sampleEvent('PreliminaryRefusalNoticed', {
      role: 'districtSpecialist',
      counter: 10,
      deviceId: 'desk-b',
      state: atDistrict,
    });
    const merged = foldCase([notice, ...shared, grant]);
    // Same counter: the device id orders them, desk-a first.
    expect(merged.stage).toBe('decided');
    expect(merged.hearing).toBeNull();
    expect(merged.flagged).toBe(true);
    expect(merged.conflicts).toEqual([
      { event: notice, reason: 'case:rejections.notAllowedInStage', acknowledgedBy: null },
    ]);
    expect(merged.events).not.toContain(notice);

    // A person looks at it and acknowledges: the case is no longer flagged, the conflict stays listed.
    expect(allowedEvents(merged, sampleActor('districtHead'))).toEqual([
      'ResultSigned',
      'ConflictAcknowledged',
    ]);
    const ack = sampleEvent('ConflictAcknowledged', {
      role: 'districtHead',
      counter: 11,
      deviceId: 'desk-a',
      state: merged,
    });
    expect(ack.payload.eventId).toBe(notice.id);
    const settled = foldCase([...shared, grant, notice, ack]);
    expect(settled.flagged).toBe(false);
    expect(settled.conflicts).toEqual([
      { event: notice, reason: 'case:rejections.notAllowedInStage', acknowledgedBy: ack.id },
    ]);
    expect(
      canAppend(settled, 'ConflictAcknowledged', sampleActor('districtHead'), { context: null }),
    ).toEqual({
      ok: false,
      reason: 'case:rejections.noOpenConflict',
    });
  });

  test('one id with two contents is a conflict, whatever the delivery order', () => {
    const events = samplePath(AT_DISTRICT);
    const original = events[1];
    if (original?.type !== 'ResolutionImposed') throw new Error('path changed');
    const forged: CaseEvent = {
      ...original,
      payload: { executorUserId: 'someone-else', text: 'Басқа' },
    };
    const a = foldCase([...events, forged]);
    const b = foldCase([forged, ...events]);
    expect(a).toEqual(b);
    expect(a.flagged).toBe(true);
    expect(a.conflicts).toHaveLength(1);
    expect(a.conflicts[0]?.reason).toBe('case:conflicts.idReused');
    // Ties on (hlc, id) are broken by content, so exactly one of the two is applied.
    expect(a.events.filter((e) => e.id === original.id)).toHaveLength(1);
  });

  test('events of two cases cannot be folded together', () => {
    const [first, second] = samplePath(AT_DISTRICT);
    expect(() =>
      foldCase([first as CaseEvent, { ...(second as CaseEvent), caseId: 'other' }]),
    ).toThrow(RangeError);
  });

  test('compareEvents orders by hlc, then by id, as plain strings', () => {
    const e = sampleEvent('SentToCommission', { role: 'specialist', counter: 1 });
    expect(compareEvents({ ...e, hlc: 'a' }, { ...e, hlc: 'b' })).toBe(-1);
    expect(compareEvents({ ...e, hlc: 'b', id: 'a' }, { ...e, hlc: 'a', id: 'b' })).toBe(1);
    expect(compareEvents({ ...e, id: 'x1' }, { ...e, id: 'x2' })).toBe(-1);
    expect(compareEvents(e, { ...e })).toBe(0);
  });
});

// ---- properties ---------------------------------------------------------------------------------------

interface Attempt {
  readonly role: CaseRole;
  readonly type: CaseEventType;
  /**
   * random: try (role, type) as drawn, usually refused. guided: pick among the (role, type) pairs
   * allowed now. progress: the same, leaving out detours that end or stall a case, so walks get deep.
   */
  readonly mode: 'random' | 'guided' | 'progress';
  readonly pick: number;
  readonly variant: number;
}

const DETOURS: readonly CaseEventType[] = [
  'AcceptanceRefused',
  'Withdrawn',
  'TermSuspended',
  'TermExtended',
  'IncomeComputed',
];

const attemptArb: fc.Arbitrary<Attempt> = fc.record({
  role: fc.constantFrom(...CASE_ROLES),
  type: fc.constantFrom(...CASE_EVENT_TYPES),
  mode: fc.oneof(
    { weight: 1, arbitrary: fc.constant('random' as const) },
    { weight: 1, arbitrary: fc.constant('guided' as const) },
    { weight: 3, arbitrary: fc.constant('progress' as const) },
  ),
  pick: fc.nat(),
  variant: fc.nat(5),
});
const attemptsArb = fc.array(attemptArb, { minLength: 4, maxLength: 30 });

/** A desk appending what canAppend allows, as the UI does; returns the whole log it ends with. */
function walk(
  start: readonly CaseEvent[],
  attempts: readonly Attempt[],
  deviceId: string,
  firstCounter: number,
): CaseEvent[] {
  const events = [...start];
  let state = foldCase(events);
  let counter = firstCounter;
  for (const a of attempts) {
    let role = a.role;
    let type = a.type;
    if (a.mode !== 'random') {
      const pairs = CASE_ROLES.flatMap((r) =>
        allowedEvents(state, sampleActor(r))
          .filter((t) => a.mode === 'guided' || !DETOURS.includes(t))
          .map((t) => [r, t] as const),
      );
      const pair = pairs[a.pick % Math.max(pairs.length, 1)];
      if (pair !== undefined) [role, type] = pair;
    }
    const payload = samplePayload(type, a.variant, state);
    if (!canAppend(state, type, sampleActor(role), { context: null, payload }).ok) continue;
    events.push(sampleEvent(type, { role, counter, deviceId, payload, state }));
    counter += 1;
    state = foldCase(events);
  }
  return events;
}

/** Who may ever append each type, written independently of TRANSITIONS. */
const MAY_EVER: Readonly<Record<CaseEventType, readonly CaseRole[]>> = {
  Registered: ['specialist', 'districtSpecialist'],
  AcceptanceRefused: ['specialist', 'districtSpecialist'],
  ProactiveCaseOpened: ['districtSpecialist'],
  ResolutionImposed: ['akim'],
  SentToCommission: ['specialist'],
  CommissionActRecorded: ['specialist'],
  ForwardedToDistrict: ['specialist'],
  ReceivedByDistrict: ['districtSpecialist'],
  ReturnedForCompletion: ['districtSpecialist'],
  IncomeComputed: ['districtSpecialist'],
  PreliminaryRefusalNoticed: ['districtSpecialist'],
  RefusalNoticeReceived: ['districtSpecialist'],
  ObjectionFiled: ['districtSpecialist'],
  HearingProtocolRecorded: ['districtSpecialist'],
  ProtocolFamiliarized: ['districtSpecialist'],
  RemarksFiled: ['districtSpecialist'],
  DecisionMade: ['districtSpecialist'],
  ResultSigned: ['districtHead'],
  CertificateIssued: ['akim', 'districtHead'],
  ReturnedToAkimat: ['specialist'],
  DistrictResultRecorded: ['specialist'],
  ApplicantNotifiedResultReady: ['specialist'],
  ResultIssued: ['specialist', 'districtSpecialist'],
  Withdrawn: ['specialist', 'districtSpecialist'],
  TermSuspended: ['specialist', 'districtSpecialist'],
  TermResumed: ['specialist', 'districtSpecialist'],
  TermExtended: ['specialist', 'districtSpecialist'],
  TermReplanned: ['specialist', 'districtSpecialist'],
  ApplicationCorrected: ['specialist', 'districtSpecialist'],
  ConflictAcknowledged: ['specialist', 'akim', 'districtSpecialist', 'districtHead'],
};

/** What the regulations say about any applied log, checked without the transition table. */
function expectLawfulLog(applied: readonly CaseEvent[]): void {
  const seen = (type: CaseEventType, before: number) =>
    applied.slice(0, before).some((e) => e.type === type);
  const count = (type: CaseEventType, before: number) =>
    applied.slice(0, before).filter((e) => e.type === type).length;
  applied.forEach((e, i) => {
    expect(MAY_EVER[e.type]).toContain(e.actor.role);
    const opening = ['Registered', 'AcceptanceRefused', 'ProactiveCaseOpened'].includes(e.type);
    expect(opening).toBe(i === 0);
    switch (e.type) {
      case 'ResultIssued': // R-DEC-5 (a result received on paper carries its own signature)
        expect(
          seen('ResultSigned', i) ||
            seen('CertificateIssued', i) ||
            seen('DistrictResultRecorded', i),
        ).toBe(true);
        break;
      case 'DistrictResultRecorded':
        expect(seen('ForwardedToDistrict', i)).toBe(true);
        break;
      case 'ApplicantNotifiedResultReady': // told once the result is back at the akimat (001:11148)
        expect(seen('ReturnedToAkimat', i) || seen('DistrictResultRecorded', i)).toBe(true);
        expect(seen('ResultIssued', i)).toBe(false);
        break;
      case 'DecisionMade': // R-HEAR-1
        if (e.payload.outcome === 'refuse') expect(seen('PreliminaryRefusalNoticed', i)).toBe(true);
        break;
      case 'ReceivedByDistrict': // once for each forwarding
        expect(count('ReceivedByDistrict', i)).toBeLessThan(count('ForwardedToDistrict', i));
        break;
      case 'ReturnedForCompletion': // R-ROUTE-6 [I]: a received package, before any hearing
        expect(count('ReturnedForCompletion', i)).toBeLessThan(count('ReceivedByDistrict', i));
        expect(seen('PreliminaryRefusalNoticed', i) || seen('DecisionMade', i)).toBe(false);
        break;
      case 'ForwardedToDistrict': {
        // Forwarded again only after a return, and R-ROUTE-7 [I]: every document the return named
        // by its id is held in the checklist as it stands.
        const returns = count('ReturnedForCompletion', i);
        expect(count('ForwardedToDistrict', i)).toBe(returns);
        const lastReturn = applied.slice(0, i).findLast((x) => x.type === 'ReturnedForCompletion');
        if (lastReturn?.type === 'ReturnedForCompletion') {
          const checklist = foldCase(applied.slice(0, i)).application?.documents ?? [];
          for (const m of lastReturn.payload.missingDocuments) {
            if (m.documentId === undefined) continue;
            const held = checklist.find((d) => d.documentId === m.documentId)?.state;
            expect(['presented', 'confirmedByInformationSystem']).toContain(held);
          }
        }
        break;
      }
      case 'ResultSigned':
        expect(seen('DecisionMade', i)).toBe(true);
        break;
      case 'ApplicationCorrected': // corrected only before the result is decided or issued
        expect(
          seen('DecisionMade', i) ||
            seen('CertificateIssued', i) ||
            seen('DistrictResultRecorded', i) ||
            seen('Withdrawn', i),
        ).toBe(false);
        break;
      default:
        break;
    }
  });
  // R-REG-6: a refused application has nothing after it but acknowledgements.
  if (applied[0]?.type === 'AcceptanceRefused') {
    expect(applied.slice(1).every((e) => e.type === 'ConflictAcknowledged')).toBe(true);
  }
}

function shuffleWithRepeats(events: readonly CaseEvent[], g: fc.GeneratorValue): CaseEvent[] {
  const shuffled = g(fc.shuffledSubarray, [...events], {
    minLength: events.length,
    maxLength: events.length,
  });
  const repeats = g(fc.subarray, [...events]);
  const at = g(fc.nat, shuffled.length);
  return [...shuffled.slice(0, at), ...repeats, ...shuffled.slice(at)];
}

describe('properties of the fold and the table', () => {
  test('a desk that appends only what canAppend allows never breaks the table', () => {
    fc.assert(
      fc.property(attemptsArb, (attempts) => {
        const events = walk([], attempts, 'desk-1', 1);
        const state = foldCase(events);
        expect(state.conflicts).toEqual([]);
        expect(state.events).toEqual(events);
        events.forEach((e, i) => {
          expect(caseEventSchema.safeParse(e).success).toBe(true);
          const before = foldCase(events.slice(0, i));
          expect(canAppend(before, e.type, e.actor, { context: null, payload: e.payload })).toEqual(
            {
              ok: true,
            },
          );
        });
        expectLawfulLog(state.events);
      }),
      { numRuns: 150 },
    );
  });

  test('any delivery order of the same events, with repeats, gives the same state', () => {
    fc.assert(
      fc.property(attemptsArb, attemptsArb, fc.gen(), (a, b, g) => {
        // Two desks going offline after a common start make concurrent, possibly conflicting, events.
        const common = walk([], a.slice(0, 10), 'desk-1', 1);
        const desk1 = walk(common, a.slice(10), 'desk-1', common.length + 1);
        const desk2 = walk(common, b, 'desk-2', common.length + 1);
        const all = [...desk1, ...desk2.slice(common.length)];
        const expected = foldCase(all);
        expect(foldCase(shuffleWithRepeats(all, g))).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  test('merging two offline desks: every event is applied or listed as a conflict, never lost', () => {
    fc.assert(
      fc.property(attemptsArb, attemptsArb, attemptsArb, attemptsArb, (start, a, b, later) => {
        const common = walk([], start, 'desk-1', 1);
        const desk1 = walk(common, a, 'desk-1', common.length + 1);
        const desk2 = walk(common, b, 'desk-2', common.length + 1);
        const synced = [...desk1, ...desk2.slice(common.length)];
        // After the sync someone carries on with the merged case, acknowledging conflicts among others.
        const all = walk(synced, later, 'desk-3', synced.length + 1);
        const merged: CaseState = foldCase(all);
        const appliedIds = merged.events.map((e) => e.id);
        const conflictIds = merged.conflicts.map((c) => c.event.id);
        expect([...appliedIds, ...conflictIds].sort()).toEqual(all.map((e) => e.id).sort());
        expect(merged.flagged).toBe(merged.conflicts.some((c) => c.acknowledgedBy === null));
        expectLawfulLog(merged.events);
        // Each applied event was allowed for its actor in the state the fold had reached before it.
        for (const e of merged.events) {
          const before = foldCase(all.filter((x) => compareEvents(x, e) < 0));
          expect(canAppend(before, e.type, e.actor, { context: null, payload: e.payload })).toEqual(
            {
              ok: true,
            },
          );
        }
      }),
      { numRuns: 100 },
    );
  });
});
