import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadShellSettings, saveShellSettings, withLanguage } from './shell-settings';

describe('shell settings', () => {
  test('defaults to Kazakh on first start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'akimat-shell-'));
    expect((await loadShellSettings(dir)).language).toBe('kk');
  });

  test('keeps the language across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'akimat-shell-'));
    const first = await loadShellSettings(dir);
    await saveShellSettings(dir, withLanguage(first, 'ru'));
    expect((await loadShellSettings(dir)).language).toBe('ru');
  });

  test('a damaged file falls back to defaults instead of failing the start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'akimat-shell-'));
    await writeFile(join(dir, 'shell-settings.json'), '{"language": "de"');
    expect((await loadShellSettings(dir)).language).toBe('kk');
  });
});
