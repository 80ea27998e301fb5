import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { decodeBody, encodeBody } from './wire';

describe('sync bodies on the wire', () => {
  test('decode(encode(x)) is x for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const decoded = decodeBody(encodeBody(value));
        expect(decoded).toEqual({ ok: true, value: JSON.parse(JSON.stringify(value)) as unknown });
      }),
      { numRuns: 200 },
    );
  });

  test('events compress: a page of similar events is a fraction of its JSON', () => {
    const events = Array.from({ length: 200 }, (_, i) => ({
      id: `0b3f9c1e-5d2a-4c8e-9f7b-${String(i).padStart(12, '0')}`,
      type: 'Registered',
      caseId: `case-${i}`,
      payload: { serviceId: 'targeted-social-assistance', applicant: { lastName: 'Сейітова' } },
    }));
    const json = JSON.stringify(events).length;
    expect(encodeBody(events).length).toBeLessThan(json / 4);
  });

  test('a body that would unpack past the limit is refused while it unpacks', () => {
    const bomb = gzipSync(new Uint8Array(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(decodeBody(bomb, 1024 * 1024)).toEqual({ ok: false, reason: 'sync:errors.tooLarge' });
  });

  test('not gzip, or gzip of something that is not JSON, is a bad body, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const decoded = decodeBody(bytes);
        if (decoded.ok) expect(bytes.length).toBeGreaterThan(0);
        else expect(decoded.reason).toBe('sync:errors.badBody');
      }),
      { numRuns: 300 },
    );
    expect(decodeBody(gzipSync(new Uint8Array([0x7b, 0x7b])))).toEqual({
      ok: false,
      reason: 'sync:errors.badBody',
    });
  });
});
