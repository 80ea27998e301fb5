import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { languageSchema } from '../../shared/ipc';
import { App } from './app/app';
import { DeskProvider } from './app/desk-context';
import { createAppStore, LANGUAGE_SETTING } from './app/store';
import {
  createSettingsRepository,
  DeskDatabase,
  deskCalendar,
  loadOfficeProfile,
  adoptLegacyUsers,
  loadHubLink,
  openAtRestKeys,
  openDeskDatabase,
  openFailureReason,
  type OpenFailureReason,
} from './db';
import { askDurableStorage } from './features/backup';
import { rememberLanguage, StartupError, startupLanguages } from './features/startup';
import { createI18n } from './i18n';
import { getPlatform, systemClock } from './platform';
import { createSyncEngine } from './sync/engine';
import { pageSyncPlatform } from './sync/page-platform';
import './styles.css';

/** Local storage, where the start-up page finds the language when the database does not open. */
function languageStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function rootElement(): HTMLElement {
  const element = document.getElementById('root');
  if (!element) throw new Error('index.html has no #root');
  return element;
}

/**
 * The database did not open: a plain page in the saved language (or Kazakh and Russian both) says
 * what happened and what to do, with a retry that starts the desk again.
 */
async function showStartupError(root: Root, reason: OpenFailureReason): Promise<void> {
  const languages = startupLanguages(languageStore());
  const i18n = await createI18n(languages[0] ?? 'kk');
  const texts = languages.map((language) => ({ language, t: i18n.getFixedT(language, 'common') }));
  root.render(
    <StrictMode>
      <StartupError reason={reason} texts={texts} onRetry={() => window.location.reload()} />
    </StrictMode>,
  );
}

async function start(): Promise<void> {
  const platform = getPlatform();
  const root = createRoot(rootElement());
  let db: DeskDatabase;
  try {
    // Citizens' data is sealed with the desk's data key (db/at-rest.ts): the shell's OS secret store
    // keeps it; a browser keeps it in the profile, and the desk says so.
    db = new DeskDatabase('akimat-desk', await openAtRestKeys(await platform.dataKey()));
  } catch (error) {
    console.error('The data key did not open', error);
    await showStartupError(root, openFailureReason(error));
    return;
  }
  try {
    const opened = await openDeskDatabase(db);
    if (!opened.ok) {
      await showStartupError(root, opened.reason);
      return;
    }
    // Asked once at start: without it a browser may evict the database when the disk runs short.
    void askDurableStorage(navigator.storage);
    const settings = createSettingsRepository(db);
    const language = await settings.get(LANGUAGE_SETTING, languageSchema, 'kk');
    const office = await loadOfficeProfile(db);
    // Users made before users were events get their registration event once, so their keys can
    // travel; a failure here leaves them working as they are and is only logged.
    await adoptLegacyUsers(db, Date.now()).catch((error: unknown) => {
      console.error('Users made before directory events were not adopted', error);
    });
    const calendar = await deskCalendar(db);
    const [i18n, appInfo] = await Promise.all([createI18n(language), platform.appInfo()]);
    await platform.setLanguage(language);
    rememberLanguage(languageStore(), language);
    i18n.on('languageChanged', (next) => {
      const parsed = languageSchema.safeParse(next);
      if (parsed.success) rememberLanguage(languageStore(), parsed.data);
    });
    const store = createAppStore({ i18n, settings, platform }, language);
    // Sync runs on its own timer once the desk has joined a hub; joining starts it (hub card).
    const sync = createSyncEngine(db, pageSyncPlatform(platform));
    if ((await loadHubLink(db)) !== null) sync.start();

    root.render(
      <StrictMode>
        <Provider store={store}>
          <I18nextProvider i18n={i18n}>
            <DeskProvider
              services={{ db, platform, appInfo, clock: systemClock(), calendar, office, sync }}
            >
              <App />
            </DeskProvider>
          </I18nextProvider>
        </Provider>
      </StrictMode>,
    );
  } catch (error) {
    // Reading the settings or the office profile failed after the database opened.
    console.error('The desk did not start', error);
    await showStartupError(root, openFailureReason(error));
  }
}

void start();
