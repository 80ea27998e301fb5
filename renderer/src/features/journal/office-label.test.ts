import { describe, expect, test } from 'vitest';
import { officeIdFor } from '../../../../shared/office';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import { officeCodeOf, officeLabel } from './office-label';

describe('okrug names on the district desk', () => {
  test('an office id gives back the code it was made from', () => {
    expect(officeCodeOf(officeIdFor('kzl01'))).toBe('KZL01');
    expect(officeCodeOf('legacy-office')).toBe('legacy-office');
  });

  test("the desk's own office and a directory's offices by name, any other by its code", () => {
    const own = sampleOfficeProfile({ officeId: 'office-akk', kind: 'district' });
    const directory = new Map([['office-zhn02', { nameKk: 'Жаңа ауыл', nameRu: 'Жана аул' }]]);
    expect(officeLabel('office-akk', 'ru', own)).toBe(own.nameRu);
    expect(officeLabel('office-zhn02', 'kk', own, directory)).toBe('Жаңа ауыл');
    expect(officeLabel('office-zhn02', 'ru', own, directory)).toBe('Жана аул');
    expect(officeLabel('office-kzl01', 'kk', own, directory)).toBe('KZL01');
    expect(officeLabel(null, 'kk', own)).toBe('—');
  });
});
