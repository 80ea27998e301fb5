import { describe, expect, test } from 'vitest';
import { newPinProblem } from './new-pin';

describe('a new PIN typed twice', () => {
  test('is accepted when valid and repeated exactly', () => {
    expect(newPinProblem('4826', '4826')).toBeNull();
  });

  test('names the PIN itself first, then the repetition', () => {
    expect(newPinProblem('12', '12')).toEqual({ field: 'pin', message: 'identity:pin.length' });
    expect(newPinProblem('1234', '1234')).toEqual({
      field: 'pin',
      message: 'identity:pin.tooSimple',
    });
    expect(newPinProblem('4826', '4862')).toEqual({
      field: 'repeat',
      message: 'session:pin.mismatch',
    });
  });
});
