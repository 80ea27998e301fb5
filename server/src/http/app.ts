import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { deskContentSecurityPolicy } from '../../../shared/ipc';
import {
  OLDEST_DESK_PROTOCOL,
  SYNC_PROTOCOL_VERSION,
  type ErrorBody,
  type HubHello,
} from '../../../shared/sync';
import { LOOPBACK_HOSTS } from '../config';
import type { HubDatabase } from '../db';
import { registerAttachmentRoutes } from '../attachments/routes';
import { registerUpdateRoutes } from '../updates/routes';
import { registerAdminRoutes } from './admin-routes';
import { registerDeviceRoutes } from './device-routes';
import { clientError, frameworkError } from './edges';
import { registerSmsRoutes } from './sms-routes';
import { registerSyncRoutes } from './sync-routes';

export const HUB_VERSION = '0.1.0';
/** The origin of the desk's pages inside Electron (see electron/main/navigation.ts). */
export const DESK_APP_ORIGIN = 'app://desk';

export interface HubAppOptions {
  db: HubDatabase;
  logger: FastifyServerOptions['logger'];
  /** When set, the hub also serves the built desk (browser mode of `npm start`). */
  deskDir?: string;
  /** Host names a request may name (default: loopback only). */
  allowedHosts?: readonly string[];
  /** Requests per minute per desk or address (default 1200; 0: no limit). */
  rateLimitPerMinute?: number;
  /** The hub's own certificate and key: it then speaks HTTPS only. */
  https?: { cert: Buffer; key: Buffer } | null;
  /** The pin of the hub's TLS key handed to desks at enrollment ('' on loopback). */
  hubKeyPin?: string;
  /** The largest scan a desk may upload, in bytes (default 50 MB). */
  attachmentMaxBytes?: number;
  /** The folder of the desks' update feed (HUB_UPDATES_DIR); none: no updates from this hub. */
  updatesDir?: string | null;
}

/** Our own reason keys travel as they are; anything else is described by its status alone. */
const OWN_CODE = /^(hub|sync):[A-Za-z0-9_.-]+$/;

export async function buildHubApp(options: HubAppOptions): Promise<FastifyInstance> {
  // A URL no route can take and a request node cannot parse get `{ code }` too (./edges); a request
  // without a Host reaches the host check below rather than node's bare 400.
  const edges = {
    logger: options.logger,
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
  };
  const app = options.https
    ? (Fastify({
        ...edges,
        https: { ...options.https, requireHostHeader: false },
      }) as unknown as FastifyInstance)
    : Fastify({ ...edges, http: { requireHostHeader: false } });
  const { db } = options;
  // The Electron desk loads from its own app://desk origin and calls the hub across origins.
  // Scans upload by tus (HEAD, PATCH; tus answers its own CORS) and download by Range.
  await app.register(fastifyCors, {
    origin: [DESK_APP_ORIGIN],
    methods: ['GET', 'HEAD', 'POST', 'PATCH'],
    exposedHeaders: ['Content-Range', 'Accept-Ranges', 'ETag'],
    // A preflight without its headers is answered with no CORS headers, not a text error body.
    strictPreflight: false,
  });

  // Error bodies carry a code only: never the URL (a query string may hold an IIN), a message or a
  // stack. The request log keeps the path alone (logging.ts).
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send({ code: 'hub:errors.notFound' } satisfies ErrorBody);
  });
  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    const code = OWN_CODE.test(error.code ?? '')
      ? (error.code as string)
      : status === 413
        ? 'sync:errors.tooLarge'
        : status >= 400 && status < 500
          ? 'sync:errors.badBody'
          : 'hub:errors.internal';
    if (status >= 500) request.log.error({ errorCode: error.code }, 'request failed');
    void reply
      .code(status >= 400 && status < 600 ? status : 500)
      .send({ code } satisfies ErrorBody);
  });

  // A request must name this hub by a host it answers to (no DNS rebinding, no stray proxies).
  const allowedHosts = new Set(
    (options.allowedHosts ?? LOOPBACK_HOSTS).map((h) => h.toLowerCase()),
  );
  app.addHook('onRequest', async (request, reply) => {
    if (!allowedHosts.has(request.hostname.toLowerCase())) {
      return reply.code(421).send({ code: 'hub:errors.host' } satisfies ErrorBody);
    }
    return undefined;
  });

  // Per desk (its credential) or, without one, per address. The counts live in this process: with
  // several hub processes each enforces its own share, which is what a limit against a runaway desk
  // or a scanner needs; nothing the desks rely on is kept here.
  const perMinute = options.rateLimitPerMinute ?? 1200;
  if (perMinute > 0) {
    await app.register(fastifyRateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => {
        const auth = request.headers.authorization;
        return auth
          ? `desk:${createHash('sha256').update(auth).digest('hex')}`
          : `ip:${request.ip}`;
      },
      errorResponseBuilder: (_request, context) => ({
        statusCode: context.statusCode,
        code: 'hub:errors.rateLimited',
        message: 'rate limited',
      }),
    });
  }

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

  registerDeviceRoutes(app, db, options.hubKeyPin ?? '');
  registerSyncRoutes(app, db);
  registerAdminRoutes(app, db);
  registerSmsRoutes(app, db);
  registerUpdateRoutes(app, db, options.updatesDir ?? null);
  await registerAttachmentRoutes(app, db, {
    deskOrigin: DESK_APP_ORIGIN,
    ...(options.attachmentMaxBytes === undefined ? {} : { maxBytes: options.attachmentMaxBytes }),
  });

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
