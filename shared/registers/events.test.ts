import { describe, expect, test } from 'vitest';
import { EVENT_SCHEMA_VERSION } from '../events/envelope';
import {
  REGISTER_EVENT_TYPES,
  classifyIncomingRegisterEvent,
  parseRegisterEvent,
  registerEventSchema,
} from './events';
import { EMPTY_REGISTER } from './state';
import { sampleRegisterEvent, sampleRegisterPayload } from './testing';

const created = () => sampleRegisterEvent('RegisterCreated', { role: 'specialist', counter: 1 });

/** The first issue's message of a value that must not parse. */
function issueOf(value: unknown): string | undefined {
  const result = registerEventSchema.safeParse(value);
  expect(result.success).toBe(false);
  return result.error?.issues[0]?.message;
}

describe('register events', () => {
  test.each(REGISTER_EVENT_TYPES)('a sample %s parses as it is, unchanged', (type) => {
    const event = sampleRegisterEvent(type, { role: 'specialist', counter: 3 });
    expect(parseRegisterEvent(event)).toEqual({ ok: true, event });
  });

  test('a register number is a desk number of kind R whose year is the register date’s', () => {
    const e = created();
    const withNumber = (number: string) => ({ ...e, payload: { ...e.payload, number } });
    expect(parseRegisterEvent(withNumber('KZL01-1-R0012/2026')).ok).toBe(true);
    // Release 1's spelling is still a register number.
    expect(parseRegisterEvent(withNumber('KZL01-1-R12/2026')).ok).toBe(true);
    expect(issueOf(withNumber('KZL01-1-0012/2026'))).toBe('registers:validation.number');
    expect(issueOf(withNumber('KZL01-1-C0012/2026'))).toBe('registers:validation.number');
    expect(issueOf(withNumber('KZL01-1-R0012/2025'))).toBe('registers:validation.numberYear');
  });

  test('a register lists at least one case, each once', () => {
    const e = created();
    expect(issueOf({ ...e, payload: { ...e.payload, caseIds: [] } })).toBe(
      'registers:validation.caseListEmpty',
    );
    expect(issueOf({ ...e, payload: { ...e.payload, caseIds: ['a', 'a'] } })).toBe(
      'registers:validation.caseListDuplicate',
    );
  });

  test('a signature is required on RegisterSigned and on no other event', () => {
    const signed = sampleRegisterEvent('RegisterSigned', {
      role: 'akim',
      counter: 2,
      payload: sampleRegisterPayload('RegisterSigned', 0, {
        ...EMPTY_REGISTER,
        caseIds: ['case-1'],
      }),
    });
    const { signature, ...unsigned } = signed;
    expect(registerEventSchema.safeParse(unsigned).success).toBe(false);
    expect(registerEventSchema.safeParse({ ...created(), signature }).success).toBe(false);
    expect(
      registerEventSchema.safeParse({
        ...signed,
        payload: { ...signed.payload, signedCases: [{ caseId: 'case-1', eventIds: [] }] },
      }).success,
    ).toBe(false);
  });

  test('schemas only check: unknown fields are refused, not stripped', () => {
    expect(registerEventSchema.safeParse({ ...created(), extra: 1 }).success).toBe(false);
    const e = created();
    expect(
      registerEventSchema.safeParse({ ...e, payload: { ...e.payload, note: 'x' } }).success,
    ).toBe(false);
    // Text must already be NFC.
    const cancel = sampleRegisterEvent('RegisterCancelled', {
      role: 'specialist',
      counter: 4,
      payload: { reason: 'И\u0306ә' },
    });
    expect(issueOf(cancel)).toBe('case:validation.notNormalized');
  });

  test('an event from a newer desk is held, not refused; a broken one from this version is invalid', () => {
    const e = created();
    const newer = { ...e, type: 'RegisterSplit', v: EVENT_SCHEMA_VERSION + 1 };
    expect(classifyIncomingRegisterEvent(newer)).toMatchObject({
      kind: 'newer',
      id: e.id,
      type: 'RegisterSplit',
    });
    expect(classifyIncomingRegisterEvent({ ...newer, v: EVENT_SCHEMA_VERSION }).kind).toBe(
      'invalid',
    );
    expect(classifyIncomingRegisterEvent(e)).toEqual({ kind: 'known', event: e });
  });
});
