import { useTranslation } from 'react-i18next';
import { useDesk } from '../../app/desk-context';
import { loadAkimInbox, useLive } from '../../db';
import { actingAs } from '../session';
import { NavCount, useTodayList } from '../today';

/**
 * The akim's pending count beside his inbox link: resolutions, certificates and registers waiting
 * for him (db loadAkimInbox, the inbox itself); red when one of his steps is late (the today list).
 */
export function AkimInboxNavBadge({ id }: { id: string }) {
  const { t } = useTranslation('akim');
  const { db, office } = useDesk();
  const inbox = useLive(
    () => (office ? loadAkimInbox(db, actingAs('akim', office)) : Promise.resolve(undefined)),
    [db, office],
  );
  const today = useTodayList();
  if (!inbox) return null;
  const count = inbox.resolutions.length + inbox.certificates.length + inbox.registers.length;
  if (count === 0) return null;
  const late = (today ?? []).some((e) => e.item.status === 'overdue');
  return <NavCount id={id} count={count} alert={late} label={t('navBadge', { count })} />;
}
