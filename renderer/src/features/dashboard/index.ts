export { DashboardScreen } from './dashboard-screen';
export {
  useMorningReminder,
  useNotificationPermission,
  REMINDER_SETTING,
} from './use-morning-reminder';
export { decideMorningReminder, type ReminderDecision } from './morning-reminder';
export { summarizeDeadlines, type DeadlineSummary, type DeadlineFigure } from './deadline-summary';
