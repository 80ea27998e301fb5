import { afterEach, describe, expect, test } from 'vitest';
import { officesReplySchema, referenceVersionsSchema } from '../../../shared/sync';
import { DATABASE_KINDS } from '../../test/databases';
import { districtHub, DISTRICT_CODE, enrolledDesk, OKRUG_A, type TestHub } from '../../test/desks';
import { addDistrict, addOffice } from '../registry/registry';

describe.each(DATABASE_KINDS)('the district’s offices as reference data on %s', (kind) => {
  let t: TestHub | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  test('an enrolled desk is given its district’s offices by name and code, the version follows them', async () => {
    const hub = await districtHub(kind);
    t = hub;
    // Another district, with an office of its own: never part of AKK's answer.
    await addDistrict(hub.hub.db, { code: 'BRL', nameKk: 'Бурабай', nameRu: 'Бурабай' }, 'admin');
    await addOffice(
      hub.hub.db,
      {
        districtCode: 'BRL',
        code: 'BRL05',
        kind: 'akimat',
        nameKk: 'Қатаркөл',
        nameRu: 'Катарколь',
      },
      'admin',
    );
    const desk = await enrolledDesk(hub.hub, OKRUG_A);
    const get = async (path: string, credential: string | null = desk.credential) => {
      const r = await fetch(`${hub.hub.url}${path}`, {
        headers: credential === null ? {} : { authorization: `Bearer ${credential}` },
      });
      return { status: r.status, body: (await r.json()) as unknown };
    };

    const first = await get('/v1/reference/offices');
    expect(first.status).toBe(200);
    const reply = officesReplySchema.parse(first.body);
    // The test hub's okrugs are named by their codes (server/test/desks districtHub).
    expect(reply.offices).toEqual([
      { id: 'office-btr02', code: 'BTR02', kind: 'akimat', nameKk: 'BTR02', nameRu: 'BTR02' },
      { id: 'office-kzl01', code: 'KZL01', kind: 'akimat', nameKk: 'KZL01', nameRu: 'KZL01' },
    ]);
    const versions = referenceVersionsSchema.parse((await get('/v1/reference')).body);
    expect(versions.officesVersion).toBe(reply.version);
    expect((await get('/v1/reference/offices', null)).status).toBe(401);

    // A new office of the district reaches the desk, and changes the version it is asked by.
    await addOffice(
      hub.hub.db,
      {
        districtCode: DISTRICT_CODE,
        code: 'AKK00',
        kind: 'district',
        nameKk: 'Ақкөл аудандық бөлімі',
        nameRu: 'Аккольский районный отдел',
      },
      'admin',
    );
    const second = officesReplySchema.parse((await get('/v1/reference/offices')).body);
    expect(second.offices.map((o) => o.id)).toEqual([
      'office-akk00',
      'office-btr02',
      'office-kzl01',
    ]);
    expect(second.offices[0]).toEqual({
      id: 'office-akk00',
      code: 'AKK00',
      kind: 'district',
      nameKk: 'Ақкөл аудандық бөлімі',
      nameRu: 'Аккольский районный отдел',
    });
    expect(second.version).not.toBe(reply.version);
    expect(referenceVersionsSchema.parse((await get('/v1/reference')).body).officesVersion).toBe(
      second.version,
    );
    // The same directory asked twice has the same version.
    expect(officesReplySchema.parse((await get('/v1/reference/offices')).body).version).toBe(
      second.version,
    );
  }, 120_000);
});
