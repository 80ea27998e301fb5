// GET /v1/updates/<file>: the electron-updater feed (./feed.ts) for enrolled desks only, known by the
// same bearer credential as sync; a revoked desk gets nothing. Over the hub's TLS link, whose key the
// Electron desk pins (electron/main/pinning.ts, also on electron-updater's own session).
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorBody } from '../../../shared/sync';
import { byteRangeOf } from '../attachments/attachments';
import type { HubDatabase } from '../db';
import { deviceOf } from '../http/device-routes';
import { createUpdateFeed } from './feed';

export const UPDATES_PATH = '/v1/updates';

const fail = (reply: FastifyReply, status: number, code: string) =>
  reply.code(status).send({ code } satisfies ErrorBody);

/** `dir`: HUB_UPDATES_DIR, or null when this hub hands out no updates. */
export function registerUpdateRoutes(
  app: FastifyInstance,
  db: HubDatabase,
  dir: string | null,
): void {
  const feed = dir === null ? null : createUpdateFeed(dir);
  app.get<{ Params: { name: string } }>(`${UPDATES_PATH}/:name`, async (request, reply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    if (feed === null) return fail(reply, 404, 'hub:updates.none');
    const answer = await feed.lookup(request.params.name);
    switch (answer.kind) {
      case 'notFound':
        return fail(reply, 404, 'hub:updates.none');
      case 'mismatch':
        // For the district admin: the folder holds a channel file and installers that do not match.
        request.log.error({ file: answer.file, why: answer.why }, 'update feed refused');
        return fail(reply, 409, 'hub:updates.mismatch');
      case 'channel':
        return reply
          .header('content-type', 'text/yaml; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(answer.text);
      case 'file': {
        const range = byteRangeOf(request.headers.range, answer.size);
        void reply
          .header('accept-ranges', 'bytes')
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-type', 'application/octet-stream');
        if (range.kind === 'unsatisfiable') {
          return reply
            .code(416)
            .header('content-range', `bytes */${answer.size}`)
            .send({ code: 'sync:errors.badBody' } satisfies ErrorBody);
        }
        const [start, end] =
          range.kind === 'part' ? [range.start, range.end] : [0, answer.size - 1];
        if (range.kind === 'part') {
          void reply.code(206).header('content-range', `bytes ${start}-${end}/${answer.size}`);
        }
        return reply
          .header('content-length', String(Math.max(0, end - start + 1)))
          .send(answer.size === 0 ? '' : createReadStream(answer.path, { start, end }));
      }
    }
  });
}
