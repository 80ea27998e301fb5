import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { isLocalDate } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { createSettingsRepository, loadToday } from '../../db';
import { stepName, useOfficeNow } from '../journal';
import { decideMorningReminder } from './morning-reminder';

/** The office day the morning reminder was last shown on. */
export const REMINDER_SETTING = 'reminders.lastShownOn';
const lastShownSchema = z.string().refine(isLocalDate).nullable();

export type ReminderPermission = NotificationPermission | 'unsupported';

/** One check at a time across every mounted copy of the hook (the frame's and the dashboard's). */
let checking = false;

function currentPermission(): ReminderPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The browser's permission to show notifications, and a way to ask for it (needs a click). */
export function useNotificationPermission(): {
  permission: ReminderPermission;
  request: () => Promise<void>;
} {
  const [permission, setPermission] = useState(currentPermission);
  const request = useCallback(async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  }, []);
  return { permission, request };
}

/**
 * Shows the morning reminder: once a day at the start of the office day (or at the first start of the
 * desk after it) when open cases are overdue or due today. An OS notification in Electron, a browser
 * notification otherwise. Mount it once where it lives all day (the frame); the dashboard mounts it too,
 * and the day's setting keeps it to one reminder.
 */
export function useMorningReminder(): void {
  const { db, clock, office, calendar } = useDesk();
  const role = useAppSelector((s) => s.session.user?.role ?? null);
  const { t } = useTranslation(['dashboard', 'journal']);
  const navigate = useNavigate();
  const now = useOfficeNow(clock);
  const remindAt = office?.workingHours.opensAt ?? '09:00';

  useEffect(() => {
    if (currentPermission() !== 'granted' || checking || role === null) return;
    checking = true;
    void (async () => {
      try {
        const settings = createSettingsRepository(db);
        const today = now.slice(0, 10);
        const decision = decideMorningReminder({
          now,
          lastShownOn: await settings.get(REMINDER_SETTING, lastShownSchema, null),
          remindAt,
          // The person's today list: the same cases, steps and order as the today screen.
          cases: (await loadToday(db, now, role, calendar)).map(({ row, item }) => ({
            number: row.number,
            stepId: item.stepId,
            status: item.status,
          })),
        });
        if (decision.kind !== 'notify') return;
        // Saved first: a second window or a quick restart must not show it again.
        await settings.set(REMINDER_SETTING, today);
        const body = [
          decision.overdue > 0 ? t('notification.overdue', { count: decision.overdue }) : null,
          decision.dueToday > 0 ? t('notification.dueToday', { count: decision.dueToday }) : null,
          ...decision.named.map((c) =>
            t('notification.line', {
              number: c.number,
              step: c.stepId === null ? t('today:termItem') : stepName(c.stepId, t),
              status: t(`journal:status.${c.status}`),
            }),
          ),
          decision.more > 0 ? t('notification.more', { count: decision.more }) : null,
        ]
          .filter((line): line is string => line !== null)
          .join('\n');
        const notification = new Notification(t('notification.title'), {
          body,
          tag: `akimat-desk-deadlines-${today}`,
        });
        notification.onclick = () => {
          window.focus();
          void navigate('/today');
          notification.close();
        };
      } catch (error) {
        console.error('morning reminder', error);
      } finally {
        checking = false;
      }
    })();
  }, [db, now, remindAt, t, navigate, role, calendar]);
}
