// The TSA reply as it travels (shared/sync/reference.ts): each row names its okrug, and a reply from
// a hub older than that field, or newer than this desk, still parses.
import { describe, expect, test } from 'vitest';
import { tsaQuerySchema, tsaReplySchema } from './reference';

const ROW = { iin: '850315400124', fullName: 'Сейітов Нұрлан', familyMembers: ['Сейітова Дана'] };
const reply = (rows: readonly object[]) => ({
  version: 3,
  more: false,
  quarters: [{ quarter: '2026-Q4', sources: ['kzl01.csv'], rows }],
});

describe('the TSA reply', () => {
  test('a row names the okrug whose list it came from; a recipient on two okrugs’ lists comes once with each', () => {
    const parsed = tsaReplySchema.parse(
      reply([
        { ...ROW, officeId: 'office-kzl01' },
        { ...ROW, officeId: 'office-btr02' },
      ]),
    );
    expect(parsed.quarters[0]?.rows.map((r) => r.officeId)).toEqual([
      'office-kzl01',
      'office-btr02',
    ]);
  });

  test('a hub older than the okrug sends rows without it: they parse, with no okrug', () => {
    const parsed = tsaReplySchema.safeParse(reply([ROW]));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.quarters[0]?.rows[0]).toEqual(ROW);
    expect(parsed.data?.quarters[0]?.rows[0] && 'officeId' in parsed.data.quarters[0].rows[0]).toBe(
      false,
    );
  });

  test('a newer hub’s field this desk does not know is left aside, not refused', () => {
    const parsed = tsaReplySchema.safeParse({
      ...reply([{ ...ROW, officeId: 'office-kzl01', movedFrom: 'office-btr02' }]),
      checksum: 'abc',
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.quarters[0]?.rows[0]).toEqual({ ...ROW, officeId: 'office-kzl01' });
  });

  test('an okrug that is not an office id is refused, as any broken row', () => {
    for (const officeId of ['', 'x'.repeat(101), 7, null]) {
      expect(
        tsaReplySchema.safeParse(reply([{ ...ROW, officeId }])).success,
        String(officeId),
      ).toBe(false);
    }
    expect(tsaReplySchema.safeParse(reply([{ ...ROW, iin: '123' }])).success).toBe(false);
  });

  test('the version asked for is a whole number written plainly', () => {
    expect(tsaQuerySchema.parse({ after: '12' })).toEqual({ after: 12 });
    for (const after of ['', '-1', '01', '1.5', 'x']) {
      expect(tsaQuerySchema.safeParse({ after }).success, after).toBe(false);
    }
  });
});
