export { NavCount, TodayNavBadge, TodayScreen } from './today-screen';
export { groupToday, useTodayList, type TodayGroup } from './use-today';
