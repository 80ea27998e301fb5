import { describe, expect, test } from 'vitest';
import type { ProactiveCandidate } from '../../db';
import {
  buildBatch,
  occasionCode,
  okrugUnknown,
  presetDateText,
  shownCandidates,
  type ProactiveFields,
} from './proactive-form';

const OKRUG_A = 'office-kzl01';
const OKRUG_B = 'office-btr02';
const candidate = (
  iin: string,
  okrugs: string[],
  known = true,
  registerOkrugs: string[] | null = null,
): ProactiveCandidate => ({
  iin,
  fullName: `Person ${iin}`,
  known,
  okrugs,
  registerOkrugs,
});
const OF_A = candidate('1', [OKRUG_A]);
const OF_B = candidate('2', [OKRUG_B]);
const OF_BOTH = candidate('3', [OKRUG_A, OKRUG_B]);
const NO_CASE = candidate('4', [], false);
const ALL = [OF_A, OF_B, OF_BOTH, NO_CASE];

const fields = (over: Partial<ProactiveFields> = {}): ProactiveFields => ({
  serviceId: 'social-aid-maslikhat-categories',
  code: 'victory-day',
  name: ' Жеңіс күні ',
  dateText: '09.05.2026',
  okrug: OKRUG_A,
  shown: [OF_A, NO_CASE],
  ticked: new Set(['1', '4']),
  addresses: { '4': ' Қызылсай ауылы ', '1': 'ignored: the desk knows them' },
  ...over,
});

describe('the proactive screen’s fields', () => {
  test('a fixed day is filled in as dd.MM.yyyy for the year; a movable one is typed', () => {
    expect(presetDateText('victory-day', 2026)).toBe('09.05.2026');
    expect(presetDateText('independence-day', 2027)).toBe('16.12.2027');
    expect(presetDateText('disabled-persons-day', 2026)).toBe('');
    expect(presetDateText('other', 2026)).toBe('');
  });

  test('a preset is its own code; a typed date is told apart by its name, never by a code typed', () => {
    expect(occasionCode('victory-day', 'Жеңіс күні')).toBe('victory-day');
    expect(occasionCode('other', '  Ауыл   күні ')).toBe('other:ауыл күні');
    expect(occasionCode('other', 'АУЫЛ КҮНІ')).toBe(occasionCode('other', 'ауыл күні'));
    expect(occasionCode('other', 'Ауыл күні')).not.toBe(occasionCode('other', 'Ұстаздар күні'));
    expect(occasionCode('other', ' ')).toBe('');
  });

  test('with no okrug from the register: an okrug lists those its cases here place in it; those with no case here only when asked, their okrug unknown', () => {
    expect(shownCandidates(ALL, OKRUG_A, false)).toEqual([OF_A, OF_BOTH]);
    expect(shownCandidates(ALL, OKRUG_A, true)).toEqual([OF_A, OF_BOTH, NO_CASE]);
    expect(shownCandidates(ALL, OKRUG_B, false)).toEqual([OF_B, OF_BOTH]);
    expect(shownCandidates(ALL, '', false)).toEqual([]);
    expect(shownCandidates(ALL, '', true)).toEqual([]);
    expect(ALL.filter(okrugUnknown)).toEqual([NO_CASE]);
  });

  test('issue 9 §10: the register’s okrug decides; recipients without cases are listed for their own okrug only', () => {
    // Registered in A with no case here; in B with no case here; in A with a case of A; in B with an
    // old case of A (moved); on both okrugs' lists; and one whose okrug the desk does not know yet.
    const NEW_OF_A = candidate('5', [], false, [OKRUG_A]);
    const NEW_OF_B = candidate('6', [], false, [OKRUG_B]);
    const KNOWN_OF_A = candidate('7', [OKRUG_A], true, [OKRUG_A]);
    const MOVED_TO_B = candidate('8', [OKRUG_A], true, [OKRUG_B]);
    const ON_BOTH = candidate('9', [], false, [OKRUG_A, OKRUG_B]);
    const UNKNOWN = candidate('10', [], false, null);
    const register = [NEW_OF_A, NEW_OF_B, KNOWN_OF_A, MOVED_TO_B, ON_BOTH, UNKNOWN];

    expect(shownCandidates(register, OKRUG_A, false)).toEqual([KNOWN_OF_A]);
    expect(shownCandidates(register, OKRUG_A, true)).toEqual([
      NEW_OF_A,
      KNOWN_OF_A,
      ON_BOTH,
      UNKNOWN,
    ]);
    expect(shownCandidates(register, OKRUG_B, false)).toEqual([MOVED_TO_B]);
    expect(shownCandidates(register, OKRUG_B, true)).toEqual([
      NEW_OF_B,
      MOVED_TO_B,
      ON_BOTH,
      UNKNOWN,
    ]);
    // Only the one the register does not place, and no case here places, is marked as unknown.
    expect(register.filter(okrugUnknown)).toEqual([UNKNOWN]);
  });

  test('R-PRO-1: the batch carries the occasion, the okrug and the ticked recipients, addresses where needed', () => {
    expect(buildBatch(fields())).toEqual({
      ok: true,
      batch: {
        serviceId: 'social-aid-maslikhat-categories',
        occasion: { code: 'victory-day', name: 'Жеңіс күні', date: '2026-05-09' },
        officeId: OKRUG_A,
        recipients: [
          { iin: '1', fullName: 'Person 1' },
          { iin: '4', fullName: 'Person 4', address: 'Қызылсай ауылы' },
        ],
      },
    });
    const onlyOne = buildBatch(fields({ ticked: new Set(['4']) }));
    expect(onlyOne.ok && onlyOne.batch.recipients.map((r) => r.iin)).toEqual(['4']);
  });

  test('a wrong field is named by its message', () => {
    const reason = (over: Partial<ProactiveFields>) => {
      const built = buildBatch(fields(over));
      return built.ok ? null : built.reason;
    };
    expect(reason({ dateText: '31.02.2026' })).toBe('proactive:errors.dateMissing');
    expect(reason({ dateText: '' })).toBe('proactive:errors.dateMissing');
    expect(reason({ code: ' ' })).toBe('proactive:errors.codeMissing');
    expect(reason({ name: '' })).toBe('proactive:errors.nameMissing');
    // A typed date with no name has no code either: the name is what the person is asked for.
    expect(reason({ name: ' ', code: occasionCode('other', ' ') })).toBe(
      'proactive:errors.nameMissing',
    );
    expect(reason({ okrug: '' })).toBe('proactive:errors.okrugMissing');
    expect(reason({ ticked: new Set() })).toBe('proactive:errors.noRecipients');
  });
});
