// The district returns a case to the akimat for a missing document (R-ROUTE-6 [I]); the akimat completes
// the application and forwards it again in a new covering register (R-ROUTE-7 [I]). The district works
// on the full package (003:35-36); the return names what is missing, in writing, as the older rules
// ask of a returned incomplete package (001:7163-7164 / 1295-1296).
import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../calendar';
import type { CaseEvent, CaseRole, PayloadOf } from './events';
import { caseEventSchema } from './events';
import { foldCase } from './fold';
import type { CaseState } from './state';
import { sampleActor, sampleApplicant, sampleEvent, samplePath, sampleRegistered } from './testing';
import type { SampleStep } from './testing';
import { canAppend } from './transitions';

const calendar = createWorkingCalendar();
const full = { context: { calendar } } as const;
const bare = { context: null } as const;
const ok = { ok: true };
const rejected = (code: string) => ({ ok: false, reason: `case:rejections.${code}` });

const RECEIVED: readonly SampleStep[] = [
  ['Registered', 'specialist'],
  ['ResolutionImposed', 'akim'],
  ['ForwardedToDistrict', 'specialist'],
  ['ReceivedByDistrict', 'districtSpecialist'],
];

/** The TSA's family-income papers (001:11121) were not on the registered checklist at all. */
const MISSING: PayloadOf<'ReturnedForCompletion'> = {
  missingDocuments: [
    { documentId: 'family-income', text: 'Отбасы мүшелерінің табысы туралы мәліметтер' },
    { text: 'Жұбайының табысы туралы анықтама жоқ' },
  ],
  note: 'Үш жұмыс күні ішінде толықтырыңыз',
  outgoingNumber: '2-04/97',
};

/** Appends one event with the next counter, as the desk would, and folds. */
function then<T extends CaseEvent['type']>(
  events: readonly CaseEvent[],
  type: T,
  role: CaseRole,
  payload?: PayloadOf<T>,
): CaseEvent[] {
  const event = sampleEvent(type, {
    role,
    counter: events.length + 1,
    state: foldCase(events),
    ...(payload !== undefined ? { payload } : {}),
  });
  return [...events, event];
}

const received = () => samplePath(RECEIVED);
const returned = () => then(received(), 'ReturnedForCompletion', 'districtSpecialist', MISSING);
const completed = () =>
  then(returned(), 'ApplicationCorrected', 'specialist', {
    reason: 'Табыс туралы мәліметтер әкелінді',
    documents: [
      { documentId: 'application', state: 'presented' },
      { documentId: 'family-composition', state: 'presented' },
      { documentId: 'identity-document', state: 'confirmedByInformationSystem' },
      { documentId: 'social-contract', state: 'notApplicable' },
      { documentId: 'family-income', state: 'presented' },
    ],
  });
const NEW_REGISTER = { registerId: 'register-9', registerNumber: 'R-9/2025' };

describe('R-ROUTE-6 [I]: the district returns a received case for a missing document', () => {
  test('the akimat holds the case again, with what is missing, and the stage change is logged', () => {
    const state = foldCase(returned());
    expect(state.conflicts).toEqual([]);
    expect(state.stage).toBe('returnedForCompletion');
    expect(state.districtHandoverAt).toBeNull();
    expect(state.completionReturns).toEqual([
      {
        eventId: 'desk-1-5',
        at: '2025-03-03T09:05',
        byUserId: 'user-districtSpecialist',
        missingDocuments: MISSING.missingDocuments,
        note: 'Үш жұмыс күні ішінде толықтырыңыз',
        outgoingNumber: '2-04/97',
        correctedAt: null,
        forwardedAgainAt: null,
      },
    ]);
    // R-STAT-2: the status history has the return.
    expect(state.history.at(-1)).toMatchObject({
      type: 'ReturnedForCompletion',
      stage: 'returnedForCompletion',
      suspended: false,
    });
  });

  test('only the district specialist returns, and only a case it received, before a hearing', () => {
    const atDistrict = foldCase(received());
    const payload = { payload: MISSING, ...bare };
    expect(
      canAppend(atDistrict, 'ReturnedForCompletion', sampleActor('districtSpecialist'), payload),
    ).toEqual(ok);
    expect(
      canAppend(atDistrict, 'ReturnedForCompletion', sampleActor('districtHead'), payload),
    ).toEqual(rejected('roleNotAllowed'));
    expect(
      canAppend(atDistrict, 'ReturnedForCompletion', sampleActor('specialist'), payload),
    ).toEqual(rejected('roleNotAllowed'));
    // Another district's department has no say on the case.
    expect(
      canAppend(
        atDistrict,
        'ReturnedForCompletion',
        { role: 'districtSpecialist', officeId: 'district-office-2', districtId: 'district-2' },
        payload,
      ),
    ).toEqual(rejected('otherDistrict'));
    // Forwarded but not received yet: nothing was checked at the district.
    const forwarded = foldCase(samplePath(RECEIVED.slice(0, 3)));
    expect(
      canAppend(forwarded, 'ReturnedForCompletion', sampleActor('districtSpecialist'), payload),
    ).toEqual(rejected('notAllowedInStage'));
    // R-HEAR-1: once the preliminary refusal notice went out, the APPC hearing ends in a decision.
    const hearing = foldCase(
      samplePath([...RECEIVED, ['PreliminaryRefusalNoticed', 'districtSpecialist']]),
    );
    expect(
      canAppend(hearing, 'ReturnedForCompletion', sampleActor('districtSpecialist'), payload),
    ).toEqual(rejected('notAllowedInStage'));
  });

  test('an application filed at the district has no akimat to go back to', () => {
    const district = foldCase(samplePath([['Registered', 'districtSpecialist', 2]]));
    expect(district.stage).toBe('atDistrict');
    expect(
      canAppend(district, 'ReturnedForCompletion', sampleActor('districtSpecialist'), {
        payload: MISSING,
        ...bare,
      }),
    ).toEqual(rejected('notOnThisRoute'));
  });

  test('the return names at least one missing document, each with its words', () => {
    const [event] = returned().slice(-1);
    const parse = (payload: unknown) => caseEventSchema.safeParse({ ...event, payload });
    expect(parse(MISSING).success).toBe(true);
    expect(parse({ missingDocuments: [] }).error?.issues[0]?.message).toBe(
      'case:validation.listRequired',
    );
    expect(parse({ missingDocuments: [{ text: '  ' }] }).error?.issues[0]?.message).toBe(
      'case:validation.required',
    );
    expect(parse({ missingDocuments: [{ text: 'x', extra: 1 }] }).success).toBe(false);
  });
});

