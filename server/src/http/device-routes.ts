// The routes a desk uses to join the hub and to say who it is. What must stay true:
// - Every body is checked with the shared/sync schema; a bad body gets `{ code }` only, never an echo.
// - A desk of a protocol this hub does not serve is told which side must update (shared/sync
//   protocolMismatch) before its body is read any further.
// - A device is known by its bearer credential alone; a revoked one is refused at once, with a code
//   that says so.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  enrollRequestSchema,
  OLDEST_DESK_PROTOCOL,
  protocolMismatch,
  SYNC_PROTOCOL_VERSION,
  tsaQuerySchema,
  type ErrorBody,
  type OfficesReply,
  type ReferenceVersions,
  type TsaReply,
} from '../../../shared/sync';
import type { HubDatabase } from '../db';
import { CATALOG_VERSION } from '../../../shared/catalog';
import { incomeFiguresInForce, incomeFiguresVersion } from '../reference/income-figures';
import { districtOffices } from '../reference/offices';
import { calendarDataInForce } from '../reference/reference';
import { tsaRegisterPage, tsaVersionInScope } from '../reference/tsa-register';
import { authenticateDevice, enrollDevice, type Device } from '../registry/registry';
import { packBody, sendPacked } from './wire';

const HUB_PROTOCOL = { protocol: SYNC_PROTOCOL_VERSION, oldestDeskProtocol: OLDEST_DESK_PROTOCOL };
const protocolOnly = z.object({ protocol: z.number().int() });

const fail = (reply: FastifyReply, status: number, code: string) =>
  reply.code(status).send({ code } satisfies ErrorBody);

/** The device of a request's bearer credential, or null after answering 401. */
export async function deviceOf(
  db: HubDatabase,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Device | null> {
  const header = request.headers.authorization ?? '';
  const credential = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header)?.[1];
  if (credential === undefined) {
    await fail(reply, 401, 'sync:errors.unknownDevice');
    return null;
  }
  const known = await authenticateDevice(db, credential);
  if (!known.ok) {
    await fail(reply, 401, known.reason);
    return null;
  }
  return known.device;
}

/** `hubKeyPin`: the pin of the hub's TLS key, handed to a desk at enrollment (server/src/tls.ts). */
export function registerDeviceRoutes(
  app: FastifyInstance,
  db: HubDatabase,
  hubKeyPin: string,
): void {
  app.post('/v1/enroll', { bodyLimit: 4 * 1024 }, async (request, reply) => {
    const version = protocolOnly.safeParse(request.body);
    if (!version.success) return fail(reply, 400, 'sync:errors.badBody');
    const mismatch = protocolMismatch(version.data.protocol, HUB_PROTOCOL);
    if (mismatch) return fail(reply, 426, mismatch);
    const parsed = enrollRequestSchema.safeParse(request.body);
    if (!parsed.success) return fail(reply, 400, 'sync:errors.badBody');
    const result = await enrollDevice(db, parsed.data, Date.now(), hubKeyPin);
    if (!result.ok) return fail(reply, 403, result.reason);
    return result.reply;
  });

  /** The versions of the reference data in force, so a desk fetches only what is newer. */
  app.get('/v1/reference', async (request, reply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    return {
      calendarVersion: (await calendarDataInForce(db)).version,
      catalogVersion: CATALOG_VERSION,
      tsaVersion: await tsaVersionInScope(db, device),
      figuresVersion: await incomeFiguresVersion(db),
      officesVersion: (await districtOffices(db, device.districtId)).version,
    } satisfies ReferenceVersions;
  });

  /** The offices of the device's own district, so its screens name an okrug, not its code. */
  app.get('/v1/reference/offices', async (request, reply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    return (await districtOffices(db, device.districtId)) satisfies OfficesReply;
  });

  /** The income figures installed by the district (the poverty line…): none until a file is. */
  app.get('/v1/reference/figures', async (request, reply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    const figures = await incomeFiguresInForce(db);
    if (figures === null) return fail(reply, 404, 'hub:errors.notFound');
    return figures;
  });

  /** The working-day calendar in force: a correction reaches desks as data. */
  app.get('/v1/reference/calendar', async (request, reply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    return calendarDataInForce(db);
  });

  /**
   * The targeted-assistance recipients of the device's scope changed after `?after=<version>` (a
   * gzip sync body: a district's lists are large), whole quarters of whole uploads per page.
   */
  app.get('/v1/reference/tsa', async (request, reply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    const query = tsaQuerySchema.safeParse(request.query);
    if (!query.success) return fail(reply, 400, 'sync:errors.badBody');
    const page: TsaReply = await tsaRegisterPage(db, device, query.data.after);
    return sendPacked(reply, packBody(page));
  });

  /** Who this desk is to the hub: its device, office and number. */
  app.get('/v1/device', async (request, reply) => {
    const device = await deviceOf(db, request, reply);
    if (!device) return reply;
    return {
      deviceId: device.id,
      officeId: device.officeId,
      districtId: device.districtId,
      deviceNo: device.deviceNo,
    };
  });
}
