import { describe, expect, test } from 'vitest';
import { caseEventSchema, classifyIncomingCaseEvent } from '../case';
import { sampleEvent } from '../case/testing';
import { EVENT_SCHEMA_VERSION, isNfc, normalizeText } from './envelope';

const registered = () => sampleEvent('Registered', { role: 'specialist', counter: 1 });

describe('the event envelope', () => {
  test('an event carries the schema version of its writer', () => {
    expect(registered().v).toBe(EVENT_SCHEMA_VERSION);
    const { v: _v, ...unversioned } = registered();
    expect(caseEventSchema.safeParse(unversioned).success).toBe(false);
  });

  test('the HLC stamp must have the clock format', () => {
    const event = registered();
    expect(caseEventSchema.safeParse(event).success).toBe(true);
    for (const hlc of ['', '0000000001:desk-1', '000000000000001-000000', 'x'.repeat(30)]) {
      const parsed = caseEventSchema.safeParse({ ...event, hlc });
      expect(parsed.success, hlc).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('case:validation.hlc');
    }
  });

  test('text must be NFC: a decomposed letter is refused by the schema and fixed by the form', () => {
    const event = registered();
    const decomposed = 'Сейітова'.normalize('NFD').replace('й', 'и\u0306');
    const name = 'Қайрат Сергеи\u0306'; // "й" typed as "и" + combining breve
    expect(isNfc(name)).toBe(false);
    const bad = {
      ...event,
      payload: { ...event.payload, applicant: { ...event.payload.applicant, firstName: name } },
    };
    const parsed = caseEventSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('case:validation.notNormalized');
    const fixed = normalizeText(bad);
    expect(fixed.payload.applicant.firstName).toBe('Қайрат Сергей');
    expect(caseEventSchema.safeParse(fixed).success).toBe(true);
    expect(normalizeText(decomposed)).toBe('Сейітова'.normalize('NFC'));
    expect(normalizeText({ n: 1, b: true, z: null, a: [name] })).toEqual({
      n: 1,
      b: true,
      z: null,
      a: ['Қайрат Сергей'],
    });
  });

  test('an event from a newer desk is kept as it came, not folded and not rejected', () => {
    const event = registered();
    const newerType = { ...event, v: EVENT_SCHEMA_VERSION + 1, type: 'AppealFiled', payload: {} };
    const newerField = {
      ...event,
      v: EVENT_SCHEMA_VERSION + 1,
      payload: { ...event.payload, biometricsChecked: true },
    };
    for (const raw of [newerType, newerField]) {
      const result = classifyIncomingCaseEvent(raw);
      expect(result.kind).toBe('newer');
      if (result.kind === 'newer') {
        expect(result.id).toBe(event.id);
        expect(result.raw).toEqual(raw);
      }
    }
    // A newer desk writing only what this one knows is simply understood.
    expect(classifyIncomingCaseEvent({ ...event, v: EVENT_SCHEMA_VERSION + 1 }).kind).toBe('known');
    // The same unknown type from a desk of this version or older is invalid, not "newer".
    expect(classifyIncomingCaseEvent({ ...newerType, v: EVENT_SCHEMA_VERSION }).kind).toBe(
      'invalid',
    );
    expect(classifyIncomingCaseEvent({ ...newerType, hlc: 'bad' }).kind).toBe('invalid');
  });
});
