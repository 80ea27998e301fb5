// R-PRO-1 (003:30): a proactive case has no number; the journal's number cell marks it as proactive and
// names its occasion (the row's `occasion`, from shared/case proactiveOccasion), in kk and ru, on
// screen, in the XLSX file and on paper alike.
import { createInstance, type TFunction } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { foldCase } from '../../../../shared/case';
import { sampleEvent } from '../../../../shared/case/testing';
import { journalRowOf } from '../../../../shared/journal';
import { sampleJournalRow } from '../../../../shared/journal/testing';
import type { Language } from '../../../../shared/ipc';
import type { CaseRow } from '../../db';
import { localeResources } from '../../i18n';
import { journalSheet } from './journal-export';
import { journalRowView, type RowViewEnv } from './journal-row-view';
import { JournalNumberCell } from './journal-table';

const calendar = createWorkingCalendar();

async function env(language: Language): Promise<RowViewEnv> {
  const i18n = createInstance();
  await i18n.init({ resources: localeResources(), lng: language, fallbackLng: false });
  const t: TFunction = i18n.t.bind(i18n);
  return { now: '2025-05-12T10:00', calendar, language, t };
}

/** A proactive case's row, as the store writes it after ProactiveCaseOpened. */
function proactiveRow(): CaseRow {
  const opened = sampleEvent('ProactiveCaseOpened', { role: 'districtSpecialist', counter: 1 });
  const row = journalRowOf(foldCase([{ ...opened, legalTime: '2025-05-05T10:00' }]), calendar, 1);
  if (row === null) throw new Error('a proactive case has a row');
  return row;
}

const plain = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('the number cell of a proactive case (R-PRO-1)', () => {
  test('ru: «проактивно» with the occasion, and the whole in the title; the number stays empty', async () => {
    const row = proactiveRow();
    expect(row.number).toBe('');
    const view = journalRowView(row, await env('ru'));
    expect(view.proactive).toEqual({
      mark: 'проактивно',
      occasion: 'Жеңіс күні (09.05.2025)',
      line: 'Проактивно, без заявления: Жеңіс күні (09.05.2025)',
    });
    const markup = renderToStaticMarkup(<JournalNumberCell row={view} />);
    expect(plain(markup)).toBe('проактивно Жеңіс күні (09.05.2025)');
    expect(markup).toContain('title="Проактивно, без заявления: Жеңіс күні (09.05.2025)"');
    expect(markup).toContain('role="cell"');
  });

  test('kk: «проактивті»; the flag still shows before it', async () => {
    const view = journalRowView({ ...proactiveRow(), flagged: true }, await env('kk'));
    expect(view.proactive?.mark).toBe('проактивті');
    expect(view.proactive?.line).toBe('Проактивті, өтінішсіз: Жеңіс күні (09.05.2025)');
    const markup = renderToStaticMarkup(<JournalNumberCell row={view} />);
    expect(markup).toContain(`aria-label="${view.flag ?? ''}"`);
    expect(plain(markup)).toBe('! проактивті Жеңіс күні (09.05.2025)');
  });

  test('a case with a number shows its number and no mark', async () => {
    const view = journalRowView(
      sampleJournalRow({ number: 'KZL01-1-0037/2025', date: '2025-02-28' }),
      await env('ru'),
    );
    expect(view.proactive).toBeNull();
    expect(plain(renderToStaticMarkup(<JournalNumberCell row={view} />))).toBe('KZL01-1-0037/2025');
  });

  test('the XLSX file says it in the number column', async () => {
    const sheet = journalSheet([proactiveRow()], await env('ru'));
    expect(sheet[1]?.[0]).toEqual({
      value: 'Проактивно, без заявления: Жеңіс күні (09.05.2025)',
      type: String,
    });
  });
});
