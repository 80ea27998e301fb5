import { readHubConfig } from './config';
import { startHub, stopOnSignals } from './hub';

// `npm run hub`: the district hub alone.
const config = readHubConfig(process.env);
const hub = await startHub(config);
hub.app.log.info({ url: hub.url, database: config.database.kind }, 'Akimat Desk hub is listening');
stopOnSignals(hub);
