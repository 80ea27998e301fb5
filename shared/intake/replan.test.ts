import { describe, expect, test } from 'vitest';
import { foldCase } from '../case';
import { sampleEvent, sampleRegistered } from '../case/testing';
import { createWorkingCalendar } from '../calendar';
import { replanProposal } from './replan';

const calendar = createWorkingCalendar();

function registered() {
  return sampleEvent('Registered', {
    role: 'specialist',
    counter: 1,
    payload: sampleRegistered({
      serviceId: 'targeted-social-assistance',
      ruleSetId: '001-timiryazev-2012-n302',
      receivedAt: '2026-11-23T10:00',
      registrationDate: '2026-11-23',
      registrationNumber: 'AK01-1-0001/2026',
      dueDate: '2026-12-24',
    }),
  });
}

describe('re-planning after a calendar correction', () => {
  test('nothing to re-plan while the calendar gives the same due date', () => {
    expect(replanProposal(foldCase([registered()]), calendar)).toBeNull();
  });

  test('a day off added by a correction proposes a later date; it changes nothing by itself', () => {
    const corrected = createWorkingCalendar({ extraDaysOff: ['2026-12-01'] });
    const state = foldCase([registered()]);
    expect(replanProposal(state, corrected)).toEqual({
      currentDueDate: '2026-12-24',
      newDueDate: '2026-12-25',
      calendarVersion: corrected.dataVersion,
    });
    expect(state.dueDate).toBe('2026-12-24');
  });

  test('a case re-planned to the corrected date has nothing more to re-plan', () => {
    const corrected = createWorkingCalendar({ extraDaysOff: ['2026-12-01'] });
    const replanned = foldCase([
      registered(),
      sampleEvent('TermReplanned', {
        role: 'specialist',
        counter: 2,
        payload: { newDueDate: '2026-12-25', calendarVersion: 'x', reason: 'Түзету' },
      }),
    ]);
    expect(replanProposal(replanned, corrected)).toBeNull();
  });
});
