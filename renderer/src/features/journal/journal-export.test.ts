import { createInstance, type TFunction } from 'i18next';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { sampleJournalRow } from '../../../../shared/journal/testing';
import type { CaseRow } from '../../db';
import { localeResources } from '../../i18n';
import { journalFileName, journalSheet, journalXlsx } from './journal-export';
import type { RowViewEnv } from './journal-row-view';

async function env(language: 'kk' | 'ru'): Promise<RowViewEnv> {
  const i18n = createInstance();
  await i18n.init({ resources: localeResources(), lng: language, fallbackLng: false });
  const t: TFunction = i18n.t.bind(i18n);
  return { now: '2025-03-05T10:00', calendar: createWorkingCalendar(), language, t };
}

const rows: CaseRow[] = [
  sampleJournalRow({
    id: 'c1',
    number: 'KZL01-1-0037/2025',
    date: '2025-02-28',
    stage: 'atCommission',
    iin: '050315400124',
    name: 'Әбенова Сәуле',
    dueDate: '2025-03-04',
  }),
  sampleJournalRow({
    id: 'c2',
    number: 'KZL01-1-0036/2025',
    date: '2025-02-27',
    serviceId: 'child-benefit-under-18',
    stage: 'issued',
    name: 'Ким Виктор',
    dueDate: '2025-03-27',
  }),
];

describe('journal export', () => {
  test('the file name carries the date', () => {
    expect(journalFileName('2026-11-23')).toBe('journal-2026-11-23.xlsx');
  });

  test('an XLSX file with the columns as shown: dates as dates, IIN as text', async () => {
    const blob = await journalXlsx(rows, await env('ru'));
    const sheet = await readSheet(Buffer.from(await blob.arrayBuffer()));
    expect(sheet[0]).toEqual([
      'Номер',
      'Дата',
      'Заявитель',
      'ИИН',
      'Услуга',
      'Этап',
      'Срок',
      'Состояние срока',
    ]);
    expect(sheet[1]).toEqual([
      'KZL01-1-0037/2025',
      new Date(Date.UTC(2025, 1, 28)),
      'Әбенова Сәуле',
      '050315400124',
      'Назначение государственной адресной социальной помощи',
      'В участковой комиссии',
      new Date(Date.UTC(2025, 2, 4)),
      'Просрочено (Просрочено на 1 рабочий день)',
    ]);
    expect(sheet[2]?.[7]).toBe('Завершено');
    expect(sheet).toHaveLength(3);
  });

  test('Kazakh headers and statuses', async () => {
    const sheet = journalSheet(rows, await env('kk'));
    const header = sheet[0]?.map((cell) =>
      cell && typeof cell === 'object' && 'value' in cell ? cell.value : cell,
    );
    expect(header?.[2]).toBe('Өтініш беруші');
    const status = sheet[1]?.[7];
    expect(status && typeof status === 'object' && 'value' in status && status.value).toBe(
      'Мерзімі өтті (1 жұмыс күні кешікті)',
    );
  });
});
