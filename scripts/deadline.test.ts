import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function deadline(...args: string[]): string {
  return execFileSync(TSX, ['scripts/deadline.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('npm run deadline', () => {
  test('prints the registration and due dates with the rule-set used', () => {
    const out = deadline(
      '--service',
      'child-benefit-under-18',
      '--route',
      'akim',
      '--received',
      '2026-02-20T10:00',
    );
    expect(out).toMatch(/registered\s+20\.02\.2026 \(Fri\)/);
    expect(out).toMatch(/due\s+26\.03\.2026 \(Thu\)/);
    expect(out).toMatch(/rule-set\s+001-timiryazev-2012-n232/);
    expect(out).toMatch(/term\s+30 calendar days/);
  });

  test('refuses a year without calendar data with a clear message', () => {
    const result = spawnSync(
      TSX,
      [
        'scripts/deadline.ts',
        '--service',
        'targeted-social-assistance',
        '--received',
        '2031-01-10T10:00',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no data for 2031');
  });
});
