// R-PRO-1 (003:30) with issue 9 §12: the district opens proactive assistance for a recipient of an
// okrug, and the case belongs to that okrug, so the akimat sees it (the hub scopes by the same office).
import { describe, expect, test } from 'vitest';
import type { CaseEvent } from './events';
import { foldCase, openingOfficeOf } from './fold';
import { samplePayload, sampleEvent, SAMPLE_DISTRICT_ID } from './testing';
import { canAppend } from './transitions';

/** The log's checks alone (the rules with a calendar are not what is asked here). */
const bare = { context: null } as const;
const DISTRICT_OFFICE = 'office-district';
const OKRUG_A = 'office-okrug-a';

/** A sample event made at the district department's office. */
function atDistrict<E extends CaseEvent>(event: E): E {
  return { ...event, actor: { ...event.actor, officeId: DISTRICT_OFFICE } };
}

const opened = (officeId?: string) =>
  atDistrict(
    sampleEvent('ProactiveCaseOpened', {
      role: 'districtSpecialist',
      counter: 1,
      payload: {
        ...samplePayload('ProactiveCaseOpened'),
        ...(officeId === undefined ? {} : { officeId }),
      },
    }),
  );

describe('the office of a proactive case', () => {
  test('R-PRO-1: a case the district opens for an okrug belongs to the okrug', () => {
    const event = opened(OKRUG_A);
    expect(openingOfficeOf(event)).toBe(OKRUG_A);
    const state = foldCase([event]);
    expect(state.officeId).toBe(OKRUG_A);
    expect(state.districtId).toBe(SAMPLE_DISTRICT_ID);
  });

  test('R-PRO-1: without an okrug named, the case is the opening office’s, as before', () => {
    expect(foldCase([opened()]).officeId).toBe(DISTRICT_OFFICE);
  });

  test('R-PRO-1: the district department still decides the okrug’s proactive case', () => {
    const state = foldCase([opened(OKRUG_A)]);
    const actor = { role: 'districtSpecialist' as const, officeId: DISTRICT_OFFICE };
    const here = { ...actor, districtId: SAMPLE_DISTRICT_ID };
    expect(canAppend(state, 'DecisionMade', here, bare)).toEqual({ ok: true });
    const otherDistrict = canAppend(
      state,
      'DecisionMade',
      { ...actor, districtId: 'district-2' },
      bare,
    );
    expect(otherDistrict).toEqual({ ok: false, reason: 'case:rejections.otherDistrict' });
  });
});
