import { describe, expect, test } from 'vitest';
import { dateInputOf, parseDateInput, parseTengeToTiyn } from './input-formats';

describe('typed dates and money', () => {
  test('dates are typed dd.MM.yyyy and stored YYYY-MM-DD', () => {
    expect(parseDateInput('15.03.1985')).toBe('1985-03-15');
    expect(parseDateInput(' 5.3.1985 ')).toBe('1985-03-05');
    expect(parseDateInput('29.02.2025')).toBeNull();
    expect(parseDateInput('1985-03-15')).toBeNull();
    expect(dateInputOf('1985-03-05')).toBe('05.03.1985');
  });

  test('tenge are typed with spaces or a comma and stored as whole tiyn', () => {
    expect(parseTengeToTiyn('45 000')).toBe(4_500_000);
    expect(parseTengeToTiyn('45\u00a0000,5')).toBe(4_500_050);
    expect(parseTengeToTiyn('0.07')).toBe(7);
    expect(parseTengeToTiyn('-5')).toBeNull();
    expect(parseTengeToTiyn('1,234,5')).toBeNull();
    expect(parseTengeToTiyn('')).toBeNull();
  });
});
