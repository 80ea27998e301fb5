import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  NUMBER_KINDS,
  deskCounterKey,
  deskNumberSortKey,
  formatDeskNumber,
  nextDeskNumber,
  parseDeskNumber,
  readDeskNumber,
  type DeskNumberParts,
} from './desk-number';

const parts = (over: Partial<DeskNumberParts> = {}): DeskNumberParts => ({
  officeCode: 'KZL01',
  deviceNo: 2,
  kind: '',
  seq: 37,
  year: 2025,
  ...over,
});

describe('desk numbers', () => {
  test.each([
    [parts(), 'KZL01-2-0037/2025'],
    [parts({ kind: 'C', seq: 7, year: 2026 }), 'KZL01-2-C0007/2026'],
    [parts({ kind: 'R', seq: 7, year: 2026 }), 'KZL01-2-R0007/2026'],
    [parts({ officeCode: 'ҚЫЗ', deviceNo: 99, kind: 'R', seq: 1 }), 'ҚЫЗ-99-R0001/2025'],
    [parts({ kind: 'C', seq: 12345 }), 'KZL01-2-C12345/2025'],
  ])('%o is written %s and read back', (p, text) => {
    expect(formatDeskNumber(p)).toBe(text);
    expect(parseDeskNumber(text)).toEqual({ ok: true, value: p, spelling: 'canonical' });
    expect(readDeskNumber(text)).toEqual({ ok: true, value: p, spelling: 'canonical' });
  });

  test.each([
    'KZL01-02-0037/2025', // leading zero on the device
    'KZL01-0-0037/2025', // device 0
    'KZL01-100-0037/2025', // device above 99
    'KZL01-2-037/2025', // sequence not padded
    'KZL01-2-C037/2025', // certificate sequence not padded
    'KZL01-2-00037/2025', // a second spelling of 0037
    'KZL01-2-R00007/2026', // a second spelling of R0007
    'KZL01-2-0000/2025', // sequence 0
    'KZL01-2-X0001/2025', // no such kind
    'KZL01-2-c0001/2025', // kind letters are capitals
    'KZ-01-2-0037/2025', // office code with a dash
    'KZL01-2-0037/25',
    ' KZL01-2-0037/2025',
    'KZL01-2-R7/2026', // release 1 spelling: readable, not canonical
  ])('%s is not a canonical number', (text) => {
    expect(parseDeskNumber(text)).toEqual({ ok: false });
  });

  test('release 1 register numbers stay readable, and only those', () => {
    expect(readDeskNumber('KZL01-2-R7/2026')).toEqual({
      ok: true,
      value: parts({ kind: 'R', seq: 7, year: 2026 }),
      spelling: 'release1Register',
    });
    expect(readDeskNumber('KZL01-2-R123/2026')).toMatchObject({ ok: true, value: { seq: 123 } });
    // Release 1 padded no other kind, and never wrote a leading zero.
    expect(readDeskNumber('KZL01-2-7/2026')).toEqual({ ok: false });
    expect(readDeskNumber('KZL01-2-C7/2026')).toEqual({ ok: false });
    expect(readDeskNumber('KZL01-2-R07/2026')).toEqual({ ok: false });
    expect(readDeskNumber('KZL01-2-R0/2026')).toEqual({ ok: false });
  });

  test('bad parts are a bug and throw', () => {
    expect(() => formatDeskNumber(parts({ officeCode: 'A-1' }))).toThrow(RangeError);
    expect(() => formatDeskNumber(parts({ deviceNo: 100 }))).toThrow(RangeError);
    expect(() => formatDeskNumber(parts({ seq: 0 }))).toThrow(RangeError);
    expect(() => formatDeskNumber(parts({ year: 99 }))).toThrow(RangeError);
    expect(() => formatDeskNumber({ ...parts(), kind: 'X' as never })).toThrow(RangeError);
    expect(() => nextDeskNumber(-1, parts(), 'R', 2025)).toThrow(RangeError);
  });

  test('next continues the desk counter of the kind and the year', () => {
    const desk = { officeCode: 'KZL01', deviceNo: 3 };
    expect(nextDeskNumber(0, desk, '', 2025)).toEqual({
      seq: 1,
      number: 'KZL01-3-0001/2025',
      counterKey: 'registration:2025',
    });
    expect(nextDeskNumber(6, desk, 'C', 2026)).toEqual({
      seq: 7,
      number: 'KZL01-3-C0007/2026',
      counterKey: 'certificate:2026',
    });
    expect(nextDeskNumber(41, desk, 'R', 2026)).toEqual({
      seq: 42,
      number: 'KZL01-3-R0042/2026',
      counterKey: 'register:2026',
    });
    // The keys desks have always used, so counters survive the upgrade.
    expect(NUMBER_KINDS.map((k) => deskCounterKey(k, 2027))).toEqual([
      'registration:2027',
      'certificate:2027',
      'register:2027',
      'receipt:2027',
    ]);
    expect(nextDeskNumber(2, desk, 'Q', 2026)).toEqual({
      seq: 3,
      number: 'KZL01-3-Q0003/2026',
      counterKey: 'receipt:2026',
    });
  });

  test('the sort key orders by year, desk, kind and sequence, old spellings among the new', () => {
    const sorted = [
      'KZL01-1-R0010/2026',
      'KZL01-1-R9/2026',
      'KZL01-1-0002/2026',
      'KZL01-1-R0001/2027',
      'not a number',
      'KZL01-1-C0001/2026',
    ].sort((a, b) => (deskNumberSortKey(a) < deskNumberSortKey(b) ? -1 : 1));
    expect(sorted).toEqual([
      'KZL01-1-0002/2026',
      'KZL01-1-C0001/2026',
      'KZL01-1-R9/2026',
      'KZL01-1-R0010/2026',
      'KZL01-1-R0001/2027',
      'not a number',
    ]);
  });

  const officeCode = fc.stringMatching(/^[A-Z0-9ҚҒӘІ]{1,6}$/);
  const partsArb = fc.record({
    officeCode,
    deviceNo: fc.integer({ min: 1, max: 99 }),
    kind: fc.constantFrom(...NUMBER_KINDS),
    seq: fc.integer({ min: 1, max: 200_000 }),
    year: fc.integer({ min: 2000, max: 2099 }),
  });

  test('parse is the exact inverse of format, for every kind', () => {
    fc.assert(
      fc.property(partsArb, (p) => {
        expect(parseDeskNumber(formatDeskNumber(p))).toEqual({
          ok: true,
          value: p,
          spelling: 'canonical',
        });
      }),
      { numRuns: 300 },
    );
  });

  test('format is injective: numbers of different parts, of any kinds, never collide', () => {
    fc.assert(
      fc.property(partsArb, partsArb, (a, b) => {
        const same =
          a.officeCode === b.officeCode &&
          a.deviceNo === b.deviceNo &&
          a.kind === b.kind &&
          a.seq === b.seq &&
          a.year === b.year;
        expect(formatDeskNumber(a) === formatDeskNumber(b)).toBe(same);
      }),
      { numRuns: 300 },
    );
  });

  test('a release 1 register number reads as the parts whose canonical number replaces it', () => {
    fc.assert(
      fc.property(partsArb, (p) => {
        const seq = (p.seq % 999) + 1;
        const old = `${p.officeCode}-${p.deviceNo}-R${seq}/${p.year}`;
        const read = readDeskNumber(old);
        expect(read.ok && read.value).toEqual({ ...p, kind: 'R', seq });
        // ...and is never mistaken for another canonical number.
        const canonical = formatDeskNumber({ ...p, kind: 'R', seq });
        expect(parseDeskNumber(old)).toEqual(
          seq >= 1000 ? parseDeskNumber(canonical) : { ok: false },
        );
      }),
      { numRuns: 200 },
    );
  });
});
