import fastifyCors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { deskContentSecurityPolicy } from '../../../shared/ipc';
import {
  OLDEST_DESK_PROTOCOL,
  SYNC_PROTOCOL_VERSION,
  type ErrorBody,
  type HubHello,
} from '../../../shared/sync';
import type { HubDatabase } from '../db';
import { registerDeviceRoutes } from './device-routes';
import { registerSyncRoutes } from './sync-routes';

export const HUB_VERSION = '0.1.0';
/** The origin of the desk's pages inside Electron (see electron/main/navigation.ts). */
export const DESK_APP_ORIGIN = 'app://desk';

export interface HubAppOptions {
  db: HubDatabase;
  logger: FastifyServerOptions['logger'];
  /** When set, the hub also serves the built desk (browser mode of `npm start`). */
  deskDir?: string;
}

export async function buildHubApp(options: HubAppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger });
  const { db } = options;
  // The Electron desk loads from its own app://desk origin and calls the hub across origins.
  await app.register(fastifyCors, { origin: [DESK_APP_ORIGIN], methods: ['GET', 'POST'] });

  // Error bodies carry a code only: never the URL (a query string may hold an IIN), a message or a
  // stack. The request log keeps the path alone (logging.ts).
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send({ code: 'hub:errors.notFound' } satisfies ErrorBody);
  });
  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    const code =
      status === 413
        ? 'sync:errors.tooLarge'
        : status >= 400 && status < 500
          ? 'sync:errors.badBody'
          : 'hub:errors.internal';
    if (status >= 500) request.log.error({ errorCode: error.code }, 'request failed');
    void reply
      .code(status >= 400 && status < 600 ? status : 500)
      .send({ code } satisfies ErrorBody);
  });

  app.get('/healthz', async (_req, reply) => {
    try {
      await db.query('select 1');
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  app.get('/v1/info', async () => {
    const { rows } = await db.query<{ value: string }>(
      "select value #>> '{}' as value from hub_settings where key = 'name'",
    );
    return {
      name: rows[0]?.value ?? 'Akimat Desk hub',
      version: HUB_VERSION,
      protocolVersion: SYNC_PROTOCOL_VERSION,
      database: db.kind,
    };
  });

  // The handshake of shared/sync: the protocol this hub speaks, the oldest desk it serves, its clock.
  app.get('/v1/hello', async (): Promise<HubHello> => ({
    protocol: SYNC_PROTOCOL_VERSION,
    oldestDeskProtocol: OLDEST_DESK_PROTOCOL,
    hubTimeMs: Date.now(),
  }));

  registerDeviceRoutes(app, db);
  registerSyncRoutes(app, db);

  if (options.deskDir) {
    const csp = deskContentSecurityPolicy(null);
    await app.register(fastifyStatic, { root: options.deskDir, prefix: '/', index: 'index.html' });
    app.addHook('onSend', async (_req, reply, payload) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
        reply.header('Content-Security-Policy', csp);
      }
      reply.header('X-Content-Type-Options', 'nosniff');
      return payload;
    });
  }

  return app;
}
