import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { iinControlDigit, partialIinHint, validateIin } from './iin';
import type { IinFailure } from './iin';

// An independent re-statement of kazakhstan-facts.md §1.2 (not the code under test), used to build
// valid IINs and to cross-check the validator.
const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
function referenceControl(first11: string): { digit: number; pass: 1 | 2 } | null {
  const d = [...first11].map(Number);
  const c1 = d.reduce((s, x, i) => s + x * (W1[i] ?? 0), 0) % 11;
  if (c1 !== 10) return { digit: c1, pass: 1 };
  const c2 = d.reduce((s, x, i) => s + x * (W2[i] ?? 0), 0) % 11;
  return c2 === 10 ? null : { digit: c2, pass: 2 };
}

const DAY_MS = 86_400_000;

describe('validateIin: the vectors of kazakhstan-facts.md §1.3', () => {
  const valid = [
    { iin: '900101300126', birthDate: '1990-01-01', sex: 'M', weightsPass: 1 },
    { iin: '051231600017', birthDate: '2005-12-31', sex: 'F', weightsPass: 1 },
    { iin: '740228412340', birthDate: '1974-02-28', sex: 'F', weightsPass: 1 },
    { iin: '850312300305', birthDate: '1985-03-12', sex: 'M', weightsPass: 2 },
    { iin: '061211600012', birthDate: '2006-12-11', sex: 'F', weightsPass: 2 },
    { iin: '000229500018', birthDate: '2000-02-29', sex: 'M', weightsPass: 1 },
  ] as const;
  test.each(valid)('$iin is valid: $birthDate $sex, pass $weightsPass', (v) => {
    expect(validateIin(v.iin)).toEqual({ ok: true, ...v });
  });

  const invalid: readonly { iin: string; reason: IinFailure; why: string }[] = [
    { iin: '900101300127', reason: 'identity:iin.checksum', why: 'check digit 7, expected 6' },
    { iin: '901301300126', reason: 'identity:iin.birthDate', why: 'month 13' },
    { iin: '900101700126', reason: 'identity:iin.centuryDigit', why: '7th digit 7' },
    { iin: '850312300380', reason: 'identity:iin.neverIssued', why: 'both passes give 10' },
    { iin: '000229300015', reason: 'identity:iin.birthDate', why: '29.02.1900 does not exist' },
    { iin: '90010130012', reason: 'identity:iin.length', why: '11 digits' },
  ];
  test.each(invalid)('$iin is rejected ($why)', ({ iin, reason }) => {
    expect(validateIin(iin)).toEqual({ ok: false, reason });
  });

  test('the manual checks: 900101300126 gives 6 in pass 1; 850312300305 gives 10 then 5', () => {
    expect(iinControlDigit('90010130012')).toEqual({ digit: 6, pass: 1 });
    expect(iinControlDigit('85031230030')).toEqual({ digit: 5, pass: 2 });
    expect(iinControlDigit('85031230038')).toBeNull();
  });

  test('a never-issued prefix is rejected whatever its 12th digit', () => {
    for (let d = 0; d <= 9; d++) {
      expect(validateIin(`85031230038${d}`)).toEqual({
        ok: false,
        reason: 'identity:iin.neverIssued',
      });
    }
  });
});

