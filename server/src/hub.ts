import type { FastifyInstance } from 'fastify';
import type { HubConfig } from './config';
import { migrate, openDatabase, readMigrations, type HubDatabase } from './db';
import { buildHubApp } from './http/app';
import { loggerOptions } from './logging';
import { startSmsSender } from './sms/sender';
import { loadHubTls } from './tls';

export interface RunningHub {
  app: FastifyInstance;
  db: HubDatabase;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, applies migrations, and starts listening. */
export async function startHub(
  config: HubConfig,
  extra: { deskDir?: string } = {},
): Promise<RunningHub> {
  const tls = await loadHubTls(config.tls);
  const db = await openDatabase(config.database);
  try {
    await migrate(db, await readMigrations());
    const app = await buildHubApp({
      db,
      logger: loggerOptions(config.logLevel),
      allowedHosts: config.allowedHosts,
      rateLimitPerMinute: config.rateLimitPerMinute,
      attachmentMaxBytes: config.attachmentMaxBytes,
      updatesDir: config.updatesDir,
      https: tls.https,
      hubKeyPin: tls.keyPin,
      ...(extra.deskDir ? { deskDir: extra.deskDir } : {}),
    });
    // The SMS notices of signed results (003:49): queued from the event log and handed to the
    // configured gateway by a loop that keeps no state between hub processes (server/src/sms).
    const sms = startSmsSender(db, config.sms, app.log);
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `${tls.https ? 'https' : 'http'}://${config.host}:${port}`;
    let stopped = false;
    return {
      app,
      db,
      url,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        // Stop sending, stop taking requests, let the ones under way finish, then close the database.
        await sms.stop();
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Stops the hub cleanly on SIGINT/SIGTERM; a second signal forces the exit. */
export function stopOnSignals(
  hub: RunningHub,
  onStopped: () => void = () => process.exit(0),
): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    hub.app.log.info({ signal }, 'stopping hub');
    void hub.stop().then(onStopped, () => process.exit(1));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
