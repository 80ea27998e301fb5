import { describe, expect, test } from 'vitest';
import { formatTenge } from './common';

describe('formatTenge', () => {
  test('writes tenge from tiyn with a space between thousands and a decimal comma', () => {
    expect(formatTenge(1_966_000).replace(/\s/g, ' ')).toBe('19 660');
    expect(formatTenge(2_150_050).replace(/\s/g, ' ')).toBe('21 500,5');
    expect(formatTenge(99)).toBe('0,99');
  });
});
