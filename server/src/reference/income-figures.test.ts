import { afterEach, describe, expect, test } from 'vitest';
import { INCOME_FIGURES_SCHEMA, type IncomeFigures } from '../../../shared/income';
import { referenceVersionsSchema } from '../../../shared/sync';
import { DATABASE_KINDS } from '../../test/databases';
import { referenceHub, type ReferenceHub } from '../../test/reference-hub';

// Test amounts only: no official figures are bundled, at the hub or on the desk.
const figures: IncomeFigures = {
  schema: INCOME_FIGURES_SCHEMA,
  version: '2026.1.1',
  figures: [{ kind: 'povertyLine', from: '2026-01-01', amountTiyn: 3_300_000, source: 'test act' }],
};

describe.each(DATABASE_KINDS)('income figures at the hub on %s', (kind) => {
  let hub: ReferenceHub | undefined;
  afterEach(async () => {
    await hub?.dispose();
    hub = undefined;
  });

  test('none until installed; figures install reaches desks as data; versions never go back', async () => {
    const h = await referenceHub(kind, { code: 'AKK00', kind: 'district' });
    hub = h;
    const versions = await h.get('/v1/reference');
    expect(referenceVersionsSchema.parse(versions.body).figuresVersion).toBe('');
    expect((await h.get('/v1/reference/figures')).status).toBe(404);
    expect((await h.get('/v1/reference/figures', 'anonymous')).status).toBe(401);

    const file = await h.file('figures.json', JSON.stringify(figures));
    const install = (path: string) => h.cli(['figures', 'install', '--file', path]);
    expect(await install(file)).toBe(0);
    expect(h.lines.at(-1)).toBe('Установлены показатели для расчёта дохода версии 2026.1.1.');
    // The same version again is refused; so is damaged data, checked with the desk's own parser.
    expect(await install(file)).toBe(1);
    expect(h.lines.at(-1)).toBe('Эта версия не новее той, что на хабе, и не установлена.');
    const damaged = await h.file(
      'damaged.json',
      JSON.stringify({ ...figures, version: '2027.1.1', figures: [{}] }),
    );
    expect(await install(damaged)).toBe(1);
    expect(h.lines.at(-1)).toBe('Файл показателей повреждён или неполон: ничего не изменено.');
    expect(await install(await h.file('broken.json', '{'))).toBe(1);

    await h.start();
    expect((await h.get('/v1/reference')).body).toMatchObject({ figuresVersion: '2026.1.1' });
    expect((await h.get('/v1/reference/figures')).body).toEqual(figures);
  }, 120_000);
});
