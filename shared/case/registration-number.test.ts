import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  formatRegistrationNumber,
  nextRegistrationNumber,
  parseRegistrationNumber,
} from './registration-number';
import type { RegistrationNumberParts } from './registration-number';

const FORMAT_FAILURE = { ok: false, reason: 'case:validation.registrationNumber.format' };

describe('registration numbers', () => {
  test.each([
    [{ officeCode: 'AK01', deviceNo: 2, seq: 37, year: 2025 }, 'AK01-2-0037/2025'],
    [{ officeCode: 'ҚЫЗ', deviceNo: 99, seq: 1, year: 2026 }, 'ҚЫЗ-99-0001/2026'],
    [{ officeCode: 'AK01', deviceNo: 1, seq: 12345, year: 2025 }, 'AK01-1-12345/2025'],
  ])('%o is written %s and read back', (parts, text) => {
    expect(formatRegistrationNumber(parts)).toBe(text);
    expect(parseRegistrationNumber(text)).toEqual({ ok: true, value: parts });
  });

  test.each([
    'AK01-02-0037/2025', // leading zero on the device
    'AK01-0-0037/2025', // device 0
    'AK01-100-0037/2025', // device above 99
    'AK01-2-037/2025', // sequence not padded
    'AK01-2-00037/2025', // a second spelling of 0037
    'AK01-2-0000/2025', // sequence 0
    'AK-01-2-0037/2025', // office code with a dash
    'AK01-2-0037/25',
    ' AK01-2-0037/2025',
  ])('%s is not a registration number', (text) => {
    expect(parseRegistrationNumber(text)).toEqual(FORMAT_FAILURE);
  });

  test('bad parts are a bug and throw', () => {
    const good = { officeCode: 'AK01', deviceNo: 1, seq: 1, year: 2025 };
    expect(() => formatRegistrationNumber({ ...good, officeCode: 'A-1' })).toThrow(RangeError);
    expect(() => formatRegistrationNumber({ ...good, deviceNo: 100 })).toThrow(RangeError);
    expect(() => formatRegistrationNumber({ ...good, seq: 0 })).toThrow(RangeError);
    expect(() => nextRegistrationNumber(-1, good, 2025)).toThrow(RangeError);
  });

  test('next continues the desk sequence of the year', () => {
    const desk = { officeCode: 'AK01', deviceNo: 3 };
    expect(nextRegistrationNumber(0, desk, 2025)).toEqual({ seq: 1, number: 'AK01-3-0001/2025' });
    expect(nextRegistrationNumber(41, desk, 2025)).toEqual({ seq: 42, number: 'AK01-3-0042/2025' });
  });

  const officeCode = fc.stringMatching(/^[A-Z0-9ҚҒӘІ]{1,6}$/);
  const parts = fc.record({
    officeCode,
    deviceNo: fc.integer({ min: 1, max: 99 }),
    seq: fc.integer({ min: 1, max: 200_000 }),
    year: fc.integer({ min: 2000, max: 2099 }),
  });

  test('parse is the exact inverse of format', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const text = formatRegistrationNumber(p);
        expect(parseRegistrationNumber(text)).toEqual({ ok: true, value: p });
      }),
      { numRuns: 200 },
    );
  });

  test('R-STAT-1: two desks registering offline never produce the same number', () => {
    // Each desk registers a run of applications, some in the next year; the two runs interleave freely.
    const run = fc.array(fc.boolean(), { maxLength: 60 });
    fc.assert(
      fc.property(
        officeCode,
        fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 2, maxLength: 2 }),
        run,
        run,
        (office, [deviceA = 1, deviceB = 2], runA, runB) => {
          const issue = (deviceNo: number, yearSteps: boolean[]): string[] => {
            const last = new Map<number, number>();
            let year = 2025;
            return yearSteps.map((nextYear) => {
              if (nextYear) year += 1;
              const made = nextRegistrationNumber(
                last.get(year) ?? 0,
                { officeCode: office, deviceNo },
                year,
              );
              last.set(year, made.seq);
              return made.number;
            });
          };
          const all = [...issue(deviceA, runA), ...issue(deviceB, runB)];
          expect(new Set(all).size).toBe(all.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('R-STAT-1: numbers of different parts never collide', () => {
    fc.assert(
      fc.property(parts, parts, (a: RegistrationNumberParts, b: RegistrationNumberParts) => {
        const same =
          a.officeCode === b.officeCode &&
          a.deviceNo === b.deviceNo &&
          a.seq === b.seq &&
          a.year === b.year;
        expect(formatRegistrationNumber(a) === formatRegistrationNumber(b)).toBe(same);
      }),
      { numRuns: 200 },
    );
  });
});
