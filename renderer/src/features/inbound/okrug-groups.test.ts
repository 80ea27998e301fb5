import { describe, expect, test } from 'vitest';
import type { InboundRegister } from '../../db';
import { groupByOkrug } from './okrug-groups';

const register = (registerId: string, officeId: string | null, waiting: number): InboundRegister =>
  ({
    registerId,
    registerNumber: registerId,
    date: '2025-03-03',
    officeId,
    forwardedAt: '2025-03-03T10:00',
    signer: null,
    waiting: Array.from({ length: waiting }, (_, i) => ({ id: `${registerId}-${i}` })),
    received: [],
  }) as unknown as InboundRegister;

describe('the inbound queue by okrug', () => {
  test('one group per akimat, named in the Kazakh order, registers kept in the queue order', () => {
    const names: Record<string, string> = { 'office-a': 'Өрнек', 'office-b': 'Ақсу' };
    const groups = groupByOkrug(
      [register('r1', 'office-a', 2), register('r2', 'office-b', 1), register('r3', 'office-a', 3)],
      (id) => (id === null ? '—' : (names[id] ?? id)),
    );
    expect(groups.map((g) => [g.label, g.registers.map((r) => r.registerId), g.waiting])).toEqual([
      ['Ақсу', ['r2'], 1],
      ['Өрнек', ['r1', 'r3'], 5],
    ]);
  });
});
