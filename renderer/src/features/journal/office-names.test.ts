import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import { DeskDatabase, deskOfficeNames, storeOfficeDirectory } from '../../db';
import { officeLabel } from './office-label';

// What useOfficeLabel gives every district screen, without React: the directory the sync stored
// (db/office-directory), read as names, handed to officeLabel with the language and the own profile.

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

describe('the district’s offices by name on the desk', () => {
  test('an okrug from the stored directory in kk and ru; the own office by its profile; unknown by code', async () => {
    db = new DeskDatabase(`office-names-${crypto.randomUUID()}`);
    const own = sampleOfficeProfile({
      officeId: 'office-akk00',
      kind: 'district',
      nameKk: 'Ақкөл ауданының жұмыспен қамту бөлімі',
      nameRu: 'Отдел занятости Аккольского района',
    });
    // Before the first sync brings the directory, okrugs show by their codes.
    expect(officeLabel('office-kzl01', 'kk', own, await deskOfficeNames(db))).toBe('KZL01');

    await storeOfficeDirectory(db, {
      version: 'e'.repeat(64),
      offices: [
        { id: 'office-akk00', code: 'AKK00', kind: 'district', nameKk: 'Бөлім', nameRu: 'Отдел' },
        {
          id: 'office-kzl01',
          code: 'KZL01',
          kind: 'akimat',
          nameKk: 'Қызылту ауылдық округі',
          nameRu: 'Кызылтуский сельский округ',
        },
      ],
    });
    const names = await deskOfficeNames(db);
    expect(officeLabel('office-kzl01', 'kk', own, names)).toBe('Қызылту ауылдық округі');
    expect(officeLabel('office-kzl01', 'ru', own, names)).toBe('Кызылтуский сельский округ');
    expect(officeLabel('office-akk00', 'kk', own, names)).toBe(own.nameKk);
    expect(officeLabel('office-akk00', 'ru', own, names)).toBe(own.nameRu);
    expect(officeLabel('office-btr02', 'ru', own, names)).toBe('BTR02');
    expect(officeLabel(null, 'kk', own, names)).toBe('—');
  });
});
