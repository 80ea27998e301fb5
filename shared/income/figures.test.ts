import { describe, expect, test } from 'vitest';
import { referenceVersionsSchema } from '../sync';
import {
  compareFiguresVersions,
  compareWithPovertyLine,
  figureInForce,
  figuresInForce,
  INCOME_FIGURES_SCHEMA,
  isNewerFigures,
  parseIncomeFigures,
  type IncomeFigures,
} from './figures';

// Test amounts only: the seeds give no official figures, and none are bundled with the desk.
const data: IncomeFigures = {
  schema: INCOME_FIGURES_SCHEMA,
  version: '2026.1.1',
  figures: [
    { kind: 'povertyLine', from: '2025-01-01', amountTiyn: 3_000_000, source: 'test act 1' },
    { kind: 'povertyLine', from: '2026-01-01', amountTiyn: 3_300_000, source: 'test act 2' },
    { kind: 'subsistenceMinimum', from: '2026-01-01', amountTiyn: 4_700_000, source: 'test act 3' },
  ],
};

describe('income figures as versioned reference data', () => {
  test('a well-formed file parses; a damaged one or another format is a reason, not a throw', () => {
    expect(parseIncomeFigures(data)).toEqual({ ok: true, data });
    expect(parseIncomeFigures({ ...data, schema: 'akimat-desk/income-figures/v2' })).toEqual({
      ok: false,
      reason: 'income:figuresErrors.unknownSchema',
    });
    const bad = (over: Record<string, unknown>) => parseIncomeFigures({ ...data, ...over });
    expect(bad({ version: '2026.01.1' }).ok).toBe(false);
    expect(bad({ extra: 1 }).ok).toBe(false);
    expect(
      bad({ figures: [{ kind: 'povertyLine', from: '2026-02-30', amountTiyn: 1, source: 'x' }] }),
    ).toEqual({ ok: false, reason: 'income:figuresErrors.invalid' });
    expect(
      bad({ figures: [{ kind: 'povertyLine', from: '2026-01-01', amountTiyn: 1.5, source: 'x' }] })
        .ok,
    ).toBe(false);
    // Two amounts of one kind from the same day would make "in force" ambiguous.
    expect(bad({ figures: [data.figures[0], { ...data.figures[0], amountTiyn: 1 }] }).ok).toBe(
      false,
    );
    expect(parseIncomeFigures('not json data').ok).toBe(false);
  });

  test('the figure in force on a date is the latest from not after it', () => {
    expect(figureInForce(data, 'povertyLine', '2024-12-31')).toBeNull();
    expect(figureInForce(data, 'povertyLine', '2025-01-01')?.amountTiyn).toBe(3_000_000);
    expect(figureInForce(data, 'povertyLine', '2025-12-31')?.amountTiyn).toBe(3_000_000);
    expect(figureInForce(data, 'povertyLine', '2026-01-01')?.amountTiyn).toBe(3_300_000);
    expect(figureInForce(null, 'povertyLine', '2026-01-01')).toBeNull();
    expect(figuresInForce(data, '2026-06-01').map((f) => f.kind)).toEqual([
      'povertyLine',
      'subsistenceMinimum',
    ]);
  });

  test('versions only grow: numeric order, none installed is the oldest', () => {
    expect(compareFiguresVersions('2026.12.1', '2026.9.1')).toBeGreaterThan(0);
    expect(compareFiguresVersions('', '2026.1.1')).toBeLessThan(0);
    expect(isNewerFigures(null, data)).toBe(true);
    expect(isNewerFigures(data, data)).toBe(false);
    expect(isNewerFigures(data, { ...data, version: '2026.1.2' })).toBe(true);
  });

  test('not exceeding the poverty line is the condition (001:4871); exceeding it, a ground (001:4897)', () => {
    expect(compareWithPovertyLine(data, 3_300_000, '2026-03-01')).toMatchObject({
      kind: 'compared',
      exceeds: false,
    });
    expect(compareWithPovertyLine(data, 3_300_001, '2026-03-01')).toMatchObject({
      kind: 'compared',
      exceeds: true,
    });
    expect(compareWithPovertyLine(null, 1, '2026-03-01')).toEqual({ kind: 'noFigure' });
    expect(compareWithPovertyLine(data, 1, '2024-03-01')).toEqual({ kind: 'noFigure' });
  });

  test('the hub names its figures version in /v1/reference: a version, none, or (an older hub) nothing', () => {
    const versions = { calendarVersion: '2026.1.1', catalogVersion: 'c', tsaVersion: 0 };
    const ok = (figuresVersion?: string) =>
      referenceVersionsSchema.safeParse({ ...versions, figuresVersion }).success;
    expect([ok('2026.1.1'), ok(''), ok(undefined)]).toEqual([true, true, true]);
    // A malformed version would make the desk's comparison throw: refused as a broken reply.
    expect(ok('2026.01.1')).toBe(false);
  });
});
