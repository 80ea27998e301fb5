import { describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../calendar';
import {
  checkDecisionAfterRemarksWindow,
  checkObjectionDate,
  checkRefusalDecisionDate,
  checkRemarksDate,
  earliestRefusalDecisionDate,
  objectionDeadline,
  remarksDeadline,
} from './index';

const calendar = createWorkingCalendar();

describe('R-HEAR-1: refusal decision no earlier than 3 WD after the notice (003:38)', () => {
  test('R-HEAR-1: notice Mon → a decision dated Wed is rejected, one dated Thu is allowed', () => {
    expect(earliestRefusalDecisionDate('2025-02-10', calendar)).toBe('2025-02-13');
    expect(checkRefusalDecisionDate('2025-02-10', '2025-02-12', calendar)).toEqual({
      ok: false,
      reason: 'hearing.decisionTooEarly',
      messageKey: 'calendar:deadlines.hearing.decisionTooEarly',
      earliest: '2025-02-13',
    });
    expect(checkRefusalDecisionDate('2025-02-10', '2025-02-13', calendar)).toEqual({ ok: true });
    expect(checkRefusalDecisionDate('2025-02-10', '2025-02-20', calendar)).toEqual({ ok: true });
  });

  test('R-HEAR-1: notice Fri 20.03.2026 before Nauryz → earliest decision Mon 30.03.2026', () => {
    // 23–25.03 off: 26 (1), 27 (2), 30 (3).
    expect(checkRefusalDecisionDate('2026-03-20', '2026-03-27', calendar)).toMatchObject({
      ok: false,
      earliest: '2026-03-30',
    });
    expect(checkRefusalDecisionDate('2026-03-20', '2026-03-30', calendar)).toEqual({ ok: true });
  });

  test('R-HEAR-1: a decision dated before the notice is rejected too', () => {
    expect(checkRefusalDecisionDate('2025-02-10', '2025-02-07', calendar).ok).toBe(false);
  });
});

describe('R-HEAR-3: objection within 2 WD of receiving the notice (003:43)', () => {
  test('R-HEAR-3: receipt Mon → objection due Wed', () => {
    expect(objectionDeadline('2025-02-10', calendar)).toBe('2025-02-12');
    expect(checkObjectionDate('2025-02-10', '2025-02-12', calendar)).toEqual({
      ok: true,
      late: false,
      deadline: '2025-02-12',
    });
  });

  test('R-HEAR-3: an objection entered Thu is flagged late, not dropped', () => {
    expect(checkObjectionDate('2025-02-10', '2025-02-13', calendar)).toEqual({
      ok: true,
      late: true,
      deadline: '2025-02-12',
      messageKey: 'calendar:deadlines.hearing.objectionLate',
    });
  });

  test('R-HEAR-3: receipt Thu 30.04.2026 → window ends Tue 05.05.2026 (1 May off)', () => {
    expect(objectionDeadline('2026-04-30', calendar)).toBe('2026-05-05');
  });

  test('R-HEAR-3: an objection dated before the notice was received is a data-entry error', () => {
    expect(checkObjectionDate('2025-02-10', '2025-02-09', calendar)).toEqual({
      ok: false,
      reason: 'hearing.beforeAnchor',
      messageKey: 'calendar:deadlines.hearing.beforeAnchor',
    });
  });
});

describe('R-HEAR-5: remarks within 3 WD after reading the protocol (003:45-46)', () => {
  test('R-HEAR-5: read Tue → remarks due Fri', () => {
    expect(remarksDeadline('2025-02-11', calendar)).toBe('2025-02-14');
    expect(checkRemarksDate('2025-02-11', '2025-02-14', calendar)).toMatchObject({
      ok: true,
      late: false,
    });
    expect(checkRemarksDate('2025-02-11', '2025-02-17', calendar)).toEqual({
      ok: true,
      late: true,
      deadline: '2025-02-14',
      messageKey: 'calendar:deadlines.hearing.remarksLate',
    });
  });

  test('R-HEAR-5: read Wed 06.05.2026 → remarks due Wed 13.05.2026 (8, 12, 13)', () => {
    // 07.05 (Defender Day) and 11.05 (shift of Victory Day, Sat 09.05) are off.
    expect(remarksDeadline('2026-05-06', calendar)).toBe('2026-05-13');
  });
});

describe('R-HEAR-6: no decision while the remarks window is open (003:47)', () => {
  test('R-HEAR-6: protocol read Tue, no remarks → decision blocked until the window closes at end of Fri', () => {
    expect(checkDecisionAfterRemarksWindow('2025-02-11', false, '2025-02-14', calendar)).toEqual({
      ok: false,
      reason: 'hearing.remarksWindowOpen',
      messageKey: 'calendar:deadlines.hearing.remarksWindowOpen',
      windowEnds: '2025-02-14',
    });
    expect(checkDecisionAfterRemarksWindow('2025-02-11', false, '2025-02-12', calendar).ok).toBe(
      false,
    );
    expect(checkDecisionAfterRemarksWindow('2025-02-11', false, '2025-02-17', calendar)).toEqual({
      ok: true,
    });
  });

  test('R-HEAR-6: once remarks are logged the decision may follow at once', () => {
    expect(checkDecisionAfterRemarksWindow('2025-02-11', true, '2025-02-12', calendar)).toEqual({
      ok: true,
    });
  });
});
