import { afterEach, describe, expect, test } from 'vitest';
import { KZ_CALENDAR_DATA } from '../../../shared/calendar';
import { DATABASE_KINDS } from '../../test/databases';
import { referenceHub, type ReferenceHub } from '../../test/reference-hub';

describe.each(DATABASE_KINDS)('reference data on %s', (kind) => {
  let hub: ReferenceHub | undefined;
  afterEach(async () => {
    await hub?.dispose();
    hub = undefined;
  });

  test('a calendar correction installed at the hub reaches desks as data; versions never go back', async () => {
    const h = await referenceHub(kind, { code: 'KZL01', kind: 'akimat' });
    hub = h;
    expect((await h.get('/v1/reference')).body).toMatchObject({
      calendarVersion: KZ_CALENDAR_DATA.version,
    });
    expect((await h.get('/v1/reference/calendar', 'anonymous')).status).toBe(401);

    const newer = await h.file(
      'newer.json',
      JSON.stringify({ ...KZ_CALENDAR_DATA, version: '2099.1.1' }),
    );
    const install = (file: string) => h.cli(['calendar', 'install', '--file', file]);
    expect(await install(newer)).toBe(0);
    expect(h.lines.at(-1)).toContain('2099.1.1');
    // The same version again, or an older one, is refused; so is damaged data.
    expect(await install(newer)).toBe(1);
    expect(h.lines.at(-1)).toBe('Эта версия не новее той, что на хабе, и не установлена.');
    const damaged = await h.file('damaged.json', JSON.stringify({ version: '2100.1.1' }));
    expect(await install(damaged)).toBe(1);
    await h.start();
    expect((await h.get('/v1/reference')).body).toMatchObject({ calendarVersion: '2099.1.1' });
    expect((await h.get('/v1/reference/calendar')).body).toMatchObject({ version: '2099.1.1' });
  });
});
