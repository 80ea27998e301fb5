import { describe, expect, test } from 'vitest';
import { createStateCorporationCalendar, createWorkingCalendar } from '../calendar';
import {
  certificateDue,
  certificateWaitingOverrun,
  completionCheck,
  perCapitaIncomeDue,
  portalNoticeDue,
  stateCorporationCertificateDue,
  villageCommissionSendingDue,
} from './index';

const calendar = createWorkingCalendar();

describe('R-ROUTE-1: send to the village commission within 1 WD of registration (003:33)', () => {
  test('R-ROUTE-1: registered Mon → due end of Tue; sending on Wed is flagged late', () => {
    const due = villageCommissionSendingDue('2025-02-10', calendar);
    expect(due).toBe('2025-02-11');
    expect(completionCheck({ kind: 'date', date: due }, '2025-02-11T17:55')).toBe('onTime');
    expect(completionCheck({ kind: 'date', date: due }, '2025-02-12T09:10')).toBe('late');
  });

  test('R-ROUTE-1: registered Fri 20.03.2026 → due Thu 26.03.2026 (Nauryz and shifts)', () => {
    expect(villageCommissionSendingDue('2026-03-20', calendar)).toBe('2026-03-26');
  });
});

describe('R-ROUTE-2: per-capita income within 1 WD of district receipt (003:35-36)', () => {
  test.each([
    ['received Thu → due Fri', '2025-02-13', '2025-02-14'],
    ['received Thu 02.05.2024 → due Fri 03.05.2024', '2024-05-02', '2024-05-03'],
    ['received Fri 03.05.2024 → due on the worked Saturday 04.05.2024', '2024-05-03', '2024-05-04'],
    ['received Mon 06.05.2024 → due Fri 10.05.2024 (7, 8, 9 May off)', '2024-05-06', '2024-05-10'],
  ])('R-ROUTE-2: %s', (_label, received, due) => {
    expect(perCapitaIncomeDue(received, calendar)).toBe(due);
  });
});

describe('R-CERT-1: TSA certificate in 15 minutes at the office (002:10)', () => {
  test('R-CERT-1: submission 10:00 → due 10:15', () => {
    expect(certificateDue('2025-02-11T10:00')).toBe('2025-02-11T10:15');
  });

  test('R-CERT-1: check-in 09:40 with submission 10:00 → waiting overrun flagged', () => {
    expect(certificateWaitingOverrun('2025-02-11T09:40', '2025-02-11T10:00')).toBe(true);
    expect(certificateWaitingOverrun('2025-02-11T09:45', '2025-02-11T10:00')).toBe(false);
  });
});

describe('R-CERT-2: State Corporation, 3 WD, acceptance day excluded (002:10)', () => {
  test('R-CERT-2: accepted Mon → due Thu', () => {
    expect(stateCorporationCertificateDue('2025-02-10', calendar)).toBe('2025-02-13');
    expect(stateCorporationCertificateDue('2025-02-10', createStateCorporationCalendar())).toBe(
      '2025-02-13',
    );
  });

  test('R-CERT-2: whether Saturday counts is the choice of calendar (processes §7 Q7)', () => {
    // Accepted Thu 13.02.2025: six-day week → Fri, Sat, Mon; five-day week → Fri, Mon, Tue.
    expect(stateCorporationCertificateDue('2025-02-13', createStateCorporationCalendar())).toBe(
      '2025-02-17',
    );
    expect(stateCorporationCertificateDue('2025-02-13', calendar)).toBe('2025-02-18');
  });
});

describe('R-DEC-4: portal notice within 1 WD of the decision (003:51)', () => {
  test.each([
    ['decision Fri → due Mon', '2025-02-14', '2025-02-17'],
    [
      'decision Fri 05.07.2024 → due Tue 09.07.2024 (Mon 08.07 shift of Capital Day)',
      '2024-07-05',
      '2024-07-09',
    ],
  ])('R-DEC-4: %s', (_label, decision, due) => {
    expect(portalNoticeDue(decision, calendar)).toBe(due);
  });
});