describe('validateIin: input handling', () => {
  test('surrounding spaces are ignored, leading zeros are kept', () => {
    const r = validateIin('  051231600017\u00a0');
    expect(r).toMatchObject({ ok: true, iin: '051231600017' });
  });

  test.each([
    ['9001013001a6', 'identity:iin.notDigits'],
    ['900101 300126', 'identity:iin.notDigits'],
    ['９００１０１３００１２６', 'identity:iin.notDigits'], // full-width digits are not ASCII digits
    ['-90010130012', 'identity:iin.notDigits'],
    ['', 'identity:iin.length'],
    ['   ', 'identity:iin.length'],
    ['9001013001260', 'identity:iin.length'],
    ['900101000126', 'identity:iin.centuryDigit'],
    ['900101800126', 'identity:iin.centuryDigit'],
    ['900100300126', 'identity:iin.birthDate'],
    ['900431300126', 'identity:iin.birthDate'],
    ['960230300126', 'identity:iin.birthDate'],
  ] as const)('%j → %s', (input, reason) => {
    expect(validateIin(input)).toEqual({ ok: false, reason });
  });

  test('the birth date is checked against the century: 29.02 of 2000 and 1904 exist, of 1800 not', () => {
    const withControl = (first11: string): string => {
      const c = referenceControl(first11);
      if (c === null) throw new Error('never issued');
      return first11 + String(c.digit);
    };
    expect(validateIin(withControl('00022950001'))).toMatchObject({ birthDate: '2000-02-29' });
    expect(validateIin(withControl('04022930001'))).toMatchObject({ birthDate: '1904-02-29' });
    expect(validateIin(withControl('00022910001'))).toEqual({
      ok: false,
      reason: 'identity:iin.birthDate',
    });
  });

  test.each([
    ['1', '1855-06-15', 'M'],
    ['2', '1855-06-15', 'F'],
    ['3', '1955-06-15', 'M'],
    ['4', '1955-06-15', 'F'],
    ['5', '2055-06-15', 'M'],
    ['6', '2055-06-15', 'F'],
  ] as const)('century digit %s → %s, %s', (digit, birthDate, sex) => {
    const first11 = `550615${digit}0001`;
    const c = referenceControl(first11);
    expect(c).not.toBeNull();
    expect(validateIin(first11 + String(c?.digit))).toMatchObject({ ok: true, birthDate, sex });
  });
});

/** Any issuable IIN: a real date in 1800–2099, a matching century digit, a serial, its control digit. */
const validIin = fc
  .record({
    day: fc.integer({ min: Date.UTC(1800, 0, 1) / DAY_MS, max: Date.UTC(2099, 11, 31) / DAY_MS }),
    sex: fc.constantFrom<'M' | 'F'>('M', 'F'),
    serial: fc.integer({ min: 0, max: 9999 }),
  })
  .map(({ day, sex, serial }) => {
    const birthDate = new Date(day * DAY_MS).toISOString().slice(0, 10);
    const year = Number(birthDate.slice(0, 4));
    const centuryDigit = (Math.floor(year / 100) - 18) * 2 + (sex === 'M' ? 1 : 2);
    const first11 =
      birthDate.slice(2, 4) +
      birthDate.slice(5, 7) +
      birthDate.slice(8, 10) +
      String(centuryDigit) +
      String(serial).padStart(4, '0');
    const control = referenceControl(first11);
    return { birthDate, sex, first11, control };
  })
  .filter((x) => x.control !== null) // skip never-issued prefixes
  .map(({ birthDate, sex, first11, control }) => ({
    iin: first11 + String(control?.digit),
    birthDate,
    sex,
    pass: control?.pass ?? 1,
  }));

/** A valid IIN with one digit replaced: exercises the checksum and never-issued paths. */
const nearlyValidIin = fc
  .tuple(validIin, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 9 }))
  .map(([v, i, d]) => v.iin.slice(0, i) + String(d) + v.iin.slice(i + 1));

