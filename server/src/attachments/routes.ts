// Scans over HTTP: tus 1.0 uploads (@tus/server over PostgreSQL) and downloads by hash with Range.
// What must stay true:
// - Only an enrolled, non-revoked desk uploads or downloads: its bearer credential is checked before
//   tus sees the request (401 with the code that says why).
// - An upload is continued only by the desk that created it; another desk is told it does not exist.
// - The hash, the district and the desk of an upload are set here, never taken from what a desk
//   sends beyond the declared `sha256`; no file name is kept.
// - A scan is accepted before or after the events that name it: the channel never waits on events,
//   and events never wait on scans. Who may fetch it is decided when it is fetched.
// - Error bodies are `{ code }` only, tus' own included.
import { Readable } from 'node:stream';
import { Server as TusServer } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ATTACHMENT_UPLOADS_PATH,
  DEFAULT_ATTACHMENT_MAX_BYTES,
  SHA256_HEX,
} from '../../../shared/sync/attachments';
import type { ErrorBody } from '../../../shared/sync';
import type { HubDatabase } from '../db';
import { deviceOf } from '../http/device-routes';
import type { Device } from '../registry/registry';
import { byteRangeOf, readAttachmentBytes, visibleAttachment } from './attachments';
import { PostgresUploadStore, refusal, type TusRefusal } from './upload-store';

/** How often unfinished uploads past their expiry are swept. */
const UPLOAD_SWEEP_MS = 60 * 60 * 1000;

export interface AttachmentRouteOptions {
  /** The largest scan taken, in bytes (HUB_ATTACHMENT_MAX_MB; default 50 MB). */
  maxBytes?: number;
  /** The origin allowed to read tus' answers across origins (the desk's app://desk). */
  deskOrigin: string;
}

/** The code of a tus error: ours as they are, tus' own by status. */
function tusErrorBody(error: Error | TusRefusal): TusRefusal {
  const status =
    'status_code' in error && typeof error.status_code === 'number' ? error.status_code : 500;
  const body = 'body' in error && typeof error.body === 'string' ? error.body : '';
  if (body.startsWith('{"code":')) return { status_code: status, body };
  // tus extensions this hub does not offer (concatenation, deferred length): a request it refuses,
  // not a failure of the hub.
  if (status === 501) return refusal(400, 'sync:errors.badBody');
  const code =
    status === 404 || status === 410
      ? 'sync:attachments.notFound'
      : status === 413
        ? 'sync:attachments.tooLarge'
        : status === 409 || status === 423
          ? 'sync:attachments.interrupted'
          : status >= 400 && status < 500
            ? 'sync:errors.badBody'
            : 'hub:errors.internal';
  return refusal(status, code);
}

type TusWrite = TusServer['write'];

/**
 * tus answers some refusals itself, before any hook (a missing Tus-Resumable header, a malformed
 * Upload-Offset): as plain text. Every answer of 400 and above leaves as `{ code }` instead, like
 * every other answer of the hub.
 */
class HubTusServer extends TusServer {
  override write(
    ...[context, headers, status, body = '']: Parameters<TusWrite>
  ): ReturnType<TusWrite> {
    if (status < 400 || body.startsWith('{"code":'))
      return super.write(context, headers, status, body);
    const mapped = tusErrorBody({ status_code: status, body });
    headers.set('Content-Type', 'application/json; charset=utf-8');
    return super.write(context, headers, mapped.status_code, mapped.body);
  }
}

export async function registerAttachmentRoutes(
  app: FastifyInstance,
  db: HubDatabase,
  options: AttachmentRouteOptions,
): Promise<void> {
  const store = new PostgresUploadStore(db);
  // Unfinished uploads past their expiry are swept every hour, in whichever hub process runs it.
  const sweep = setInterval(() => {
    store.deleteExpired().then(
      (expired) => {
        if (expired > 0) app.log.info({ expired }, 'unfinished uploads expired');
      },
      (error: unknown) => app.log.error({ err: error }, 'sweeping expired uploads failed'),
    );
  }, UPLOAD_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
  });
  // The desk of each request tus handles, by its raw request (set after the credential is checked).
  const devices = new WeakMap<object, Device>();
  const deviceFor = (req: { runtime?: { node?: { req?: object } } }): Device => {
    const raw = req.runtime?.node?.req;
    const device = raw ? devices.get(raw) : undefined;
    if (!device) throw refusal(401, 'sync:errors.unknownDevice');
    return device;
  };

  const tus = new HubTusServer({
    path: ATTACHMENT_UPLOADS_PATH,
    datastore: store,
    maxSize: options.maxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES,
    // Relative, so a desk behind a TLS-terminating proxy follows it on the address it used.
    relativeLocation: true,
    allowedOrigins: [options.deskOrigin],
    // The in-process locker only spares one process from racing itself on an upload; between
    // processes the offset is checked in the database (upload-store append).
    onUploadCreate: async (req, upload) => {
      const device = deviceFor(req);
      const sha256 = upload.metadata?.['sha256'] ?? '';
      if (!SHA256_HEX.test(sha256)) throw refusal(400, 'sync:errors.badBody');
      return { metadata: { sha256, districtId: device.districtId, deviceId: device.id } };
    },
    onIncomingRequest: async (req, id) => {
      const device = deviceFor(req);
      if (req.method === 'POST') return;
      // Another desk's upload does not exist for this one.
      if ((await store.ownerOf(id)) !== device.id) throw refusal(404, 'sync:attachments.notFound');
    },
    onResponseError: (_req, error) => tusErrorBody(error),
  });

  const fail = (reply: FastifyReply, status: number, code: string) =>
    reply.code(status).send({ code } satisfies ErrorBody);

  const handleTus = async (request: FastifyRequest, reply: FastifyReply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    devices.set(request.raw, device);
    reply.hijack();
    try {
      await tus.handle(request.raw, reply.raw);
    } catch {
      request.log.error('upload failed');
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify({ code: 'hub:errors.internal' } satisfies ErrorBody));
      } else {
        reply.raw.destroy();
      }
    }
    return reply;
  };

  await app.register(async (scope) => {
    // tus reads PATCH bodies itself, as a stream: leave them unread here.
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => {
      done(null);
    });
    scope.post(ATTACHMENT_UPLOADS_PATH, handleTus);
    scope.route({
      method: ['HEAD', 'PATCH'],
      url: `${ATTACHMENT_UPLOADS_PATH}/:id`,
      handler: handleTus,
    });

    scope.get<{ Params: { sha256: string } }>('/v1/attachments/:sha256', async (request, reply) => {
      const device = await deviceOf(db, request, reply);
      if (!device) return reply;
      const sha256 = request.params.sha256;
      const found = SHA256_HEX.test(sha256) ? await visibleAttachment(db, device, sha256) : null;
      if (found === null) return fail(reply, 404, 'sync:attachments.notFound');
      const range = byteRangeOf(request.headers.range, found.size);
      void reply
        .header('accept-ranges', 'bytes')
        .header('etag', `"${sha256}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff');
      if (range.kind === 'unsatisfiable') {
        return reply
          .code(416)
          .header('content-range', `bytes */${found.size}`)
          .send({ code: 'sync:errors.badBody' } satisfies ErrorBody);
      }
      const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, found.size - 1];
      if (range.kind === 'part') {
        void reply.code(206).header('content-range', `bytes ${start}-${end}/${found.size}`);
      }
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', String(end - start + 1))
        .send(Readable.from(readAttachmentBytes(db, found.uploadId, start, end)));
    });
  });
}
