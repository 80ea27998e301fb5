import { join } from 'node:path';
import { readHubConfig } from '../server/src/config';
import { startHub, stopOnSignals } from '../server/src/hub';
import { findElectronBinary } from './electron-binary';
import { npx, run } from './run';

// `npm start`: builds the desk, starts the hub on its embedded default, and opens the desk — in the
// Electron window where Electron is installed, otherwise served on localhost for a browser.
const ROOT = join(import.meta.dirname, '..');

async function build(): Promise<void> {
  const steps: string[][] = [
    ['build'],
    ['build', '--config', 'vite.electron.config.ts', '--mode', 'main'],
    ['build', '--config', 'vite.electron.config.ts', '--mode', 'preload'],
  ];
  for (const args of steps) {
    if ((await npx('vite', [...args, '--logLevel', 'warn'])) !== 0) {
      throw new Error(`vite ${args.join(' ')} failed`);
    }
  }
}

await build();
const config = readHubConfig(process.env);
const electron = findElectronBinary();
const hub = await startHub(config, electron ? {} : { deskDir: join(ROOT, 'dist', 'renderer') });
stopOnSignals(hub);

if (electron) {
  console.log(`Akimat Desk: hub at ${hub.url}; opening the desk window.`);
  const code = await run(electron, [ROOT]);
  await hub.stop();
  process.exit(code);
} else {
  console.log('');
  console.log('Electron is not installed here, so the desk is served for a browser.');
  console.log(`  Desk: ${hub.url}/`);
  console.log(
    `  Hub:  ${hub.url}/healthz (data: ${config.database.kind === 'pglite' ? config.database.dataDir : 'PostgreSQL'})`,
  );
  console.log('Press Ctrl+C to stop.');
}