describe('validateIin: properties', () => {
  test('every issuable IIN validates and gives back its birth date and sex', () => {
    fc.assert(
      fc.property(validIin, (v) => {
        expect(validateIin(v.iin)).toEqual({
          ok: true,
          iin: v.iin,
          birthDate: v.birthDate,
          sex: v.sex,
          weightsPass: v.pass,
        });
      }),
      { numRuns: 200 },
    );
  });

  // The mod-11 control digit does NOT catch every single-digit error: digit 11 has weight 11 ≡ 0 in
  // pass 1, digit 9 has weight 11 in pass 2, and a change that moves the number from one pass to the
  // other can land on the same control digit. Everything else is caught, which is what is asserted here.
  test('a one-digit change is always rejected when it keeps the weight pass and its weight is not 11', () => {
    fc.assert(
      fc.property(
        validIin,
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (v, position, delta) => {
          const changed = String((Number(v.iin[position]) + delta) % 10);
          const mutated = v.iin.slice(0, position) + changed + v.iin.slice(position + 1);
          const result = validateIin(mutated);
          if (position === 11) {
            expect(result.ok).toBe(false);
            return;
          }
          const passAfter = referenceControl(mutated.slice(0, 11))?.pass ?? 2;
          const weight = (v.pass === 1 ? W1 : W2)[position];
          if (passAfter === v.pass && weight !== 11) expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('the blind spot, for the record: 900101300126 and 900101300136 are both valid', () => {
    expect(validateIin('900101300126').ok).toBe(true);
    expect(validateIin('900101300136').ok).toBe(true);
  });

  test('agrees with the reference algorithm on arbitrary 12-digit strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\d{12}$/), nearlyValidIin), (iin) => {
        const yy = Number(iin.slice(0, 2));
        const mm = Number(iin.slice(2, 4));
        const dd = Number(iin.slice(4, 6));
        const c = Number(iin[6]);
        const year = 1800 + Math.floor((c - 1) / 2) * 100 + yy;
        const date = new Date(Date.UTC(year, mm - 1, dd));
        const dateOk =
          mm >= 1 && mm <= 12 && date.getUTCMonth() === mm - 1 && date.getUTCDate() === dd;
        const control = referenceControl(iin.slice(0, 11));
        const expected =
          c < 1 || c > 6
            ? 'identity:iin.centuryDigit'
            : !dateOk
              ? 'identity:iin.birthDate'
              : control === null
                ? 'identity:iin.neverIssued'
                : control.digit !== Number(iin[11])
                  ? 'identity:iin.checksum'
                  : 'ok';
        const result = validateIin(iin);
        expect(result.ok ? 'ok' : result.reason).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('partialIinHint', () => {
  test.each([
    ['', { kind: 'empty' }],
    ['  ', { kind: 'empty' }],
    ['9', { kind: 'incomplete', digits: 1 }],
    ['9001', { kind: 'incomplete', digits: 4 }],
    ['0002', { kind: 'incomplete', digits: 4 }],
    ['000229', { kind: 'incomplete', digits: 6 }], // 29.02 possible: 2000 is a leap year
    ['0002295', { kind: 'incomplete', digits: 7 }],
    ['90012', { kind: 'incomplete', digits: 5 }],
    ['9a', { kind: 'problem', reason: 'identity:iin.notDigits' }],
    ['902', { kind: 'problem', reason: 'identity:iin.birthDate' }], // no month 2x
    ['9013', { kind: 'problem', reason: 'identity:iin.birthDate' }],
    ['9000', { kind: 'problem', reason: 'identity:iin.birthDate' }],
    ['90023', { kind: 'problem', reason: 'identity:iin.birthDate' }], // February has no 3x
    ['900230', { kind: 'problem', reason: 'identity:iin.birthDate' }],
    ['010229', { kind: 'problem', reason: 'identity:iin.birthDate' }], // 1801/1901/2001: none leap
    ['0002293', { kind: 'problem', reason: 'identity:iin.birthDate' }], // 1900 is not leap
    ['9001017', { kind: 'problem', reason: 'identity:iin.centuryDigit' }],
    ['9001013001269', { kind: 'problem', reason: 'identity:iin.length' }],
    ['900101300127', { kind: 'problem', reason: 'identity:iin.checksum' }],
  ] as const)('%j → %j', (input, hint) => {
    expect(partialIinHint(input)).toEqual(hint);
  });

  test('a complete valid IIN carries the parsed result', () => {
    expect(partialIinHint('900101300126')).toEqual({
      kind: 'complete',
      result: validateIin('900101300126'),
    });
  });

  test('every prefix of a valid IIN is incomplete, never a problem', () => {
    fc.assert(
      fc.property(validIin, (v) => {
        for (let n = 1; n < 12; n++) {
          expect(partialIinHint(v.iin.slice(0, n))).toEqual({ kind: 'incomplete', digits: n });
        }
      }),
      { numRuns: 100 },
    );
  });
});
