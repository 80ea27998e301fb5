import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { ConnectionBadge, useConnectivityMonitor } from '../features/connectivity';
import { useMorningReminder } from '../features/dashboard';
import { LanguageSwitch } from '../features/preferences';
import { SessionMenu } from '../features/session';
import { SyncStatusArea } from '../features/sync';
import { useDesk } from './desk-context';
import { useAppSelector } from './hooks';
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
  const screens = SCREENS.filter((screen) => role !== null && screen.roles.includes(role));
  return (
    <div className="frame">
      <header className="frame-header">
        <div className="frame-title">
          <span className="app-name">Akimat Desk</span>
          <span className="office-name">{officeName}</span>
        </div>
        <div className="frame-tools">
          <ConnectionBadge />
          <SyncStatusArea />
          <LanguageSwitch />
          <SessionMenu />
        </div>
      </header>
      <nav className="frame-nav" aria-label={t('frame.navigation')}>
        {screens.map((screen) => (
          <NavLink key={screen.path} to={screen.path}>
            {t(screen.titleKey)}
          </NavLink>
        ))}
      </nav>
      <main className="frame-main">
        <Outlet />
      </main>
    </div>
  );
}
