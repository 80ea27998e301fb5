import { describe, expect, test } from 'vitest';
import { foldCase, type PayloadOf } from '../case';
import { samplePayload, sampleEvent } from '../case/testing';
import { acceptanceRefusalFacts, receiptFormOn } from './acceptance-refusal';

// R-REG-6 (seed 003:27): an incomplete package gets the receipt of appendix 2-1 (added by 003:56) to
// the rules approved by MLSPP order No. 84 of 25.03.2021, registered under No. 22394 (003:1,7); the
// rule-set takes effect on 11.07.2023 (catalog: 10 calendar days after the assumed publication, 003:68).

function refusedCase(payload: Partial<PayloadOf<'AcceptanceRefused'>>) {
  const base = samplePayload('AcceptanceRefused');
  return foldCase([
    sampleEvent('AcceptanceRefused', {
      role: 'specialist',
      counter: 1,
      payload: { ...base, ...payload },
    }),
  ]);
}

const FORM_2_1 = {
  appendix: '2-1',
  rulesServiceId: 'social-aid-maslikhat-categories',
  rulesServiceName: expect.objectContaining({
    kk: 'Жергілікті өкілді органдардың шешімдері бойынша мұқтаж азаматтардың жекелеген санаттарына әлеуметтік көмек тағайындау',
  }),
  approvedBy: { date: '2021-03-25', number: '84', registrationNumber: '22394' },
};

describe('acceptanceRefusalFacts (form 2-1)', () => {
  test('R-REG-6: the receipt carries its form mark, legal reference, number and the gaps', () => {
    const state = refusedCase({
      serviceId: 'social-aid-maslikhat-categories',
      ruleSetId: '003-mlspp-order84-amendment-2023',
      receiptNumber: 'KZL01-1-Q0001/2026',
      refusalDate: '2026-11-23',
      receivedAt: '2026-11-23T10:00',
      documents: [
        { documentId: 'application', state: 'presented' },
        { documentId: 'list-documents', state: 'missing' },
        { documentId: 'power-of-attorney', state: 'expired' },
      ],
    });
    expect(acceptanceRefusalFacts(state)).toEqual({
      form: FORM_2_1,
      serviceId: 'social-aid-maslikhat-categories',
      receiptNumber: 'KZL01-1-Q0001/2026',
      receivedAt: '2026-11-23T10:00',
      refusalDate: '2026-11-23',
      gaps: [
        { documentId: 'list-documents', state: 'missing' },
        { documentId: 'power-of-attorney', state: 'expired' },
      ],
    });
  });

  test('R-REG-6: another service refused at intake gets the same form, citing the rules it comes from', () => {
    const state = refusedCase({ receiptNumber: 'KZL01-1-Q0002/2025', refusalDate: '2025-03-03' });
    const facts = acceptanceRefusalFacts(state);
    expect(facts?.serviceId).not.toBe('social-aid-maslikhat-categories');
    expect(facts?.form).toEqual(FORM_2_1);
    expect(facts?.receiptNumber).toBe('KZL01-1-Q0002/2025');
  });

  test('a refusal dated before appendix 2-1 took effect (11.07.2023, 003:68) has no form mark', () => {
    expect(receiptFormOn('2023-07-10')).toBeNull();
    expect(receiptFormOn('2023-07-11')).toEqual(FORM_2_1);
  });

  test('a receipt given before receipts were numbered prints without a number', () => {
    const { receiptNumber: _none, ...payload } = samplePayload('AcceptanceRefused');
    const state = foldCase([
      sampleEvent('AcceptanceRefused', { role: 'specialist', counter: 1, payload }),
    ]);
    expect(acceptanceRefusalFacts(state)?.receiptNumber).toBeNull();
  });

  test('a case that was not refused has no receipt', () => {
    expect(acceptanceRefusalFacts(foldCase([]))).toBeNull();
  });
});
