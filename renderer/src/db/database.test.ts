import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, test } from 'vitest';
import { DeskDatabase } from './database';

describe('desk database schema', () => {
  test('upgrades a skeleton (version 1) database without losing its settings', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    // The database exactly as the walking skeleton created it.
    const skeleton = new Dexie(name);
    skeleton.version(1).stores({ settings: '&key' });
    await skeleton.table('settings').put({ key: 'language', value: 'ru' });
    skeleton.close();

    const db = new DeskDatabase(name);
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.settings.get('language')).toEqual({ key: 'language', value: 'ru' });
    expect(await db.cases.count()).toBe(0);
    expect(db.cases.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['number', 'iin', 'nameTokens', 'openDueDate']),
    );
    await db.delete();
  });
});