describe('R-ROUTE-7 [I]: the akimat completes the application and forwards it again', () => {
  const forwardCheck = (events: readonly CaseEvent[]) =>
    canAppend(foldCase(events), 'ForwardedToDistrict', sampleActor('specialist'), {
      payload: NEW_REGISTER,
      ...bare,
    });

  test('not forwarded again while a document the return names is not held on the checklist', () => {
    expect(forwardCheck(returned())).toEqual(rejected('notCompletedSinceReturn'));
    // A correction of something else does not complete the package.
    const otherFix = then(returned(), 'ApplicationCorrected', 'specialist', {
      reason: 'Мекенжай қате жазылған',
      applicant: { ...sampleApplicant, address: 'Ақмола облысы, Ақкөл қаласы, Абай көшесі, 5' },
    });
    expect(foldCase(otherFix).conflicts).toEqual([]);
    expect(forwardCheck(otherFix)).toEqual(rejected('notCompletedSinceReturn'));
    expect(forwardCheck(completed())).toEqual(ok);
    // The fold keeps such a forwarding (from a desk that did not know better) as a conflict.
    const early = foldCase(then(returned(), 'ForwardedToDistrict', 'specialist', NEW_REGISTER));
    expect(early.stage).toBe('returnedForCompletion');
    expect(early.conflicts.map((c) => c.reason)).toEqual([
      'case:rejections.notCompletedSinceReturn',
    ]);
  });

  test('a paper ticked on the checklist but not in the package, or named in words: the register vouches', () => {
    // The akimat brings the paper; the akim's signed covering register states the package is whole.
    const ticked = then(received(), 'ReturnedForCompletion', 'districtSpecialist', {
      missingDocuments: [
        { documentId: 'family-composition', text: 'Отбасы құрамы туралы мәліметтер' },
        { text: 'Жұбайының табысы туралы анықтама жоқ' },
      ],
    });
    expect(forwardCheck(ticked)).toEqual(ok);
  });

  test('completed, forwarded in a new register, received and decided: one log, two round trips', () => {
    const corrected = foldCase(completed());
    expect(corrected.completionReturns[0]?.correctedAt).toBe('2025-03-03T09:06');
    expect(corrected.application?.documents.find((d) => d.documentId === 'family-income')).toEqual({
      documentId: 'family-income',
      state: 'presented',
    });

    const again = then(completed(), 'ForwardedToDistrict', 'specialist', NEW_REGISTER);
    const forwarded = foldCase(again);
    expect(forwarded.stage).toBe('forwarded');
    expect(forwarded.forwarding).toEqual(NEW_REGISTER);
    expect(forwarded.districtHandoverAt).toBe('2025-03-03T09:07');
    expect(forwarded.completionReturns[0]?.forwardedAgainAt).toBe('2025-03-03T09:07');

    const receivedAgain = then(again, 'ReceivedByDistrict', 'districtSpecialist', {
      incomingNumber: '1-15/400',
    });
    const atDistrict = foldCase(receivedAgain);
    expect(atDistrict.stage).toBe('atDistrict');
    expect(atDistrict.districtHandoverAt).toBe('2025-03-03T09:08');
    // The first receipt stays the first (stepTimes anchors the first occurrence of each type).
    expect(atDistrict.stepTimes.ReceivedByDistrict).toBe('2025-03-03T09:04');

    const decided = foldCase(then(receivedAgain, 'DecisionMade', 'districtSpecialist'));
    expect(decided.conflicts).toEqual([]);
    expect(decided.stage).toBe('decided');
    expect(decided.events.filter((e) => e.type === 'ForwardedToDistrict')).toHaveLength(2);
  });

  test('a second receipt needs a second forwarding', () => {
    const state = foldCase(completed());
    expect(canAppend(state, 'ReceivedByDistrict', sampleActor('districtSpecialist'), bare)).toEqual(
      rejected('notAllowedInStage'),
    );
  });
});

describe('the term while the papers are back at the akimat', () => {
  test('the TSA rule-set names no suspension (001:11136 / 4901): the return does not stop the term', () => {
    const state: CaseState = foldCase(completed());
    expect(state.suspended).toBe(false);
    expect(state.dueDate).toBe(sampleRegistered().dueDate);
    // The akimat, holding the case, may not suspend it either: the catalog gives no ground.
    expect(
      canAppend(foldCase(returned()), 'TermSuspended', sampleActor('specialist'), {
        ...full,
        payload: { reason: 'Құжат жетіспейді' },
      }),
    ).toEqual(rejected('suspensionNotProvided'));
    // The district no longer holds it: its term rows do not apply at the akimat's stage.
    expect(
      canAppend(foldCase(returned()), 'TermSuspended', sampleActor('districtSpecialist'), bare),
    ).toEqual(rejected('notAllowedInStage'));
  });
});
