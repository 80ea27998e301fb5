import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../calendar';
import { ruleSetInForce } from '../catalog';
import { termStart, termStartRule } from './term-start';

const calendar = createWorkingCalendar();
const serviceOn = (id: string, date: string) => {
  const found = ruleSetInForce(id, date);
  if (!found.ok) throw new Error(`${id} has no rule-set on ${date}`);
  return found.service;
};

describe('each rule-set says when its term starts', () => {
  test('R-REG-1 (003:31): the 2023 rules register after hours on the next working day', () => {
    const service = serviceOn('social-aid-maslikhat-categories', '2026-11-20');
    expect(termStartRule(service)).toBe('sameWorkingDayElseNext');
    expect(termStart(service, '2026-11-20T18:30', calendar)).toEqual({
      date: '2026-11-23',
      at: '2026-11-23T09:00',
    });
    expect(termStart(service, '2026-11-20T10:00', calendar)).toEqual({
      date: '2026-11-20',
      at: '2026-11-20T10:00',
    });
  });

  test.each([
    ['targeted-social-assistance', '001:11109 / 4873'],
    ['child-benefit-under-18', '001:7129 / 1261'],
    ['fuel-aid-rural-social-specialists', '001:9289 / 3112'],
    ['asp-recipient-certificate', '002:10'],
  ])('%s counts from handing in the documents (%s), the talon keeps that day', (id) => {
    const service = serviceOn(id, '2026-11-20');
    expect(termStartRule(service)).toBe('fromHandingIn');
    expect(termStart(service, '2026-11-20T18:30', calendar)).toEqual({
      date: '2026-11-20',
      at: '2026-11-20T18:30',
    });
  });
});
