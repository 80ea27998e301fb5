import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatKzMobile, KZ_MOBILE_CODES, validateKzMobile } from './phone';
import type { PhoneFailure } from './phone';

describe('validateKzMobile: accepted spellings of one number', () => {
  test.each([
    '87011234567',
    '+7 701 123 45 67',
    '7011234567',
    '8 (701) 123-45-67',
    '+77011234567',
    '77011234567',
    '+7 (701) 123-45-67',
    '  8 701 123 45 67  ',
    '+7\u00a0701\u00a0123\u00a045\u00a067',
    '8.701.123.45.67',
  ])('%j → +77011234567', (input) => {
    expect(validateKzMobile(input)).toEqual({
      ok: true,
      e164: '+77011234567',
      display: '+7 701 123 45 67',
      operatorCode: '701',
    });
  });
});

describe('validateKzMobile: rejections', () => {
  test.each<[string, PhoneFailure]>([
    ['+7 7172 12 34 56', 'identity:phone.landline'], // Astana
    ['8 727 123 45 67', 'identity:phone.landline'], // Almaty
    ['87132123456', 'identity:phone.landline'], // Aktobe
    ['+7 916 123 45 67', 'identity:phone.foreign'], // Russian mobile
    ['89161234567', 'identity:phone.foreign'],
    ['9161234567', 'identity:phone.foreign'],
    ['+7 495 123 45 67', 'identity:phone.foreign'], // Moscow
    ['+996 555 123 456', 'identity:phone.foreign'], // Kyrgyzstan
    ['+8 701 123 45 67', 'identity:phone.foreign'], // trunk 8 is never written after '+'
    ['+7 709 123 45 67', 'identity:phone.operatorCode'],
    ['+7 799 123 45 67', 'identity:phone.operatorCode'],
    ['+7 600 123 45 67', 'identity:phone.operatorCode'], // Kazakh zone, no mobile operator
    ['8701123456', 'identity:phone.length'],
    ['870112345678', 'identity:phone.length'],
    ['+7701123456', 'identity:phone.length'],
    ['', 'identity:phone.length'],
    ['+', 'identity:phone.length'],
    ['+7 701 123 45 6x', 'identity:phone.characters'],
    ['+7 701 123 45 67 доб. 2', 'identity:phone.characters'],
    ['7+7011234567', 'identity:phone.characters'],
  ])('%j → %s', (input, reason) => {
    expect(validateKzMobile(input)).toEqual({ ok: false, reason });
  });

  test('every code of the project list is mobile, including 747, 750–751, 760–764, 775–778', () => {
    for (const code of ['700', '708', '747', '750', '751', '760', '764', '771', '775', '778']) {
      expect(validateKzMobile(`8${code}1234567`)).toMatchObject({ ok: true, operatorCode: code });
    }
  });

  test('no landline zone code (710–729) is taken for mobile', () => {
    for (let code = 710; code <= 729; code++) {
      expect(validateKzMobile(`+7${code}1234567`)).toEqual({
        ok: false,
        reason: 'identity:phone.landline',
      });
    }
  });
});

describe('validateKzMobile: properties', () => {
  const mobile = fc
    .tuple(fc.constantFrom(...KZ_MOBILE_CODES), fc.stringMatching(/^\d{7}$/))
    .map(([code, rest]) => ({ code, rest, e164: `+7${code}${rest}` }));

  test('the display form and the 8-prefixed form both normalise back to the same E.164', () => {
    fc.assert(
      fc.property(mobile, ({ code, e164 }) => {
        const result = validateKzMobile(e164);
        expect(result).toMatchObject({ ok: true, e164, operatorCode: code });
        if (!result.ok) return;
        expect(result.display).toMatch(/^\+7 7\d\d \d{3} \d{2} \d{2}$/);
        expect(validateKzMobile(result.display)).toEqual(result);
        expect(validateKzMobile(`8${e164.slice(2)}`)).toEqual(result);
        expect(formatKzMobile(e164)).toBe(result.display);
      }),
      { numRuns: 200 },
    );
  });
});

describe('formatKzMobile', () => {
  test('formats a stored number and refuses anything else', () => {
    expect(formatKzMobile('+77471234567')).toBe('+7 747 123 45 67');
    expect(() => formatKzMobile('87471234567')).toThrow(RangeError);
    expect(() => formatKzMobile('+77172123456')).toThrow(RangeError);
  });
});
