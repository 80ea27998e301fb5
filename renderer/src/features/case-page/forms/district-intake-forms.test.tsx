import { describe, expect, test } from 'vitest';
import { foldCase, payloadSchemas, type ApplicationData } from '../../../../../shared/case';
import { samplePath } from '../../../../../shared/case/testing';
import { INPUT_MESSAGES } from '../../../../../shared/input';
import { buildIncome, buildReceipt, comparisonDate } from './district-intake-forms';

/** A case forwarded to the district: its application is sampleRegistered's (applicant + one child). */
const forwarded = foldCase(
  samplePath([
    ['Registered', 'specialist'],
    ['ForwardedToDistrict', 'specialist'],
  ]),
);
const application = forwarded.application as ApplicationData;
const TODAY = '2025-03-05';

describe('the receipt form', () => {
  test('the incoming number is optional; blank is no number, a long one is refused', () => {
    expect(buildReceipt({ incomingNumber: '   ' })).toEqual({ payload: {}, errors: {} });
    const ok = buildReceipt({ incomingNumber: ' 15-к ' });
    expect(ok).toEqual({ payload: { incomingNumber: '15-к' }, errors: {} });
    expect(payloadSchemas.ReceivedByDistrict.safeParse(ok.payload).success).toBe(true);
    expect(buildReceipt({ incomingNumber: '1'.repeat(41) }).errors).toEqual({
      incomingNumber: 'income:errors.incomingNumberTooLong',
    });
  });
});

describe('the income form (R-ROUTE-2, 003:35-36)', () => {
  test('R-ROUTE-2: the saved payload carries the numbers of the computation shown', () => {
    // sampleRegistered: the applicant's wages 90 000,00 ₸ over 01.10–31.12.2024, a child with none.
    const built = buildIncome(
      { periodFrom: '01.10.2024', periodTo: '31.12.2024' },
      application,
      TODAY,
    );
    expect(built.errors).toEqual({});
    // By hand: 9 000 000 tiyn ÷ 3 months ÷ 2 people = 1 500 000 tiyn (15 000,00 ₸).
    expect(built.payload).toEqual({
      familySize: 2,
      totalIncomeTiyn: 9_000_000,
      perCapitaIncomeTiyn: 1_500_000,
      periodFrom: '2024-10-01',
      periodTo: '2024-12-31',
    });
    expect(built.computation?.months).toBe(3);
    expect(payloadSchemas.IncomeComputed.safeParse(built.payload).success).toBe(true);
  });

  test('a date that is not one, one in the future, or a period backwards is refused on its field', () => {
    expect(
      buildIncome({ periodFrom: '31.02.2024', periodTo: '31.12.2024' }, application, TODAY).errors,
    ).toEqual({
      periodFrom: INPUT_MESSAGES.dateNoSuchDate,
    });
    expect(
      buildIncome({ periodFrom: '01.10.2024', periodTo: '' }, application, TODAY).errors,
    ).toEqual({
      periodTo: INPUT_MESSAGES.dateRequired,
    });
    expect(
      buildIncome({ periodFrom: '01.10.2024', periodTo: '31.03.2025' }, application, TODAY).errors,
    ).toEqual({
      periodTo: INPUT_MESSAGES.dateFuture,
    });
    const backwards = buildIncome(
      { periodFrom: '31.12.2024', periodTo: '01.10.2024' },
      application,
      TODAY,
    );
    expect(backwards.errors).toEqual({ periodTo: 'case:validation.periodOrder' });
    expect(backwards.computation).toBeNull();
  });

  test('a case without an application (proactive) has nothing to compute from', () => {
    const built = buildIncome({ periodFrom: '01.10.2024', periodTo: '31.12.2024' }, null, TODAY);
    expect(built.errors).toEqual({ periodFrom: 'income:errors.noApplication' });
    expect(payloadSchemas.IncomeComputed.safeParse(built.payload).success).toBe(false);
  });

  test('the poverty line is taken on the registration date', () => {
    expect(comparisonDate(forwarded, TODAY)).toBe('2025-03-03');
    expect(comparisonDate({ registrationDate: null, receivedAt: null }, TODAY)).toBe(TODAY);
  });
});
