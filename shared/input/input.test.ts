import { describe, expect, test } from 'vitest';
import { allRuleSets, governingService } from '../catalog';
import {
  INPUT_MESSAGES as M,
  ageOn,
  caseDateLimits,
  checkApplicantAge,
  checkAward,
  checkChildAge,
  checkDateInput,
  checkIncome,
  checkPersonName,
  checkScanBytes,
  fixLatinLookalikes,
  monthsTouched,
  needsTsaRegister,
  readDateInput,
  scanFormatOf,
  NAME_PART_MAX,
} from '.';

const ascii = (text: string) => new TextEncoder().encode(text);

function service(id: string, on = '2026-03-02') {
  const found = governingService(id, null, on);
  if (!found) throw new Error(`no service ${id}`);
  return found;
}

describe('typed dates: one reading for every form', () => {
  test.each([
    ['15.03.1985', '1985-03-15'],
    [' 5.3.1985 ', '1985-03-05'],
    ['15/03/1985', '1985-03-15'],
    ['29.02.2024', '2024-02-29'],
  ])('%s is %s', (text, date) => {
    expect(readDateInput(text)).toEqual({ ok: true, date });
  });

  test.each([
    ['31.02.2026', 'noSuchDate'],
    ['29.02.2025', 'noSuchDate'],
    ['31.04.2026', 'noSuchDate'],
    ['00.01.2026', 'noSuchDate'],
    ['12.13.2026', 'noSuchDate'],
    ['2026-02-01', 'format'],
    ['15.3.85', 'format'],
    ['вчера', 'format'],
    ['', 'empty'],
    ['01.01.1899', 'year'],
  ])('%s: %s', (text, problem) => {
    expect(readDateInput(text)).toEqual({ ok: false, problem });
  });

  test('31.02 is "no such date" with the same message wherever it is checked', () => {
    expect(checkDateInput('31.02.2026')).toEqual({ ok: false, message: M.dateNoSuchDate });
    expect(checkDateInput('31.02.2026', { notAfter: '2026-03-02' })).toEqual({
      ok: false,
      message: M.dateNoSuchDate,
    });
    expect(checkDateInput('1.2.26')).toEqual({ ok: false, message: M.dateFormat });
  });

  test('an act dated in the future or before registration is refused', () => {
    const limits = {
      notAfter: '2026-03-02',
      notBefore: { date: '2026-02-20', kind: 'registration' as const },
    };
    expect(checkDateInput('03.03.2026', limits)).toEqual({ ok: false, message: M.dateFuture });
    expect(checkDateInput('19.02.2026', limits)).toEqual({
      ok: false,
      message: M.dateBeforeRegistration,
    });
    expect(checkDateInput('20.02.2026', limits)).toEqual({ ok: true, date: '2026-02-20' });
    expect(checkDateInput('02.03.2026', limits)).toEqual({ ok: true, date: '2026-03-02' });
  });

  test('an optional date may be empty; a required one may not', () => {
    expect(checkDateInput('  ', { required: false })).toEqual({ ok: true, date: null });
    expect(checkDateInput('')).toEqual({ ok: false, message: M.dateRequired });
  });
});

describe('names in Cyrillic', () => {
  test('Kazakh and Russian names, with hyphens and spaces, pass', () => {
    for (const name of [
      'Әбдірахманов',
      'Сейітова',
      'Мұхамед-Әли',
      'Ёлкина',
      'Қасым Жомарт',
      'Үмбетов',
    ]) {
      expect(checkPersonName(name)).toEqual({ ok: true });
    }
    expect(checkPersonName('')).toEqual({ ok: true });
  });

  test('Latin look-alikes are caught and fixed in one step', () => {
    // "Сейітова" typed with Latin C, e, i, o and a.
    const typed = 'Ceйiтовa';
    const check = checkPersonName(typed);
    expect(check).toEqual({
      ok: false,
      problem: 'latinLookalike',
      message: M.nameLatin,
      fixed: 'Сейітова',
    });
    expect(checkPersonName(fixLatinLookalikes(typed))).toEqual({ ok: true });
    for (const ch of ['a', 'e', 'o', 'p', 'c', 'x', 'y', 'H', 'K', 'M', 'T', 'B']) {
      expect(fixLatinLookalikes(ch)).not.toBe(ch);
    }
    expect(fixLatinLookalikes('Əлиев')).toBe('Әлиев');
  });

  test('other Latin letters, digits and signs are refused, not "fixed"', () => {
    expect(checkPersonName('Ivanov')).toMatchObject({ ok: false, problem: 'notCyrillic' });
    expect(checkPersonName('Иванов2')).toMatchObject({ ok: false, problem: 'notCyrillic' });
    expect(checkPersonName('Иванов.')).toMatchObject({ ok: false, problem: 'notCyrillic' });
  });

  test('a name part longer than the printed line is refused', () => {
    expect(checkPersonName('А'.repeat(NAME_PART_MAX))).toEqual({ ok: true });
    expect(checkPersonName('А'.repeat(NAME_PART_MAX + 1))).toMatchObject({ problem: 'tooLong' });
  });

  test('a surname with initials keeps its full stops only where the field asks for initials', () => {
    expect(checkPersonName('Ахметов Б. К.', NAME_PART_MAX * 3, { initials: true })).toEqual({
      ok: true,
    });
    expect(checkPersonName('Ахметов Б. К.')).toMatchObject({ ok: false, problem: 'notCyrillic' });
    expect(checkPersonName('Ахмeтов Б. К.', NAME_PART_MAX * 3, { initials: true })).toMatchObject({
      ok: false,
      problem: 'latinLookalike',
      fixed: 'Ахметов Б. К.',
    });
  });
});

