// Push and pull over HTTP: gzip bodies (shared/sync wire) checked with the shared schemas, a device
// known by its credential, `{ code }` error bodies. What must stay true:
// - A body is unpacked with a limit and checked before anything is read from it; a bad one gets 400
//   with a code and is never echoed or logged.
// - A desk of a protocol this hub does not serve is told which side must update (426).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  decodeBody,
  encodeBody,
  OLDEST_DESK_PROTOCOL,
  protocolMismatch,
  pullRequestSchema,
  pushRequestSchema,
  SYNC_PROTOCOL_VERSION,
  type ErrorBody,
  type PullReply,
  type PushReply,
} from '../../../shared/sync';
import type { HubDatabase } from '../db';
import { pullEvents, pushEvents } from '../sync/event-log';
import { deviceOf } from './device-routes';

/** The media type of a sync body, request and reply: gzip-compressed JSON (shared/sync wire). */
export const SYNC_MEDIA_TYPE = 'application/vnd.akimat-sync+json';

const HUB_PROTOCOL = { protocol: SYNC_PROTOCOL_VERSION, oldestDeskProtocol: OLDEST_DESK_PROTOCOL };
const protocolOnly = z.object({ protocol: z.number().int() });

const fail = (reply: FastifyReply, status: number, code: string) =>
  reply.code(status).send({ code } satisfies ErrorBody);

function send(reply: FastifyReply, body: PushReply | PullReply) {
  // The gzip is the media type's own (both ways), not an HTTP content-encoding that clients would
  // undo on their own: the desk unpacks with decodeBody and its limit, as the hub does.
  return reply.header('content-type', SYNC_MEDIA_TYPE).send(Buffer.from(encodeBody(body)));
}

/** The unpacked, version-checked body, or null after answering. */
async function readBody(request: { body: unknown }, reply: FastifyReply): Promise<unknown> {
  if (!(request.body instanceof Buffer)) {
    await fail(reply, 415, 'sync:errors.badBody');
    return null;
  }
  const decoded = decodeBody(request.body);
  if (!decoded.ok) {
    await fail(reply, decoded.reason === 'sync:errors.tooLarge' ? 413 : 400, decoded.reason);
    return null;
  }
  const version = protocolOnly.safeParse(decoded.value);
  if (!version.success) {
    await fail(reply, 400, 'sync:errors.badBody');
    return null;
  }
  const mismatch = protocolMismatch(version.data.protocol, HUB_PROTOCOL);
  if (mismatch) {
    await fail(reply, 426, mismatch);
    return null;
  }
  return decoded.value;
}

export function registerSyncRoutes(app: FastifyInstance, db: HubDatabase): void {
  // Sync bodies arrive gzip-compressed as they are: unpacked by decodeBody with its own limit.
  app.addContentTypeParser(
    SYNC_MEDIA_TYPE,
    { parseAs: 'buffer', bodyLimit: 4 * 1024 * 1024 },
    (_req, body, done) => {
      done(null, body);
    },
  );

  app.post('/v1/push', async (request, reply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    const body = await readBody(request, reply);
    if (body === null) return reply;
    const parsed = pushRequestSchema.safeParse(body);
    if (!parsed.success) return fail(reply, 400, 'sync:errors.badBody');
    const nowMs = Date.now();
    const receipts = await pushEvents(db, device, parsed.data.events, nowMs);
    return send(reply, { receipts, hubTimeMs: nowMs });
  });

  app.post('/v1/pull', async (request, reply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    const body = await readBody(request, reply);
    if (body === null) return reply;
    const parsed = pullRequestSchema.safeParse(body);
    if (!parsed.success) return fail(reply, 400, 'sync:errors.badBody');
    const page = await pullEvents(db, device, parsed.data.cursor, parsed.data.limit);
    if (!page.ok) return fail(reply, 400, page.reason);
    return send(reply, {
      events: page.events,
      cursor: page.cursor,
      more: page.more,
      hubTimeMs: Date.now(),
    });
  });
}
