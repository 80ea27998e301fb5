import { describe, expect, test } from 'vitest';
import { DESK_ORIGIN, devServerUrlFor } from './navigation';
import { CRASH_WINDOW_MS, crashDialog, crashResponse } from './render-crash';

const START = `${DESK_ORIGIN}/`;
const NOW = 1_760_000_000_000;

describe('a renderer that died', () => {
  test('is offered a reload of the desk’s start page (IndexedDB holds what was saved)', () => {
    for (const reason of ['crashed', 'oom', 'killed', 'abnormal-exit', 'launch-failed'] as const) {
      expect(crashResponse(reason, [], NOW, START)).toEqual({
        kind: 'offerReload',
        repeated: false,
        reloadUrl: START,
      });
    }
  });

  test('a clean exit is no crash', () => {
    expect(crashResponse('clean-exit', [], NOW, START)).toEqual({ kind: 'none' });
  });

  test('a page that keeps dying is said to keep dying', () => {
    expect(crashResponse('crashed', [NOW - 60_000], NOW, START)).toMatchObject({ repeated: false });
    expect(crashResponse('crashed', [NOW - 120_000, NOW - 60_000], NOW, START)).toMatchObject({
      repeated: true,
    });
    // Old crashes are forgotten.
    const old = [NOW - CRASH_WINDOW_MS - 1, NOW - CRASH_WINDOW_MS - 2];
    expect(crashResponse('crashed', old, NOW, START)).toMatchObject({ repeated: false });
  });

  test('in a packaged app the reload never goes to a development server', () => {
    const dev = devServerUrlFor(true, { AKIMAT_DEV_SERVER_URL: 'http://localhost:5173' });
    const response = crashResponse('crashed', [], NOW, dev ?? START);
    expect(response).toMatchObject({ reloadUrl: 'app://desk/' });
  });

  test('the dialog says the saved data is safe, in kk and ru', () => {
    const kk = crashDialog('kk', false);
    expect(kk.buttons).toEqual(['Қайта жүктеу', 'Жабу']);
    expect(kk.detail).toContain('Сақталған деректердің бәрі орнында');
    const ru = crashDialog('ru', true);
    expect(ru.buttons).toEqual(['Перезагрузить', 'Закрыть']);
    expect(ru.detail).toContain('Все сохранённые данные на месте');
    expect(ru.detail).toContain('несколько раз подряд');
    expect(crashDialog('ru', false).detail).not.toContain('несколько раз подряд');
  });
});
