import { describe, expect, test } from 'vitest';
import type { RegistryDevice, RegistryReply } from '../../../../shared/sync';
import {
  codeGroups,
  codeRows,
  devicesByOffice,
  officeDraftErrors,
  officeRows,
  readHours,
  registryOfficeName,
  toAddOffice,
} from './registry-view';

const HOUR = 3_600_000;
const NOW = 1_750_000_000_000;

const office = (code: string, kind: 'akimat' | 'district' = 'akimat') => ({
  id: `office-${code.toLowerCase()}`,
  code,
  kind,
  nameKk: `${code} кк`,
  nameRu: `${code} ру`,
  createdAtMs: NOW - 100 * HOUR,
});

const device = (
  id: string,
  officeId: string,
  deviceNo: number,
  revokedAtMs: number | null = null,
): RegistryDevice => ({
  id,
  officeId,
  deviceNo,
  enrolledAtMs: NOW - 50 * HOUR,
  revokedAtMs,
  lastSeenAtMs: null,
});

const REGISTRY: RegistryReply = {
  districtId: 'AKK',
  thisDeviceId: 'dev-d1',
  offices: [office('AKK02'), office('AKK00', 'district'), office('AKK01')],
  devices: [
    device('dev-a1-2', 'office-akk01', 2),
    device('dev-a1-1', 'office-akk01', 1, NOW - 2 * HOUR),
    device('dev-d1', 'office-akk00', 1),
    device('dev-d2', 'office-akk00', 2),
    device('dev-x', 'office-gone', 1),
  ],
  codes: [
    {
      officeId: 'office-akk01',
      createdAtMs: NOW - 10 * HOUR,
      expiresAtMs: NOW + 62 * HOUR,
      state: 'open',
      usedAtMs: NOW - 9 * HOUR,
      usedByDevice: 'dev-a1-2',
    },
    {
      officeId: 'office-akk02',
      createdAtMs: NOW - 1 * HOUR,
      expiresAtMs: NOW + 71 * HOUR,
      state: 'open',
      usedAtMs: null,
      usedByDevice: null,
    },
    {
      officeId: 'office-akk02',
      createdAtMs: NOW - 80 * HOUR,
      // The registry said open when it was read; by now it has expired.
      expiresAtMs: NOW - 8 * HOUR,
      state: 'open',
      usedAtMs: null,
      usedByDevice: null,
    },
  ],
};

describe('the registry on the screen', () => {
  test('offices: the department first, then akimats by code; active and all desks counted', () => {
    expect(officeRows(REGISTRY).map((r) => [r.office.code, r.activeDesks, r.desks])).toEqual([
      ['AKK00', 2, 2],
      ['AKK01', 1, 2],
      ['AKK02', 0, 0],
    ]);
  });

  test('desks by office and number; this desk and a revoked desk are never offered to revoke', () => {
    const groups = devicesByOffice(REGISTRY);
    expect(groups.map((g) => [g.officeId, g.devices.map((d) => d.device.id)])).toEqual([
      ['office-akk00', ['dev-d1', 'dev-d2']],
      ['office-akk01', ['dev-a1-1', 'dev-a1-2']],
      ['office-akk02', []],
      ['office-gone', ['dev-x']],
    ]);
    const rows = groups.flatMap((g) => g.devices);
    const byId = (id: string) => rows.find((r) => r.device.id === id);
    expect(byId('dev-d1')).toMatchObject({ thisDesk: true, revocable: false });
    expect(byId('dev-d2')).toMatchObject({ thisDesk: false, revocable: true });
    expect(byId('dev-a1-1')).toMatchObject({
      state: { kind: 'revoked', atMs: NOW - 2 * HOUR },
      revocable: false,
    });
    expect(groups[3]?.office).toBeNull();
  });

  test('codes: newest first, each in its state now (used wins, an old open one expired)', () => {
    expect(
      codeRows(REGISTRY, NOW).map((r) => [r.code.createdAtMs, r.state, r.device?.deviceNo ?? null]),
    ).toEqual([
      [NOW - 1 * HOUR, 'open', null],
      [NOW - 10 * HOUR, 'used', 2],
      [NOW - 80 * HOUR, 'expired', null],
    ]);
  });

  test('a new code in the groups people read out', () => {
    expect(codeGroups('ABCD-EFGH-JKLM-NPQR')).toEqual(['ABCD', 'EFGH', 'JKLM', 'NPQR']);
  });

  test('an office by its name in the reader’s language, by its code when it has none', () => {
    expect(registryOfficeName(office('AKK01'), 'kk')).toBe('AKK01 кк');
    expect(registryOfficeName(office('AKK01'), 'ru')).toBe('AKK01 ру');
    expect(registryOfficeName({ ...office('AKK01'), nameRu: ' ' }, 'ru')).toBe('AKK01');
  });
});

describe('what the admin types', () => {
  test('hours: empty is 72; a whole 1–720; anything else is said', () => {
    expect(readHours('')).toEqual({ ok: true, hours: 72 });
    expect(readHours(' 24 ')).toEqual({ ok: true, hours: 24 });
    expect(readHours('1')).toEqual({ ok: true, hours: 1 });
    expect(readHours('720')).toEqual({ ok: true, hours: 720 });
    for (const bad of ['0', '721', '2.5', '-3', 'бір', '1e2', '0720']) {
      expect(readHours(bad), bad).toEqual({
        ok: false,
        message: 'districtAdmin:codes.errors.hours',
      });
    }
  });

  test('a new office: code required, letters and digits only, not one the district has', () => {
    const names = { nameKk: 'Қарағаш ауылдық округі', nameRu: 'Карагашский сельский округ' };
    expect(officeDraftErrors({ code: ' ', ...names }, REGISTRY.offices)).toEqual({
      code: 'districtAdmin:offices.errors.codeRequired',
    });
    expect(officeDraftErrors({ code: 'AKK-03', ...names }, REGISTRY.offices)).toEqual({
      code: 'districtAdmin:offices.errors.codeForm',
    });
    expect(officeDraftErrors({ code: 'akk01', ...names }, REGISTRY.offices)).toEqual({
      code: 'districtAdmin:offices.errors.codeTaken',
    });
    expect(officeDraftErrors({ code: 'akk03', ...names }, REGISTRY.offices)).toEqual({});
  });

  test('names: required, at most 200 signs, no Latin letter inside a Cyrillic word', () => {
    const errors = (nameKk: string, nameRu: string) =>
      officeDraftErrors({ code: 'AKK03', nameKk, nameRu }, REGISTRY.offices);
    expect(errors('', 'Карагаш')).toEqual({ nameKk: 'districtAdmin:offices.errors.nameRequired' });
    expect(errors('Қарағаш', 'К'.repeat(201))).toEqual({
      nameRu: 'districtAdmin:offices.errors.nameTooLong',
    });
    // A Latin "a" typed in the middle of «Карагаш».
    expect(errors('Қарағаш', 'Кaрагаш')).toEqual({
      nameRu: 'districtAdmin:offices.errors.nameMixed',
    });
    expect(errors('Қарағаш «№ 2»', 'Карагаш-2')).toEqual({});
  });

  test('what is sent: the code as the hub stores it, names in NFC with single spaces', () => {
    expect(
      toAddOffice({
        code: ' akk03 ',
        nameKk: ' Қара\u0301ғаш   ауылдық ',
        nameRu: 'Карагаш\tс.о.',
      }),
    ).toEqual({
      code: 'AKK03',
      nameKk: 'Қара\u0301ғаш ауылдық'.normalize('NFC'),
      nameRu: 'Карагаш с.о.',
    });
  });
});
