import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { BackupReminder } from '../features/backup';
import { ClockWarning } from '../features/clock-watch';
import { ConnectionBadge, useConnectivityMonitor } from '../features/connectivity';
import { useMorningReminder } from '../features/dashboard';
import { HelpButton } from '../features/help';
import { LanguageSwitch } from '../features/preferences';
import { SessionMenu } from '../features/session';
import { SyncStatusArea } from '../features/sync';
import { DataProtectionBadge } from '../features/system';
import { UpdatePrompt } from '../features/updates';
import { useDesk } from './desk-context';
import { useAppSelector } from './hooks';
import { screenShownTo } from './screen-entry';
import { SCREENS } from './screens';

/** The frame around every screen: office name, connection badge, language, user, navigation. */
export function AppFrame() {
  const { t } = useTranslation();
  const { appInfo, office } = useDesk();
  const language = useAppSelector((s) => s.preferences.language);
  const role = useAppSelector((s) => s.session.user?.role ?? null);
  useConnectivityMonitor(appInfo.hubUrl);
  // The morning reminder runs whatever screen is open, not only the dashboard.
  useMorningReminder();
  const officeName = office
    ? language === 'kk'
      ? office.nameKk
      : office.nameRu
    : t('frame.officeNotSetUp');
  const screens = SCREENS.filter((screen) => screenShownTo(screen, role, office?.kind ?? null));
  return (
    <div className="frame">
      <header className="frame-header">
        <div className="frame-title">
          <span className="app-name">Akimat Desk</span>
          <span className="office-name">{officeName}</span>
        </div>
        <div className="frame-tools">
          <ConnectionBadge />
          <DataProtectionBadge />
          <SyncStatusArea />
          <HelpButton />
          <LanguageSwitch />
          <SessionMenu />
        </div>
      </header>
      <nav className="frame-nav" aria-label={t('frame.navigation')}>
        {screens.map(({ path, titleKey, Badge }) => {
          // A pending count (the today list, the akim's inbox) is the link's description, not its name.
          const badgeId = `nav-badge${path.replace(/\//g, '-')}`;
          return (
            <NavLink key={path} to={path} aria-describedby={Badge ? badgeId : undefined}>
              {t(titleKey)}
              {Badge && <Badge id={badgeId} />}
            </NavLink>
          );
        })}
      </nav>
      <main className="frame-main">
        <BackupReminder />
        <UpdatePrompt />
        <ClockWarning />
        <Outlet />
      </main>
    </div>
  );
}
