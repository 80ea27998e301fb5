import { describe, expect, test } from 'vitest';
import { workingDays } from '../time';
import { createWorkingCalendar } from '../calendar';
import { SEED000_REVIEW_TERM, dueFor, requestExtension } from './index';

const calendar = createWorkingCalendar();
const start = { date: '2025-02-10', at: '2025-02-10T10:00' }; // Monday

describe('R-ROUTE-4: seed 000 review term 8 WD, or 20 WD with a reason (000:50)', () => {
  test('R-ROUTE-4: setting "missing documents" moves the review due date from +8 WD to +20 WD', () => {
    expect(dueFor(SEED000_REVIEW_TERM.standard, start, calendar)).toEqual({
      kind: 'date',
      date: '2025-02-20',
    });
    const extended = requestExtension(SEED000_REVIEW_TERM, 'documentsMissing');
    expect(extended).toEqual({ ok: true, term: workingDays(20), reason: 'documentsMissing' });
    if (!extended.ok) throw new Error('unreachable');
    // 20 WD from Mon 10.02.2025; Mon 10.03 is the shift of Women's Day (Sat 08.03) → Tue 11.03.
    expect(dueFor(extended.term, start, calendar)).toEqual({ kind: 'date', date: '2025-03-11' });
  });

  test.each(['documentsMissing', 'documentsDamaged', 'documentsLost'])(
    'R-ROUTE-4: reason %s is accepted',
    (reason) => {
      expect(requestExtension(SEED000_REVIEW_TERM, reason)).toMatchObject({ ok: true, reason });
    },
  );

  test.each([null, undefined, '', '   '])(
    'R-ROUTE-4: without a reason (%j) it is rejected',
    (reason) => {
      expect(requestExtension(SEED000_REVIEW_TERM, reason)).toEqual({
        ok: false,
        reason: 'extension.reasonRequired',
        messageKey: 'calendar:deadlines.extension.reasonRequired',
      });
    },
  );

  test('R-ROUTE-4: an unknown reason code is rejected', () => {
    expect(requestExtension(SEED000_REVIEW_TERM, 'applicantBusy')).toEqual({
      ok: false,
      reason: 'extension.reasonUnknown',
      messageKey: 'calendar:deadlines.extension.reasonUnknown',
    });
  });
});
