import { describe, expect, test } from 'vitest';
import { foldCase, type PayloadOf } from '../case';
import { samplePayload, sampleEvent } from '../case/testing';
import { acceptanceRefusalFacts } from './acceptance-refusal';

// R-REG-6 (seed 003:27): an incomplete package gets the receipt of appendix 2-1 (added by 003:56) to
// the rules approved by MLSPP order No. 84 of 25.03.2021, registered under No. 22394 (003:1,7).

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

describe('acceptanceRefusalFacts (form 2-1)', () => {
  test('R-REG-6: under seed 003 the receipt carries its form mark, legal reference and number', () => {
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
      form: 'app2-1',
      serviceName: expect.objectContaining({
        kk: 'Жергілікті өкілді органдардың шешімдері бойынша мұқтаж азаматтардың жекелеген санаттарына әлеуметтік көмек тағайындау',
      }),
      approvedBy: { date: '2021-03-25', number: '84', registrationNumber: '22394' },
      receiptNumber: 'KZL01-1-Q0001/2026',
      receivedAt: '2026-11-23T10:00',
      refusalDate: '2026-11-23',
      gaps: [
        { documentId: 'list-documents', state: 'missing' },
        { documentId: 'power-of-attorney', state: 'expired' },
      ],
    });
  });

  test('a rule-set without appendix 2-1 gets no borrowed form mark or legal reference', () => {
    const state = refusedCase({ receiptNumber: 'KZL01-1-Q0002/2025' });
    const facts = acceptanceRefusalFacts(state);
    expect(facts?.form).toBeNull();
    expect(facts?.approvedBy).toBeNull();
    expect(facts?.receiptNumber).toBe('KZL01-1-Q0002/2025');
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
