// The district admin's API over HTTP (shared/sync/admin.ts ADMIN_PATHS), served by ../registry/admin.
// What must stay true:
// - A desk is known by its bearer credential (deviceOf), the person by the hub's own directory
//   (authorizeAdmin), checked on every request before anything else is done.
// - Every body is checked with the shared schema; a bad one gets 400 `{ code }`, never an echo.
// - A refusal is 403 `{ code }` with a key of ADMIN_REFUSALS; a reply satisfies the shared schema.
// - No answer is kept by a cache: a reply may carry an enrollment code, shown once.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import {
  ADMIN_PATHS,
  addOfficeRequestSchema,
  enrollmentCodeRequestSchema,
  registryRequestSchema,
  revokeDeviceRequestSchema,
  type AddOfficeReply,
  type EnrollmentCodeReply,
  type ErrorBody,
  type RegistryReply,
  type RevokeDeviceReply,
} from '../../../shared/sync';
import type { HubDatabase } from '../db';
import {
  addAkimatOffice,
  authorizeAdmin,
  districtRegistry,
  makeEnrollmentCode,
  revokeDistrictDevice,
  type AdminActor,
  type AdminResult,
} from '../registry/admin';
import { deviceOf } from './device-routes';

/** An admin request is a few short fields (the longest: two office names of 200 signs). */
const ADMIN_BODY_LIMIT = 4 * 1024;

const fail = (reply: FastifyReply, status: number, code: string) =>
  reply.code(status).send({ code } satisfies ErrorBody);

export function registerAdminRoutes(app: FastifyInstance, db: HubDatabase): void {
  function route<Body extends { actorUserId: string }, Reply>(
    path: string,
    schema: z.ZodType<Body>,
    serve: (admin: AdminActor, body: Body, nowMs: number) => Promise<AdminResult<Reply>>,
  ): void {
    app.post(
      path,
      {
        bodyLimit: ADMIN_BODY_LIMIT,
        // Every answer of these routes, a refusal and a framework's error included.
        onSend: async (_request, reply, payload) => {
          void reply.header('cache-control', 'no-store');
          return payload;
        },
      },
      async (request, reply) => {
        const device = await deviceOf(db, request, reply);
        if (!device) return reply;
        const parsed = schema.safeParse(request.body);
        if (!parsed.success) return fail(reply, 400, 'sync:errors.badBody');
        const admin = await authorizeAdmin(db, device, parsed.data.actorUserId);
        if (!admin.ok) return fail(reply, 403, admin.reason);
        const served = await serve(admin.value, parsed.data, Date.now());
        if (!served.ok) return fail(reply, 403, served.reason);
        return served.value;
      },
    );
  }

  route(
    ADMIN_PATHS.registry,
    registryRequestSchema,
    async (admin, _body, nowMs): Promise<AdminResult<RegistryReply>> => ({
      ok: true,
      value: await districtRegistry(db, admin.device, nowMs),
    }),
  );
  route(
    ADMIN_PATHS.addOffice,
    addOfficeRequestSchema,
    (admin, body): Promise<AdminResult<AddOfficeReply>> => addAkimatOffice(db, admin, body),
  );
  route(
    ADMIN_PATHS.enrollmentCode,
    enrollmentCodeRequestSchema,
    (admin, body, nowMs): Promise<AdminResult<EnrollmentCodeReply>> =>
      makeEnrollmentCode(db, admin, body, nowMs),
  );
  route(
    ADMIN_PATHS.revokeDevice,
    revokeDeviceRequestSchema,
    (admin, body, nowMs): Promise<AdminResult<RevokeDeviceReply>> =>
      revokeDistrictDevice(db, admin, body, nowMs),
  );
}
