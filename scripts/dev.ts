import { readHubConfig } from '../server/src/config';
import { startHub, stopOnSignals } from '../server/src/hub';
import { findElectronBinary } from './electron-binary';
import { npx, runInBackground } from './run';

// `npm run dev`: the hub, the Vite dev server with hot reload (it proxies the hub's routes), and the
// Electron window pointed at the dev server where Electron is installed.
const DEV_URL = 'http://localhost:5173';

const config = readHubConfig(process.env);
const hub = await startHub(config);
stopOnSignals(hub);
const vite = runInBackground('npx', ['--no-install', 'vite'], { AKIMAT_HUB_URL: hub.url });
process.on('exit', () => vite.kill());

const electron = findElectronBinary();
if (electron) {
  for (const mode of ['main', 'preload']) {
    await npx('vite', [
      'build',
      '--config',
      'vite.electron.config.ts',
      '--mode',
      mode,
      '--logLevel',
      'warn',
    ]);
  }
  const shell = runInBackground(electron, ['.'], { AKIMAT_DEV_SERVER_URL: DEV_URL });
  shell.on('exit', () => process.kill(process.pid, 'SIGTERM'));
} else {
  console.log(`Electron is not installed here: open ${DEV_URL} in a browser.`);
}
