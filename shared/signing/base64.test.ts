import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeBase64, decodeBase64Url, encodeBase64, encodeBase64Url, toHex } from './base64';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('base64', () => {
  test.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 §10: %j ↔ %j', (text, encoded) => {
    expect(encodeBase64(bytes(text))).toBe(encoded);
    expect(decodeBase64(encoded)).toEqual(bytes(text));
  });

  test('agrees with Node Buffer and round-trips, in both alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (data) => {
        const std = encodeBase64(data);
        const url = encodeBase64Url(data);
        expect(std).toBe(Buffer.from(data).toString('base64'));
        expect(url).toBe(Buffer.from(data).toString('base64url'));
        expect(decodeBase64(std)).toEqual(data);
        expect(decodeBase64Url(url)).toEqual(data);
      }),
      { numRuns: 200 },
    );
  });

  test.each(['Zg=', 'Zg', 'Zh==', 'Zm9=', 'Z===', 'Zm9v\n', 'Zm 9v', 'Zm9v-_==', '====', 'Zm9vY'])(
    'strict decoding rejects %j',
    (text) => {
      expect(decodeBase64(text)).toBeNull();
    },
  );

  test.each(['Zg==', 'Zh', 'Zm9vY', 'ab+c', 'ab/c'])('strict base64url rejects %j', (text) => {
    expect(decodeBase64Url(text)).toBeNull();
  });

  test('toHex is lowercase and zero-padded', () => {
    expect(toHex(new Uint8Array([0, 1, 171, 255]))).toBe('0001abff');
  });
});
