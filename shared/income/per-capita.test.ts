import { describe, expect, test } from 'vitest';
import type { ApplicationData } from '../case';
import { sampleApplicant } from '../case/testing';
import { computePerCapitaIncome, defaultIncomePeriod, perCapitaOf } from './per-capita';

const Q4 = { periodFrom: '2024-10-01', periodTo: '2024-12-31' };

/** A family of four: the applicant, a spouse, two children; incomes over the fourth quarter of 2024. */
const family: Pick<ApplicationData, 'applicant' | 'familyMembers' | 'applicantIncomes'> = {
  applicant: sampleApplicant,
  applicantIncomes: [{ source: 'Жалақы', amountTiyn: 9_000_000, ...Q4 }],
  familyMembers: [
    {
      lastName: 'Сейітов',
      firstName: 'Қайрат',
      birthDate: '1980-01-20',
      relation: 'spouse',
      incomes: [
        { source: 'Зейнетақы', amountTiyn: 6_000_000, ...Q4 },
        // Wholly before the period: left out.
        {
          source: 'Жалақы',
          amountTiyn: 5_000_000,
          periodFrom: '2024-09-01',
          periodTo: '2024-09-30',
        },
        // Half in, half out: left out, never guessed at.
        {
          source: 'Сыйақы',
          amountTiyn: 2_000_000,
          periodFrom: '2024-09-01',
          periodTo: '2024-10-31',
        },
      ],
    },
    {
      lastName: 'Сейітов',
      firstName: 'Нұрлан',
      birthDate: '2015-06-01',
      relation: 'child',
      incomes: [],
    },
    {
      lastName: 'Сейітова',
      firstName: 'Аружан',
      birthDate: '2018-02-11',
      relation: 'child',
      incomes: [
        {
          source: 'Жәрдемақы',
          amountTiyn: 1_000_001,
          periodFrom: '2024-11-01',
          periodTo: '2024-11-30',
        },
      ],
    },
  ],
};

describe('per-capita income (R-ROUTE-2, 003:35-36; order No. 181: total ÷ months ÷ members)', () => {
  test('R-ROUTE-2: a family of four over a quarter, checked by hand', () => {
    const r = computePerCapitaIncome(family, Q4);
    if (!r.ok) throw new Error(r.reason);
    const v = r.value;
    // By hand: 90 000,00 + 60 000,00 + 10 000,01 = 160 000,01 ₸ = 16 000 001 tiyn.
    expect(v.members.map((m) => [m.role, m.countedTiyn])).toEqual([
      ['applicant', 9_000_000],
      ['spouse', 6_000_000],
      ['child', 0],
      ['child', 1_000_001],
    ]);
    expect(v.members[1]?.lines.map((l) => l.excluded)).toEqual([
      null,
      'outsidePeriod',
      'partlyOutsidePeriod',
    ]);
    expect(v.totalIncomeTiyn).toBe(16_000_001);
    expect(v.months).toBe(3);
    expect(v.familySize).toBe(4);
    // 16 000 001 ÷ 12 = 1 333 333,41… tiyn → 1 333 333 (13 333,33 ₸ a person a month).
    expect(v.perCapitaIncomeTiyn).toBe(1_333_333);
  });

  test('the applicant alone, with no income, has a per-capita income of 0 and a family of 1', () => {
    const r = computePerCapitaIncome(
      { applicant: sampleApplicant, applicantIncomes: [], familyMembers: [] },
      Q4,
    );
    expect(r.ok && r.value).toMatchObject({
      familySize: 1,
      totalIncomeTiyn: 0,
      perCapitaIncomeTiyn: 0,
    });
  });

  test('a period that ends before it starts is refused with a message key', () => {
    expect(
      computePerCapitaIncome(family, { periodFrom: '2024-12-31', periodTo: '2024-10-01' }),
    ).toEqual({ ok: false, reason: 'case:validation.periodOrder' });
  });

  test('months are calendar months the period touches: a period of one month counts 1', () => {
    const r = computePerCapitaIncome(family, { periodFrom: '2024-11-01', periodTo: '2024-11-30' });
    // Only the child's November benefit lies inside: 1 000 001 ÷ (1 × 4) = 250 000,25 → 250 000.
    expect(r.ok && [r.value.totalIncomeTiyn, r.value.months, r.value.perCapitaIncomeTiyn]).toEqual([
      1_000_001, 1, 250_000,
    ]);
  });
});

describe('rounding: one division of the whole total, half a tiyn or more rounds up', () => {
  test('exact, below half, exactly half, above half', () => {
    expect(perCapitaOf(24, 3, 4)).toBe(2); // 24 ÷ 12 = 2
    expect(perCapitaOf(17, 3, 4)).toBe(1); // 1,416…
    expect(perCapitaOf(18, 3, 4)).toBe(2); // 1,5 → 2
    expect(perCapitaOf(19, 3, 4)).toBe(2); // 1,583…
    expect(perCapitaOf(0, 3, 4)).toBe(0);
  });

  test('no intermediate rounding: the monthly family income is not rounded first', () => {
    // 13 tiyn over 2 months for 2 people: 13 ÷ 4 = 3,25 → 3. Rounding the month's family income
    // first would give (13 ÷ 2 = 6,5 → 7) ÷ 2 = 3,5 → 4.
    expect(perCapitaOf(13, 2, 2)).toBe(3);
  });
});

describe('the period the form offers first', () => {
  test('from the earliest start to the latest end of the incomes', () => {
    expect(defaultIncomePeriod(family, '2025-03-03')).toEqual({
      periodFrom: '2024-09-01',
      periodTo: '2024-12-31',
    });
  });

  test('without incomes: the three months before the registration month, across a year end', () => {
    const none = { applicantIncomes: [], familyMembers: [] };
    expect(defaultIncomePeriod(none, '2025-02-14')).toEqual({
      periodFrom: '2024-11-01',
      periodTo: '2025-01-31',
    });
    expect(defaultIncomePeriod(none, '2024-04-01')).toEqual({
      periodFrom: '2024-01-01',
      periodTo: '2024-03-31',
    });
    expect(defaultIncomePeriod(none, '2024-03-10')).toEqual({
      periodFrom: '2023-12-01',
      periodTo: '2024-02-29',
    });
  });
});
