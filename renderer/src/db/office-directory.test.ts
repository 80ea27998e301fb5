import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { OfficesReply } from '../../../shared/sync';
import { DeskDatabase } from './database';
import {
  deskOfficeDirectory,
  deskOfficeNames,
  OFFICE_DIRECTORY_SETTING,
  storeOfficeDirectory,
} from './office-directory';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const KZL01 = {
  id: 'office-kzl01',
  code: 'KZL01',
  kind: 'akimat',
  nameKk: 'Қызылту',
  nameRu: 'Кызылту',
} as const;
const directory: OfficesReply = {
  version: 'a'.repeat(64),
  offices: [
    KZL01,
    { id: 'office-zhn02', code: 'ZHN02', kind: 'akimat', nameKk: 'Жаңа ауыл', nameRu: 'Жана аул' },
  ],
};

describe('the district’s offices on the desk (one settings row)', () => {
  test('none until stored; a valid directory replaces the desk’s whole, the same version changes nothing', async () => {
    db = new DeskDatabase(`offices-${crypto.randomUUID()}`);
    expect(await deskOfficeDirectory(db)).toBeNull();
    expect((await deskOfficeNames(db)).size).toBe(0);

    expect(await storeOfficeDirectory(db, directory)).toEqual({
      ok: true,
      version: directory.version,
      changed: true,
    });
    expect(await deskOfficeDirectory(db)).toEqual(directory);
    expect((await deskOfficeNames(db)).get('office-zhn02')).toEqual({
      nameKk: 'Жаңа ауыл',
      nameRu: 'Жана аул',
    });
    expect(await storeOfficeDirectory(db, directory)).toEqual({
      ok: true,
      version: directory.version,
      changed: false,
    });

    // The hub renamed one okrug and dropped none: the desk holds exactly the new list.
    const renamed: OfficesReply = {
      version: 'b'.repeat(64),
      offices: [{ ...KZL01, nameKk: 'Қызылту ауылы', nameRu: 'Село Кызылту' }],
    };
    expect((await storeOfficeDirectory(db, renamed)).ok).toBe(true);
    const names = await deskOfficeNames(db);
    expect([...names.keys()]).toEqual(['office-kzl01']);
    expect(names.get('office-kzl01')?.nameKk).toBe('Қызылту ауылы');
  });

  test('a damaged reply changes nothing and says why; a damaged stored row reads as none', async () => {
    db = new DeskDatabase(`offices-${crypto.randomUUID()}`);
    await storeOfficeDirectory(db, directory);
    for (const damaged of [
      { ...directory, version: 'not-a-digest' },
      { ...directory, offices: [{ ...KZL01, nameKk: '' }] },
      // Nothing beyond what names an office travels.
      { ...directory, offices: [{ ...KZL01, credential: 'x' }] },
      null,
    ]) {
      expect(await storeOfficeDirectory(db, damaged)).toEqual({
        ok: false,
        reason: 'sync:errors.badReply',
      });
    }
    expect(await deskOfficeDirectory(db)).toEqual(directory);

    await db.settings.put({ key: OFFICE_DIRECTORY_SETTING, value: { version: 1 } });
    expect(await deskOfficeDirectory(db)).toBeNull();
    expect((await deskOfficeNames(db)).size).toBe(0);
  });
});
