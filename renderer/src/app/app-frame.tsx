import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { ConnectionBadge, useConnectivityMonitor } from '../features/connectivity';
import { LanguageSwitch } from '../features/preferences';
import { useDesk } from './desk-context';
import { SCREENS } from './screens';

/** The frame around every screen: office name, connection badge, language switch, navigation. */
export function AppFrame() {
  const { t } = useTranslation();
  const { appInfo } = useDesk();
  useConnectivityMonitor(appInfo.hubUrl);
  return (
    <div className="frame">
      <header className="frame-header">
        <div className="frame-title">
          <span className="app-name">Akimat Desk</span>
          <span className="office-name">{t('frame.officeNotSetUp')}</span>
        </div>
        <div className="frame-tools">
          <ConnectionBadge />
          <LanguageSwitch />
        </div>
      </header>
      <nav className="frame-nav" aria-label={t('frame.navigation')}>
        {SCREENS.map((screen) => (
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
