import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { INCOME_FIGURES_SCHEMA, type IncomeFigures } from '../../../shared/income';
import { DeskDatabase } from './database';
import { deskIncomeFigures, installIncomeFigures } from './figures';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

// Test amounts only: no official figures are bundled with the desk.
const figures: IncomeFigures = {
  schema: INCOME_FIGURES_SCHEMA,
  version: '2026.1.1',
  figures: [{ kind: 'povertyLine', from: '2026-01-01', amountTiyn: 3_300_000, source: 'test act' }],
};

describe('the desk’s income figures (one settings row)', () => {
  test('none until installed; a valid newer file installs, an older or equal one is refused', async () => {
    db = new DeskDatabase(`figures-${crypto.randomUUID()}`);
    expect(await deskIncomeFigures(db)).toBeNull();
    expect(await installIncomeFigures(db, figures)).toEqual({ ok: true, version: '2026.1.1' });
    expect(await deskIncomeFigures(db)).toEqual(figures);
    expect(await installIncomeFigures(db, figures)).toEqual({
      ok: false,
      reason: 'income:figuresErrors.notNewer',
    });
    const older = { ...figures, version: '2025.12.1', figures: [] };
    expect((await installIncomeFigures(db, older)).ok).toBe(false);
    const newer = { ...figures, version: '2026.2.1' };
    expect(await installIncomeFigures(db, newer)).toEqual({ ok: true, version: '2026.2.1' });
    expect((await deskIncomeFigures(db))?.version).toBe('2026.2.1');
  });

  test('a damaged file changes nothing and says why', async () => {
    db = new DeskDatabase(`figures-${crypto.randomUUID()}`);
    await installIncomeFigures(db, figures);
    expect(
      await installIncomeFigures(db, { ...figures, version: '2027.1.1', figures: 'x' }),
    ).toEqual({ ok: false, reason: 'income:figuresErrors.invalid' });
    expect(await deskIncomeFigures(db)).toEqual(figures);
  });
});
