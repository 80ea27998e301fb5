import { join } from 'node:path';
import { readHubConfig } from '../server/src/config';
import { startHub, stopOnSignals } from '../server/src/hub';

// Serves an already built desk with the hub, without building: for e2e runs and for looking at a
// build made elsewhere. AKIMAT_DESK_DIR (default dist/renderer) and the hub's usual variables.
const deskDir =
  process.env['AKIMAT_DESK_DIR'] ?? join(import.meta.dirname, '..', 'dist', 'renderer');
const hub = await startHub(readHubConfig(process.env), { deskDir });
stopOnSignals(hub);
console.log(`Desk: ${hub.url}/`);