describe('ages against the service (catalog inputBounds)', () => {
  test('age in full years, the birthday counted on its day', () => {
    expect(ageOn('2008-03-02', '2026-03-01')).toBe(17);
    expect(ageOn('2008-03-02', '2026-03-02')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  test('an applicant under 18 needs a legal representative (Civil Code art. 17), in every service', () => {
    const registrable = allRuleSets().flatMap((rs) =>
      rs.services.filter((x) => x.registrableAtAkimat),
    );
    expect(registrable.length).toBeGreaterThan(5);
    for (const s of registrable) {
      expect(s.inputBounds?.applicantMinAge?.years).toBe(18);
      expect(checkApplicantAge(s, '2008-03-03', '2026-03-02', false)).toEqual({
        ok: false,
        message: M.applicantUnderAge,
        age: 17,
        limit: 18,
      });
      expect(checkApplicantAge(s, '2008-03-03', '2026-03-02', true)).toEqual({ ok: true });
      expect(checkApplicantAge(s, '2008-03-02', '2026-03-02', false)).toEqual({ ok: true });
    }
  });

  test('the child benefit counts children under 18 (001:7126 / 1258)', () => {
    const benefit = service('child-benefit-under-18');
    expect(benefit.inputBounds?.childMaxAge?.sources.map((s) => s.lines[0])).toEqual([7126, 1258]);
    const child = (birthDate: string) => ({ birthDate, relation: 'child' });
    expect(checkChildAge(benefit, child('2008-03-03'), '2026-03-02')).toEqual({ ok: true });
    expect(checkChildAge(benefit, child('2008-03-02'), '2026-03-02')).toEqual({
      ok: false,
      message: M.childOverAge,
      age: 18,
      limit: 18,
    });
    // A spouse is not a child; another service has no such bound.
    expect(
      checkChildAge(benefit, { birthDate: '1990-01-01', relation: 'spouse' }, '2026-03-02'),
    ).toEqual({ ok: true });
    const tsa = service('targeted-social-assistance');
    expect(checkChildAge(tsa, child('2000-01-01'), '2026-03-02')).toEqual({ ok: true });
  });
});

describe('incomes within the catalog bounds', () => {
  const tsa = service('targeted-social-assistance');

  test('months a period touches', () => {
    expect(monthsTouched('2026-01-01', '2026-03-31')).toBe(3);
    expect(monthsTouched('2026-01-15', '2026-02-14')).toBe(2);
    expect(monthsTouched('2025-12-01', '2026-01-31')).toBe(2);
  });

  test('an income with an extra zero is questioned; a real one passes', () => {
    const bound = tsa.inputBounds?.income;
    expect(bound?.reason.ru).toMatch(/опечат/);
    const quarter = { periodFrom: '2025-10-01', periodTo: '2025-12-31' };
    expect(checkIncome(tsa, { ...quarter, amountTiyn: 3 * 85_000_00 })).toEqual({ ok: true });
    expect(checkIncome(tsa, { ...quarter, amountTiyn: 3 * 85_000_00 * 100 })).toEqual({
      ok: false,
      field: 'amount',
      message: M.amountTooLarge,
    });
    expect(
      checkIncome(tsa, { periodFrom: '2024-01-01', periodTo: '2025-12-31', amountTiyn: 100 }),
    ).toEqual({ ok: false, field: 'periodTo', message: M.incomePeriodTooLong });
  });

  test('a service without family incomes has no income bound', () => {
    expect(service('asp-recipient-certificate').inputBounds?.income).toBeUndefined();
  });
});

describe("the district's granted amount within the catalog bounds (the incomes' own check)", () => {
  test('every service an akimat registers and the district decides with a grant has its award bound, with a reason', () => {
    for (const id of [
      'targeted-social-assistance',
      'child-benefit-under-18',
      'fuel-aid-rural-social-specialists',
      'social-aid-maslikhat-categories',
    ]) {
      const bound = service(id).inputBounds?.award;
      expect(bound?.maxMonthlyTiyn, id).toBeGreaterThan(0);
      expect(bound?.reason.kk, id).toMatch(/теру қатесі/i);
      expect(bound?.reason.ru, id).toMatch(/опечат/);
    }
    // The 2023 rules (seed 003) govern the maslikhat's social aid from their date too.
    expect(
      service('social-aid-maslikhat-categories', '2026-11-20').inputBounds?.award,
    ).toBeDefined();
  });

  test('an amount with an extra zero is questioned over its period, or as one month without one; a real one passes', () => {
    const tsa = service('targeted-social-assistance');
    const quarter = { periodFrom: '2026-01-01', periodTo: '2026-03-31' };
    expect(checkAward(tsa, { ...quarter, amountTiyn: 3 * 45_000_00 })).toEqual({ ok: true });
    expect(checkAward(tsa, { ...quarter, amountTiyn: 3 * 45_000_00 * 100 })).toEqual({
      ok: false,
      field: 'amount',
      message: M.awardTooLarge,
    });
    // No period on the notice: one month's worth.
    expect(checkAward(tsa, { amountTiyn: 45_000_00 })).toEqual({ ok: true });
    expect(checkAward(tsa, { amountTiyn: 45_000_00 * 1000 })).toEqual({
      ok: false,
      field: 'amount',
      message: M.awardTooLarge,
    });
    expect(
      checkAward(tsa, { periodFrom: '2024-01-01', periodTo: '2026-12-31', amountTiyn: 100 }),
    ).toEqual({ ok: false, field: 'periodTo', message: M.awardPeriodTooLong });
  });

  test('a service without a bound is not checked', () => {
    expect(checkAward(service('asp-recipient-certificate'), { amountTiyn: 10 ** 12 })).toEqual({
      ok: true,
    });
  });
});

describe('scans by their content', () => {
  const pdf = ascii('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\nstartxref\n9\n%%EOF\n');

  test('formats by their magic bytes', () => {
    expect(scanFormatOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(scanFormatOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'png',
    );
    expect(scanFormatOf(ascii('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(scanFormatOf(pdf)).toBe('pdf');
    expect(scanFormatOf(ascii('hello'))).toBeNull();
  });

  test('a PDF with its header and trailer passes, under the content type', () => {
    expect(checkScanBytes(pdf, pdf, 'application/pdf')).toEqual({
      ok: true,
      format: 'pdf',
      mime: 'application/pdf',
    });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
    // A photo named .pdf is a photo: it is kept as what it is.
    expect(checkScanBytes(jpeg, jpeg, 'application/pdf')).toMatchObject({ mime: 'image/jpeg' });
  });

  test('a text renamed to .pdf, a PDF cut off and a fake image are refused', () => {
    const text = ascii('Это не PDF, а текст.');
    expect(checkScanBytes(text, text, 'application/pdf')).toEqual({
      ok: false,
      message: M.scanNotPdf,
    });
    const cut = pdf.subarray(0, 30);
    expect(checkScanBytes(cut, cut, 'application/pdf')).toEqual({
      ok: false,
      message: M.scanNotPdf,
    });
    expect(checkScanBytes(text, text, 'image/png')).toEqual({ ok: false, message: M.scanNotImage });
    expect(checkScanBytes(text, text, '')).toEqual({ ok: false, message: M.scanUnknown });
  });
});

test('the certificate service waits for the recipients list; the others do not (R-CERT-3)', () => {
  expect(needsTsaRegister(service('asp-recipient-certificate'))).toBe(true);
  expect(needsTsaRegister(service('targeted-social-assistance'))).toBe(false);
});

test('every input message exists in kk and ru (locales/*/inputChecks.json)', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const lookup = (lang: string, key: string): unknown => {
    const file = join(import.meta.dirname, '..', '..', 'locales', lang, 'inputChecks.json');
    const tree = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return key
      .replace(/^inputChecks:/, '')
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
  };
  for (const key of Object.values(M)) {
    expect(typeof lookup('kk', key), `kk ${key}`).toBe('string');
    expect(typeof lookup('ru', key), `ru ${key}`).toBe('string');
  }
});

test('a case act is dated between the registration (or receipt) and today', () => {
  const registered = caseDateLimits(
    { registrationDate: '2026-02-20', receivedAt: '2026-02-19T17:55' },
    '2026-03-02',
  );
  expect(checkDateInput('19.02.2026', registered)).toEqual({
    ok: false,
    message: M.dateBeforeRegistration,
  });
  const received = caseDateLimits(
    { registrationDate: null, receivedAt: '2026-02-19T17:55' },
    '2026-03-02',
  );
  expect(checkDateInput('18.02.2026', received)).toEqual({
    ok: false,
    message: M.dateBeforeReceipt,
  });
  expect(checkDateInput('19.02.2026', received)).toEqual({ ok: true, date: '2026-02-19' });
  expect(caseDateLimits({ registrationDate: null, receivedAt: null }, '2026-03-02')).toEqual({
    notAfter: '2026-03-02',
  });
});
