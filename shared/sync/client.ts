// The desk's side of the sync protocol over HTTP: one small client over an injected `fetch`, so the
// same code runs in the desk (Chromium) and in Node (tests, the bench). What must stay true:
// - Every body goes out through encodeBody (push, pull) or plain JSON (enroll) built to a schema of
//   protocol.ts, and every reply is checked against its schema before anything reads it.
// - Nothing throws to the caller for what the network or the hub does: a failure is a value with a
//   named reason, and every reason it can carry has words in kk and ru (HUB_CLIENT_REASONS). A code
//   the hub sends that this desk has no words for is never passed on; the status decides instead.
// - The client keeps no state beyond what it was made with (the hub's address and the credential):
//   time comes in as a parameter, the cursor belongs to the caller.
import type { Bytes } from '../signing/subtle';
import {
  clockSkewed,
  enrollReplySchema,
  errorBodySchema,
  hubHelloSchema,
  protocolMismatch,
  pullReplySchema,
  pushReplySchema,
  SYNC_PROTOCOL_VERSION,
  SYNC_REASONS,
  type EnrollReply,
  type EnrollRequest,
  type HubHello,
  type PullReply,
  type PushReply,
  type TravellingEvent,
} from './protocol';
import {
  calendarReplySchema,
  figuresReplySchema,
  officesReplySchema,
  referenceVersionsSchema,
  tsaPath,
  tsaReplySchema,
  type OfficesReply,
  type ReferenceVersions,
  type TsaReply,
} from './reference';
import { decodeBody, encodeBody } from './wire';

/** The media type of a sync body, request and reply: gzip-compressed JSON (wire.ts), both ends. */
export const SYNC_MEDIA_TYPE = 'application/vnd.akimat-sync+json';

/** The part of a fetch Response the client reads (the DOM's and Node's fit it). */
export interface HubResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface HubRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Bytes;
}

/** `globalThis.fetch` fits; a desk may pass one with a timeout or a pinned connection. */
export type FetchLike = (url: string, init: HubRequest) => Promise<HubResponse>;

/** What the client itself names (the rest are the hub's own codes, passed on). */
export const HUB_CLIENT_FAILURES = [
  /** No answer at all: no link, the hub is off, the connection broke. */
  'sync:errors.offline',
  /** The hub answered with a failure of its own (5xx) or is overloaded. */
  'sync:errors.hubUnavailable',
  /** The answer is not what a hub of this protocol says (another server, a broken proxy). */
  'sync:errors.badReply',
  /** The desk has not joined a hub yet, so it has no credential to push or pull with. */
  'sync:errors.notJoined',
] as const;
export type HubClientFailure = (typeof HUB_CLIENT_FAILURES)[number];

/** The hub's own codes outside shared/sync (words in locales/{kk,ru}/hub.json). */
export const HUB_ERROR_CODES = [
  'hub:errors.notFound',
  'hub:errors.internal',
  'hub:errors.host',
  'hub:errors.rateLimited',
] as const;

/** Every reason a HubClient failure may carry: each has words in kk and ru. */
export const HUB_CLIENT_REASONS: readonly string[] = [
  ...HUB_CLIENT_FAILURES,
  ...SYNC_REASONS,
  ...HUB_ERROR_CODES,
];
const KNOWN_REASONS = new Set(HUB_CLIENT_REASONS);

export type HubResult<T> =
  | { readonly ok: true; readonly value: T }
  /** `status` is the HTTP status when the hub answered (0 when it did not). */
  | { readonly ok: false; readonly reason: string; readonly status: number };

export interface HelloResult {
  readonly hello: HubHello;
  /** The desk's clock is more than 5 minutes off the hub's: warn, keep syncing. */
  readonly clockSkewed: boolean;
}

export interface HubClient {
  /** The handshake: a protocol this desk cannot sync with is a failure with a sync:protocol.* reason. */
  hello(deskNowMs: number): Promise<HubResult<HelloResult>>;
  /** Trades a one-time code for a device credential of the code's office. */
  enroll(request: Omit<EnrollRequest, 'protocol'>): Promise<HubResult<EnrollReply>>;
  /** One batch of events (at most MAX_BATCH_EVENTS): a receipt per event. */
  push(events: readonly TravellingEvent[]): Promise<HubResult<PushReply>>;
  /** One page of events after `cursor`, within the device's scope. */
  pull(cursor: string, limit: number): Promise<HubResult<PullReply>>;
  /** The versions of the reference data in force (calendar, catalog, the scope's TSA register). */
  reference(): Promise<HubResult<ReferenceVersions>>;
  /** The hub's calendar data in force, as it travels (installCalendarData checks it in full). */
  calendar(): Promise<HubResult<Record<string, unknown>>>;
  /** The income figures installed at the hub, as they travel (installIncomeFigures checks them). */
  figures(): Promise<HubResult<Record<string, unknown>>>;
  /** The offices of the device's district, with the directory's version. */
  offices(): Promise<HubResult<OfficesReply>>;
  /** One page of the scope's TSA recipients changed after version `after`. */
  tsaRegister(after: number): Promise<HubResult<TsaReply>>;
}

export interface HubClientOptions {
  /** The hub's base address, without a trailing slash (e.g. https://hub.akkol.kz). */
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  /** The device credential from enrollment; push and pull need it. */
  readonly credential?: string;
  /** The protocol this desk speaks (tests pass another one). */
  readonly protocol?: number;
}

