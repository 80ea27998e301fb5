import { describe, expect, test } from 'vitest';
import { wrapLabel } from './report-chart';

describe('chart labels', () => {
  test('a long service name is wrapped under its bars, three lines at most', () => {
    expect(wrapLabel('KZL01')).toEqual(['KZL01']);
    expect(wrapLabel('Мемлекеттік атаулы әлеуметтік көмекті тағайындау')).toEqual([
      'Мемлекеттік атаулы',
      'әлеуметтік көмекті',
      'тағайындау',
    ]);
    const long = wrapLabel(
      'Выдача справки, подтверждающей принадлежность заявителя (семьи) к получателям адресной социальной помощи',
    );
    expect(long).toHaveLength(3);
    expect(long.every((line) => line.length <= 26)).toBe(true);
    expect(long[2]?.endsWith('…')).toBe(true);
  });
});
