// The district admin's calls to the hub (POST /v1/admin/*, shared/sync/admin): the registry of the
// district, a new okrug's akimat, a one-time enrollment code, a desk's revocation. What must stay
// true:
// - One request helper for every call: the desk's stored hub link and bearer credential, the person
//   acting named in the body (`actorUserId`), the body checked with the call's request schema before
//   it leaves (a body the form should have refused is a bug and throws), the reply with its reply
//   schema before it is believed.
// - Every way of not getting an answer is a value the screen names in kk and ru: not joined, offline,
//   the hub not answering, the desk refused (401: revoked or unknown), the hub's own refusal code
//   (`{ code }`, shown in its words), or a reply that is not the call's.
// - Nothing of it is kept on the desk; an enrollment code exists only in the reply that made it.
import type { z } from 'zod';
import {
  ADMIN_PATHS,
  addOfficeReplySchema,
  addOfficeRequestSchema,
  enrollmentCodeReplySchema,
  enrollmentCodeRequestSchema,
  registryReplySchema,
  registryRequestSchema,
  revokeDeviceReplySchema,
  revokeDeviceRequestSchema,
  type AddOfficeReply,
  type AddOfficeRequest,
  type EnrollmentCodeReply,
  type EnrollmentCodeRequest,
  type RegistryReply,
  type RevokeDeviceReply,
  errorBodySchema,
} from '../../../../shared/sync';

const REQUEST_TIMEOUT_MS = 30_000;

/** Why a call got no answer the screen can use; each a key in kk and ru. */
export type AdminProblem =
  | 'districtAdmin:problems.notJoined'
  | 'districtAdmin:problems.offline'
  | 'districtAdmin:problems.hubUnreachable'
  | 'districtAdmin:problems.refused'
  | 'districtAdmin:problems.badReply';

/** The hub answered with a refusal of its own: `code` is its message key (hub:admin.notAdmin…). */
export const HUB_REFUSED = 'districtAdmin:problems.hubRefused';

export type AdminFailure =
  | { readonly ok: false; readonly problem: AdminProblem }
  | { readonly ok: false; readonly problem: typeof HUB_REFUSED; readonly code: string };

export type AdminResult<T> = { readonly ok: true; readonly value: T } | AdminFailure;

/** Where and as whom the desk asks. */
export interface AdminContext {
  /** The desk's hub link (db loadHubLink): the hub's base address and the desk's credential. */
  readonly link: { readonly url: string; readonly credential: string } | null;
  readonly online: boolean;
  /** The logged-in person: the hub checks them in its own directory. */
  readonly actorUserId: string;
  readonly doFetch: typeof fetch;
}

/** POSTs `body` (the actor added) to `path` and checks the reply with `replySchema`. */
async function adminCall<T>(
  ctx: AdminContext,
  path: string,
  requestSchema: z.ZodType,
  body: Record<string, unknown>,
  replySchema: z.ZodType<T>,
): Promise<AdminResult<T>> {
  if (ctx.link === null) return { ok: false, problem: 'districtAdmin:problems.notJoined' };
  if (!ctx.online) return { ok: false, problem: 'districtAdmin:problems.offline' };
  // The form checked what was typed: a body that does not fit the protocol is the caller's bug.
  const request = requestSchema.parse({ ...body, actorUserId: ctx.actorUserId });
  let response: Response;
  try {
    response = await ctx.doFetch(new URL(path, ctx.link.url).toString(), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ctx.link.credential}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, problem: 'districtAdmin:problems.hubUnreachable' };
  }
  if (response.status === 401) return { ok: false, problem: 'districtAdmin:problems.refused' };
  if (response.status >= 500)
    return { ok: false, problem: 'districtAdmin:problems.hubUnreachable' };
  let reply: unknown;
  try {
    reply = await response.json();
  } catch {
    return { ok: false, problem: 'districtAdmin:problems.badReply' };
  }
  if (!response.ok) {
    const refusal = errorBodySchema.safeParse(reply);
    return refusal.success
      ? { ok: false, problem: HUB_REFUSED, code: refusal.data.code }
      : { ok: false, problem: 'districtAdmin:problems.badReply' };
  }
  const parsed = replySchema.safeParse(reply);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problem: 'districtAdmin:problems.badReply' };
}

/** The district's offices, desks and recent codes, as the hub's registry has them. */
export function readRegistry(ctx: AdminContext): Promise<AdminResult<RegistryReply>> {
  return adminCall(ctx, ADMIN_PATHS.registry, registryRequestSchema, {}, registryReplySchema);
}

/** Registers a new okrug's akimat in the district. */
export function addOffice(
  ctx: AdminContext,
  office: Omit<AddOfficeRequest, 'actorUserId'>,
): Promise<AdminResult<AddOfficeReply>> {
  return adminCall(
    ctx,
    ADMIN_PATHS.addOffice,
    addOfficeRequestSchema,
    office,
    addOfficeReplySchema,
  );
}

/** A one-time code that joins a desk to `officeId`; the reply is the only place it is ever shown. */
export function makeEnrollmentCode(
  ctx: AdminContext,
  request: Omit<EnrollmentCodeRequest, 'actorUserId'>,
): Promise<AdminResult<EnrollmentCodeReply>> {
  return adminCall(
    ctx,
    ADMIN_PATHS.enrollmentCode,
    enrollmentCodeRequestSchema,
    request,
    enrollmentCodeReplySchema,
  );
}

/** Revokes a desk: the hub refuses it from then on. */
export function revokeDevice(
  ctx: AdminContext,
  deviceId: string,
): Promise<AdminResult<RevokeDeviceReply>> {
  return adminCall(
    ctx,
    ADMIN_PATHS.revokeDevice,
    revokeDeviceRequestSchema,
    { deviceId },
    revokeDeviceReplySchema,
  );
}

/**
 * The message of a failure: the hub's own code when the desk has words for it (`known`), else the
 * problem's key (a refusal the desk has no words for names its code in the message's `code`).
 */
export function failureMessage(
  failure: AdminFailure,
  known: (key: string) => boolean,
): { readonly key: string; readonly code?: string } {
  if (failure.problem !== HUB_REFUSED) return { key: failure.problem };
  return known(failure.code) ? { key: failure.code } : { key: HUB_REFUSED, code: failure.code };
}
