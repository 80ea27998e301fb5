import { describe, expect, test } from 'vitest';
import { governingService } from '../../../../../shared/catalog';
import { INPUT_MESSAGES } from '../../../../../shared/input';
import { buildResult, type ResultValues } from './district-result-form';

const tsa = governingService('targeted-social-assistance', null, '2026-03-02');

const granted = (amount: string, periodFrom = '', periodTo = ''): ResultValues => ({
  outcome: 'grant',
  number: '15',
  date: '02.03.2026',
  amount,
  periodFrom,
  periodTo,
  justification: '',
  receivedOn: '03.03.2026',
  outgoingNumber: '',
});

describe('the district result form: the granted amount within the catalog bounds (inputBounds.award)', () => {
  test('an amount with an extra zero is refused on its field; the notice’s real amount passes', () => {
    const ok = buildResult(granted('45 000', '01.01.2026', '31.03.2026'), {}, tsa);
    expect(ok.errors).toEqual({});
    expect(ok.payload).toMatchObject({ decision: { amountTiyn: 45_000_00 } });

    const extraZeros = buildResult(granted('45 000 000', '01.01.2026', '31.03.2026'), {}, tsa);
    expect(extraZeros.errors).toEqual({ amount: INPUT_MESSAGES.awardTooLarge });
    // Without a period on the notice the amount is one month's.
    expect(buildResult(granted('4 500 000'), {}, tsa).errors).toEqual({
      amount: INPUT_MESSAGES.awardTooLarge,
    });
    expect(buildResult(granted('450 000'), {}, tsa).errors).toEqual({});
  });

  test('a period of more than the bound’s months is questioned on its end date', () => {
    expect(buildResult(granted('45 000', '01.01.2024', '31.12.2025'), {}, tsa).errors).toEqual({
      periodTo: INPUT_MESSAGES.awardPeriodTooLong,
    });
  });
});
