// Which help page belongs to which screen: the route's first segment, so a screen's help opens on the
// screen and on everything under it (a case page, a register's page).

export const HELP_TOPICS = [
  'general',
  'dashboard',
  'today',
  'inbound',
  'journal',
  'intake',
  'akim',
  'registers',
  'tsaRegister',
  'reports',
  'sms',
  'proactive',
  'districtAdmin',
  'users',
  'officeSettings',
  'system',
  'casePage',
] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

const BY_SEGMENT: Readonly<Record<string, HelpTopic>> = {
  dashboard: 'dashboard',
  today: 'today',
  inbound: 'inbound',
  journal: 'journal',
  intake: 'intake',
  akim: 'akim',
  registers: 'registers',
  'tsa-register': 'tsaRegister',
  reports: 'reports',
  sms: 'sms',
  proactive: 'proactive',
  'district-admin': 'districtAdmin',
  users: 'users',
  'office-settings': 'officeSettings',
  system: 'system',
  cases: 'casePage',
};

/** The help page for a route's path; the general page for a screen without its own. */
export function helpTopicFor(pathname: string): HelpTopic {
  const segment = pathname.split('/').find((s) => s !== '') ?? '';
  return BY_SEGMENT[segment] ?? 'general';
}
