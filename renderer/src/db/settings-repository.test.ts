import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { languageSchema } from '../../../shared/ipc';
import { DeskDatabase } from './database';
import { createSettingsRepository } from './settings-repository';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

describe('settings repository', () => {
  test('returns the fallback before anything is saved', async () => {
    db = new DeskDatabase(`test-${crypto.randomUUID()}`);
    const repo = createSettingsRepository(db);
    expect(await repo.get('language', languageSchema, 'kk')).toBe('kk');
  });

  test('keeps a value across a reopened database', async () => {
    const name = `test-${crypto.randomUUID()}`;
    db = new DeskDatabase(name);
    await createSettingsRepository(db).set('language', 'ru');
    db.close();
    db = new DeskDatabase(name);
    expect(await createSettingsRepository(db).get('language', languageSchema, 'kk')).toBe('ru');
  });

  test('falls back when a stored value no longer fits its schema', async () => {
    db = new DeskDatabase(`test-${crypto.randomUUID()}`);
    const repo = createSettingsRepository(db);
    await repo.set('language', 'de');
    expect(await repo.get('language', languageSchema, 'kk')).toBe('kk');
  });
});
