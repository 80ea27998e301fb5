// Push and pull over HTTP: gzip bodies (shared/sync wire) checked with the shared schemas, a device
// known by its credential, `{ code }` error bodies. What must stay true:
// - A body is unpacked with a limit and checked before anything is read from it; a bad one gets 400
//   with a code and is never echoed or logged.
// - A desk of a protocol this hub does not serve is told which side must update (426).
// - A push or pull notes when the desk synced (registry.ts markDeviceSeen): one statement per request,
//   run beside it, never one per event.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  OLDEST_DESK_PROTOCOL,
  protocolMismatch,
  pullRequestSchema,
  pushRequestSchema,
  SYNC_MEDIA_TYPE,
  SYNC_PROTOCOL_VERSION,
  type ErrorBody,
  type PushReply,
} from '../../../shared/sync';
import type { HubDatabase } from '../db';
import { markDeviceSeen } from '../registry/registry';
import { pullEventTexts, pushEvents } from '../sync/event-log';
import { deviceOf } from './device-routes';
import { packBody, packPullReply, sendPacked, unpackBody } from './wire';

/** The media type of a sync body, request and reply: gzip-compressed JSON (shared/sync wire). */
export { SYNC_MEDIA_TYPE };

const HUB_PROTOCOL = { protocol: SYNC_PROTOCOL_VERSION, oldestDeskProtocol: OLDEST_DESK_PROTOCOL };
const protocolOnly = z.object({ protocol: z.number().int() });

const fail = (reply: FastifyReply, status: number, code: string) =>
  reply.code(status).send({ code } satisfies ErrorBody);

/** The unpacked, version-checked body, or null after answering. */
async function readBody(request: { body: unknown }, reply: FastifyReply): Promise<unknown> {
  if (!(request.body instanceof Buffer)) {
    await fail(reply, 415, 'sync:errors.badBody');
    return null;
  }
  const decoded = unpackBody(request.body);
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
  // Sync bodies arrive gzip-compressed as they are: unpacked by ./wire unpackBody with its limit.
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
    // The desk synced (the admin's screen shows when): one statement beside the push, not in it.
    const [receipts] = await Promise.all([
      pushEvents(db, device, parsed.data.events, nowMs),
      markDeviceSeen(db, device.id, nowMs),
    ]);
    return sendPacked(reply, packBody({ receipts, hubTimeMs: nowMs } satisfies PushReply));
  });

  app.post('/v1/pull', async (request, reply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    const body = await readBody(request, reply);
    if (body === null) return reply;
    const parsed = pullRequestSchema.safeParse(body);
    if (!parsed.success) return fail(reply, 400, 'sync:errors.badBody');
    const [page] = await Promise.all([
      pullEventTexts(db, device, parsed.data.cursor, parsed.data.limit),
      markDeviceSeen(db, device.id, Date.now()),
    ]);
    if (!page.ok) return fail(reply, 400, page.reason);
    // The page's bodies go out as the database holds them (./wire packPullReply: shared/sync
    // pullReplySchema's shape, without parsing and writing each event again).
    return sendPacked(reply, packPullReply({ ...page, hubTimeMs: Date.now() }));
  });
}
