import { describe, expect, test } from 'vitest';
import { menuTemplate, type MenuItemSpec } from './menu-template';

function labels(items: MenuItemSpec[]): string[] {
  return items.flatMap((i) => [...(i.label ? [i.label] : []), ...labels(i.submenu ?? [])]);
}

describe('application menu', () => {
  test('is labelled in the chosen language', () => {
    expect(menuTemplate('kk', false)[0]?.label).toBe('Файл');
    expect(labels(menuTemplate('kk', false))).toContain('Түзету');
    expect(labels(menuTemplate('ru', false))).toContain('Правка');
  });

  test('every item has a label in both languages and the same shape', () => {
    const kk = menuTemplate('kk', true);
    const ru = menuTemplate('ru', true);
    expect(labels(kk).length).toBe(labels(ru).length);
    for (const label of [...labels(kk), ...labels(ru)]) expect(label.trim()).not.toBe('');
  });

  test('offers developer tools only in development', () => {
    const roles = (items: MenuItemSpec[]): string[] =>
      items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);
    expect(roles(menuTemplate('ru', false))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate('ru', true))).toContain('toggleDevTools');
  });
});
