import { describe, expect, test } from 'vitest';
import { printRequestSchema } from '../../../../shared/ipc';
import { pdfFileName } from './file-name';

describe('pdfFileName', () => {
  test('keeps Kazakh and Russian letters and replaces the slash of a registration number', () => {
    expect(pdfFileName('Талон', 'KZL01-1-0001/2026')).toBe('Талон KZL01-1-0001-2026.pdf');
    expect(pdfFileName('Анықтама', 'С-12/2026')).toBe('Анықтама С-12-2026.pdf');
    expect(pdfFileName('Тізілім', 'KZL01-2-R7/2026')).toBe('Тізілім KZL01-2-R7-2026.pdf');
  });

  test.each([
    ['Хабарлама', '«№ 5»: 2026\\01'],
    ['../../etc', 'passwd'],
    ['Нотис', 'a/b\\c:d*e?f"g<h>i|j'],
    ['', ''],
    ['Реестр', 'x'.repeat(300)],
    ['Қолхат', 'Сейітова Әйгерім Қайратқызы'],
  ])('always gives a name the shell accepts: %j %j', (title, number) => {
    const name = pdfFileName(title, number);
    expect(printRequestSchema.safeParse({ fileName: name }).success).toBe(true);
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name).not.toContain('/');
    expect(name).not.toContain('..');
  });

  test('shrinks runs of replaced characters and trims the ends', () => {
    expect(pdfFileName('  Талон ', '№ 5 / 2026 ')).toBe('Талон 5 - 2026.pdf');
    expect(pdfFileName('', '')).toBe('document.pdf');
  });
});
