import { createInstance, type TFunction } from 'i18next';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import { monthlyReport } from '../../../../shared/reports';
import {
  FIXTURE_MONTH,
  OKRUG_A,
  OKRUG_B,
  monthlyFixtureStates,
} from '../../../../shared/reports/testing';
import { localeResources } from '../../i18n';
import type { ReportLabels } from './report-lines';
import { readReportParams, reportPrintPath } from './report-params';
import { reportFileName, reportSheet, reportXlsx } from './report-sheet';

const calendar = createWorkingCalendar();
const report = monthlyReport(monthlyFixtureStates(), FIXTURE_MONTH, calendar);

async function labels(
  language: 'kk' | 'ru',
  named: Pick<ReportLabels, 'own' | 'directory'> = { own: null, directory: new Map() },
): Promise<ReportLabels> {
  const i18n = createInstance();
  await i18n.init({ resources: localeResources(), lng: language, fallbackLng: false });
  const t: TFunction = i18n.t.bind(i18n);
  return { t, language, ...named };
}

const valueOf = (cell: unknown) =>
  cell && typeof cell === 'object' && 'value' in cell ? (cell as { value: unknown }).value : cell;

describe('the monthly report as XLSX', () => {
  test('ru: title, header, a row per service and okrug, the service totals and the total', async () => {
    const sheet = reportSheet(report, await labels('ru')).map((row) => row.map(valueOf));
    expect(sheet[0]).toEqual(['Отчёт за ноябрь 2026 г.']);
    expect(sheet[2]).toEqual([
      'Услуга',
      'Сельский округ',
      'Поступило',
      'Решено',
      'Удовлетворено',
      'Отказано',
      'В срок',
      'С нарушением срока',
      'Средний срок, дней',
    ]);
    const certificate =
      'Выдача справки, подтверждающей принадлежность заявителя (семьи) к получателям адресной социальной помощи';
    const tsa = 'Назначение государственной адресной социальной помощи';
    const proactive =
      'Назначение социальной помощи отдельным категориям нуждающихся граждан по решениям местных представительных органов';
    // The hand-counted figures of shared/reports/monthly.test.ts, as lines.
    expect(sheet.slice(3).map((row) => row.slice(1))).toEqual([
      ['KZL01', 2, 2, 2, 0, 1, 1, 0],
      ['KZL02', 1, 1, 1, 0, 1, 0, 0],
      ['Итого по услуге', 3, 3, 3, 0, 2, 1, 0],
      ['KZL-district', 1, 1, 1, 0, 0, 0, 5],
      ['KZL01', 5, 3, 2, 1, 2, 1, 18.3],
      ['KZL02', 2, 3, 2, 1, 1, 2, 23.7],
      ['Итого по услуге', 7, 6, 4, 2, 3, 3, 21],
      [null, 11, 10, 8, 2, 5, 4, 13.1],
    ]);
    expect(sheet.slice(3).map((row) => row[0])).toEqual([
      ...Array<string>(3).fill(certificate),
      proactive,
      ...Array<string>(3).fill(tsa),
      'Всего',
    ]);
  });

  test('kk headers and month name; a report narrowed to one okrug says which', async () => {
    const kk = await labels('kk');
    const own = monthlyReport(monthlyFixtureStates(), FIXTURE_MONTH, calendar, {
      officeId: OKRUG_B,
    });
    const sheet = reportSheet(own, kk).map((row) => row.map(valueOf));
    expect(sheet[0]).toEqual(['2026 жылғы қараша бойынша есеп']);
    expect(sheet[1]).toEqual(['Ауылдық округ: KZL02']);
    expect(sheet[3]?.slice(2)).toEqual([
      'Түсті',
      'Шешілді',
      'Қанағаттандырылды',
      'Бас тартылды',
      'Мерзімінде',
      'Мерзімі бұзылған',
      'Орташа мерзім, күн',
    ]);
    expect(sheet.at(-1)).toEqual(['Барлығы', null, 3, 4, 3, 1, 2, 2, 17.8]);
  });

  test('okrugs by their names from the district’s office directory, in kk and ru; the own office by its profile', async () => {
    const named = {
      own: sampleOfficeProfile({
        officeId: 'KZL-district',
        kind: 'district',
        nameKk: 'Жұмыспен қамту бөлімі',
        nameRu: 'Отдел занятости',
      }),
      // The directory names the department too; the desk's own profile is what names it.
      directory: new Map([
        [OKRUG_A, { nameKk: 'Қызылту ауылдық округі', nameRu: 'Кызылтуский сельский округ' }],
        ['KZL-district', { nameKk: 'Басқа атау', nameRu: 'Другое имя' }],
      ]),
    };
    const okrugs = async (language: 'kk' | 'ru') =>
      reportSheet(report, await labels(language, named))
        .slice(3, 7)
        .map((row) => valueOf(row[1]));
    expect(await okrugs('kk')).toEqual([
      'Қызылту ауылдық округі',
      'KZL02',
      'Қызмет бойынша барлығы',
      'Жұмыспен қамту бөлімі',
    ]);
    expect(await okrugs('ru')).toEqual([
      'Кызылтуский сельский округ',
      'KZL02',
      'Итого по услуге',
      'Отдел занятости',
    ]);
  });

  test('a real XLSX file: counts as numbers, the average with its decimal', async () => {
    const blob = await reportXlsx(report, await labels('ru'));
    const rows = await readSheet(Buffer.from(await blob.arrayBuffer()));
    expect(rows[0]?.[0]).toBe('Отчёт за ноябрь 2026 г.');
    expect(rows.at(-1)).toEqual(['Всего', null, 11, 10, 8, 2, 5, 4, 13.1]);
    expect(rows.find((r) => r[7] === 2 && r[1] === 'KZL02')?.[8]).toBe(23.7);
    expect(reportFileName('2026-11', null)).toBe('monthly-report-2026-11.xlsx');
    expect(reportFileName('2026-11', 'KZL02')).toBe('monthly-report-2026-11-KZL02.xlsx');
  });
});

describe('the report address', () => {
  test('defaults to the previous month; a wrong month is said and replaced', () => {
    expect(readReportParams(new URLSearchParams(''), '2027-01-15')).toEqual({
      month: '2026-12',
      officeId: null,
      invalidMonth: null,
    });
    expect(
      readReportParams(new URLSearchParams('month=2026-13&okrug=KZL02'), '2027-01-15'),
    ).toEqual({ month: '2026-12', officeId: 'KZL02', invalidMonth: '2026-13' });
    expect(reportPrintPath({ month: '2026-11', officeId: 'KZL02' }, 'kk')).toBe(
      '/print/monthly-report?month=2026-11&okrug=KZL02&lang=kk',
    );
  });
});
