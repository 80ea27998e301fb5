import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { languageSchema } from '../../shared/ipc';
import { App } from './app/app';
import { DeskProvider } from './app/desk-context';
import { createAppStore, LANGUAGE_SETTING } from './app/store';
import { createSettingsRepository, DeskDatabase, deskCalendar, loadOfficeProfile } from './db';
import { createI18n } from './i18n';
import { getPlatform, systemClock } from './platform';
import './styles.css';

async function start(): Promise<void> {
  const platform = getPlatform();
  const db = new DeskDatabase();
  await db.open();
  const settings = createSettingsRepository(db);
  const language = await settings.get(LANGUAGE_SETTING, languageSchema, 'kk');
  const office = await loadOfficeProfile(db);
  const calendar = await deskCalendar(db);
  const [i18n, appInfo] = await Promise.all([createI18n(language), platform.appInfo()]);
  await platform.setLanguage(language);
  const store = createAppStore({ i18n, settings, platform }, language);

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <Provider store={store}>
        <I18nextProvider i18n={i18n}>
          <DeskProvider
            services={{ db, platform, appInfo, clock: systemClock(), calendar, office }}
          >
            <App />
          </DeskProvider>
        </I18nextProvider>
      </Provider>
    </StrictMode>,
  );
}

void start();