/** JSON replies other than sync bodies are small (hello, enroll, errors). */
const MAX_JSON_REPLY_BYTES = 64 * 1024;

const failure = (reason: string, status: number) => ({ ok: false as const, reason, status });

/** A schema of protocol.ts, as the client uses it. */
interface ReplySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/** The reason of a failed answer: the hub's own code when this desk has words for it, else by status. */
function reasonOf(status: number, body: unknown): string {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success && KNOWN_REASONS.has(parsed.data.code)) return parsed.data.code;
  if (status === 401) return 'sync:errors.unknownDevice';
  if (status === 413) return 'sync:errors.tooLarge';
  if (status === 429) return 'hub:errors.rateLimited';
  if (status >= 500) return 'sync:errors.hubUnavailable';
  return 'sync:errors.badReply';
}

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  if (bytes.length > MAX_JSON_REPLY_BYTES) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
  } catch {
    return { ok: false };
  }
}

export function createHubClient(options: HubClientOptions): HubClient {
  const protocol = options.protocol ?? SYNC_PROTOCOL_VERSION;
  const base = options.baseUrl.replace(/\/+$/, '');

  /** One exchange: the reply body (decoded by its media type) and status, or why there is none. */
  async function exchange(
    path: string,
    init: HubRequest,
  ): Promise<HubResult<{ status: number; body: unknown }>> {
    let response: HubResponse;
    let bytes: Uint8Array;
    try {
      response = await options.fetch(`${base}${path}`, init);
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch {
      // The request or the reply's body broke off: nothing is known of what the hub did.
      return failure('sync:errors.offline', 0);
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    let body: unknown = null;
    if (type === SYNC_MEDIA_TYPE) {
      const decoded = decodeBody(bytes);
      if (!decoded.ok) return failure('sync:errors.badReply', response.status);
      body = decoded.value;
    } else if (bytes.length > 0) {
      const parsed = parseJson(bytes);
      if (!parsed.ok) {
        return response.status >= 200 && response.status < 300
          ? failure('sync:errors.badReply', response.status)
          : failure(reasonOf(response.status, null), response.status);
      }
      body = parsed.value;
    }
    if (response.status < 200 || response.status >= 300) {
      return failure(reasonOf(response.status, body), response.status);
    }
    return { ok: true, value: { status: response.status, body } };
  }

  /** An exchange whose reply must fit `schema`. */
  async function call<T>(
    path: string,
    init: HubRequest,
    schema: ReplySchema<T>,
  ): Promise<HubResult<T>> {
    const answered = await exchange(path, init);
    if (!answered.ok) return answered;
    const parsed = schema.safeParse(answered.value.body);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : failure('sync:errors.badReply', answered.value.status);
  }

  function syncPost<T>(path: string, body: unknown, schema: ReplySchema<T>): Promise<HubResult<T>> {
    if (options.credential === undefined) {
      return Promise.resolve(failure('sync:errors.notJoined', 0));
    }
    return call(
      path,
      {
        method: 'POST',
        headers: {
          'content-type': SYNC_MEDIA_TYPE,
          accept: SYNC_MEDIA_TYPE,
          authorization: `Bearer ${options.credential}`,
        },
        body: new Uint8Array(encodeBody(body)),
      },
      schema,
    );
  }

  function deviceGet<T>(path: string, schema: ReplySchema<T>): Promise<HubResult<T>> {
    if (options.credential === undefined) {
      return Promise.resolve(failure('sync:errors.notJoined', 0));
    }
    return call(
      path,
      {
        method: 'GET',
        headers: {
          accept: `${SYNC_MEDIA_TYPE}, application/json`,
          authorization: `Bearer ${options.credential}`,
        },
      },
      schema,
    );
  }

  return {
    async hello(deskNowMs) {
      const answered = await call(
        '/v1/hello',
        { method: 'GET', headers: { accept: 'application/json' } },
        hubHelloSchema,
      );
      if (!answered.ok) return answered;
      const hello = answered.value;
      const mismatch = protocolMismatch(protocol, hello);
      if (mismatch) return failure(mismatch, 200);
      return {
        ok: true,
        value: { hello, clockSkewed: clockSkewed(deskNowMs, hello.hubTimeMs) },
      };
    },

    enroll(request) {
      const body = new TextEncoder().encode(JSON.stringify({ ...request, protocol }));
      return call(
        '/v1/enroll',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: new Uint8Array(body),
        },
        enrollReplySchema,
      );
    },

    push(events) {
      return syncPost('/v1/push', { protocol, events }, pushReplySchema);
    },

    pull(cursor, limit) {
      return syncPost('/v1/pull', { protocol, cursor, limit }, pullReplySchema);
    },

    reference() {
      return deviceGet('/v1/reference', referenceVersionsSchema);
    },

    calendar() {
      return deviceGet('/v1/reference/calendar', calendarReplySchema);
    },

    figures() {
      return deviceGet('/v1/reference/figures', figuresReplySchema);
    },

    offices() {
      return deviceGet('/v1/reference/offices', officesReplySchema);
    },

    tsaRegister(after) {
      return deviceGet(tsaPath(after), tsaReplySchema);
    },
  };
}
