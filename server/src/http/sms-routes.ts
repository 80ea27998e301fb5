// GET /v1/sms?after=…&limit=…: the SMS outbox for enrolled desks (shared/sync/sms), known by the same
// bearer credential as sync. What must stay true:
// - A district department's desk sees its district's messages; an akimat's desk only its own
//   office's. Nothing in the request widens that: the scope comes from the credential alone.
// - A bad query gets 400 with a code and is never echoed; the reply holds masked phones only.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorBody } from '../../../shared/sync';
import { smsOutboxQuerySchema, type SmsOutboxReply } from '../../../shared/sync/sms';
import type { HubDatabase } from '../db';
import { outboxPage } from '../sms/outbox';
import { deviceOf } from './device-routes';

export const SMS_PATH = '/v1/sms';
const DEFAULT_PAGE = 200;

const fail = (reply: FastifyReply, status: number, code: string) =>
  reply.code(status).send({ code } satisfies ErrorBody);

export function registerSmsRoutes(app: FastifyInstance, db: HubDatabase): void {
  app.get(SMS_PATH, async (request, reply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    const query = smsOutboxQuerySchema.safeParse(request.query);
    if (!query.success) return fail(reply, 400, 'sync:errors.badBody');
    const page: SmsOutboxReply = await outboxPage(
      db,
      device,
      query.data.after ?? '',
      query.data.limit ?? DEFAULT_PAGE,
    );
    return reply.header('cache-control', 'no-store').send(page);
  });
}
