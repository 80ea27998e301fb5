import { readHubConfig } from './config';
import { runCli } from './cli';
import { startHub, stopOnSignals } from './hub';

// `npm run hub`: the district hub alone; `npm run hub -- <command>`: a registry command (cli.ts).
const config = readHubConfig(process.env);
const args = process.argv.slice(2);
if (args.length > 0) {
  const language = process.env['HUB_LANGUAGE'] === 'kk' ? 'kk' : 'ru';
  process.exitCode = await runCli(args, config, { language }, (line) => {
    console.log(line);
  });
} else {
  const hub = await startHub(config);
  hub.app.log.info(
    { url: hub.url, database: config.database.kind },
    'Akimat Desk hub is listening',
  );
  stopOnSignals(hub);
}
