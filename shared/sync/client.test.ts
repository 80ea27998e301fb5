import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  createHubClient,
  HUB_CLIENT_REASONS,
  SYNC_MEDIA_TYPE,
  type FetchLike,
  type HubRequest,
  type HubResponse,
} from './client';
import {
  CLOCK_SKEW_WARNING_MS,
  pullRequestSchema,
  pushRequestSchema,
  SYNC_PROTOCOL_VERSION,
  type EnrollReply,
  type PullReply,
  type PushReply,
} from './protocol';
import { decodeBody, encodeBody } from './wire';

const HUB = 'http://127.0.0.1:7300';
const NOW = Date.UTC(2026, 2, 2, 5);
const CREDENTIAL = 'c'.repeat(43);

interface Seen {
  url: string;
  init: HubRequest;
}

function response(status: number, type: string | null, bytes: Uint8Array): HubResponse {
  return {
    status,
    headers: { get: (name) => (name.toLowerCase() === 'content-type' ? type : null) },
    arrayBuffer: () => Promise.resolve(new Uint8Array(bytes).buffer),
  };
}

const json = (status: number, value: unknown) =>
  response(
    status,
    'application/json; charset=utf-8',
    new TextEncoder().encode(JSON.stringify(value)),
  );
const gzip = (status: number, value: unknown) =>
  response(status, SYNC_MEDIA_TYPE, encodeBody(value));

/** A fetch that answers every request with `answer` and remembers what it was asked. */
function fakeFetch(answer: (request: Seen) => HubResponse | Promise<HubResponse>) {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (url, init) => {
    const request = { url, init };
    seen.push(request);
    return answer(request);
  };
  return { fetch, seen };
}

/** The body a push or pull sent, as the hub reads it. */
function sentBody(request: Seen | undefined): unknown {
  if (!request?.init.body) throw new Error('no body sent');
  const decoded = decodeBody(request.init.body);
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.value;
}

const hello = (hubTimeMs = NOW, protocol = SYNC_PROTOCOL_VERSION, oldestDeskProtocol = 1) =>
  json(200, { protocol, oldestDeskProtocol, hubTimeMs });

describe('hello', () => {
  test('says the hub speaks this protocol; a clock more than 5 minutes off warns', async () => {
    const near = fakeFetch(() => hello(NOW + CLOCK_SKEW_WARNING_MS));
    const client = createHubClient({ baseUrl: `${HUB}/`, fetch: near.fetch });
    expect(await client.hello(NOW)).toEqual({
      ok: true,
      value: {
        hello: { protocol: SYNC_PROTOCOL_VERSION, oldestDeskProtocol: 1, hubTimeMs: NOW + 300_000 },
        clockSkewed: false,
      },
    });
    // The trailing slash of the address is not doubled.
    expect(near.seen[0]?.url).toBe(`${HUB}/v1/hello`);
    const far = createHubClient({
      baseUrl: HUB,
      fetch: fakeFetch(() => hello(NOW - CLOCK_SKEW_WARNING_MS - 1)).fetch,
    });
    const skewed = await far.hello(NOW);
    expect(skewed.ok && skewed.value.clockSkewed).toBe(true);
  });

  test('a hub of another protocol is named, never a crash: update the desk, or the hub is older', async () => {
    const newerHub = createHubClient({
      baseUrl: HUB,
      fetch: fakeFetch(() => hello(NOW, 3, 2)).fetch,
      protocol: 1,
    });
    expect(await newerHub.hello(NOW)).toEqual({
      ok: false,
      reason: 'sync:protocol.updateDesk',
      status: 200,
    });
    const olderHub = createHubClient({
      baseUrl: HUB,
      fetch: fakeFetch(() => hello(NOW, 1, 1)).fetch,
      protocol: 2,
    });
    expect(await olderHub.hello(NOW)).toMatchObject({
      ok: false,
      reason: 'sync:protocol.hubOlder',
    });
  });
});

describe('push and pull', () => {
  const pushReply: PushReply = {
    receipts: [
      { id: 'e1', status: 'accepted', receivedAtMs: NOW },
      { id: 'e2', status: 'duplicate' },
      { id: 'e3', status: 'rejected', reason: 'sync:reject.outOfScope' },
    ],
    hubTimeMs: NOW,
  };

  test('a batch travels gzip-compressed with the credential, and the receipts come back checked', async () => {
    const { fetch, seen } = fakeFetch(() => gzip(200, pushReply));
    const client = createHubClient({ baseUrl: HUB, fetch, credential: CREDENTIAL });
    const events = [{ stream: 'case' as const, event: { id: 'e1' } }];
    expect(await client.push(events)).toEqual({ ok: true, value: pushReply });
    const [request] = seen;
    expect(request?.url).toBe(`${HUB}/v1/push`);
    expect(request?.init.method).toBe('POST');
    expect(request?.init.headers).toMatchObject({
      'content-type': SYNC_MEDIA_TYPE,
      authorization: `Bearer ${CREDENTIAL}`,
    });
    expect(pushRequestSchema.parse(sentBody(request))).toEqual({
      protocol: SYNC_PROTOCOL_VERSION,
      events,
    });
  });

  test('a pull sends the cursor as it was given and reads the page', async () => {
    const page: PullReply = {
      events: [{ stream: 'user', event: { id: 'u1' }, receivedAtMs: NOW }],
      cursor: '812.3',
      more: true,
      hubTimeMs: NOW,
    };
    const { fetch, seen } = fakeFetch(() => gzip(200, page));
    const client = createHubClient({ baseUrl: HUB, fetch, credential: CREDENTIAL });
    expect(await client.pull('811.9', 200)).toEqual({ ok: true, value: page });
    expect(pullRequestSchema.parse(sentBody(seen[0]))).toEqual({
      protocol: SYNC_PROTOCOL_VERSION,
      cursor: '811.9',
      limit: 200,
    });
  });

  test('without a credential nothing is sent: the desk has not joined', async () => {
    const { fetch, seen } = fakeFetch(() => gzip(200, pushReply));
    const client = createHubClient({ baseUrl: HUB, fetch });
    expect(await client.push([])).toEqual({
      ok: false,
      reason: 'sync:errors.notJoined',
      status: 0,
    });
    expect(await client.pull('', 10)).toMatchObject({ ok: false, reason: 'sync:errors.notJoined' });
    expect(seen).toEqual([]);
  });

  test.each([
    [
      'no link at all',
      () => Promise.reject(new TypeError('fetch failed')),
      'sync:errors.offline',
      0,
    ],
    [
      'the reply broken off midway',
      () => ({
        ...gzip(200, pushReply),
        arrayBuffer: () => Promise.reject(new Error('terminated')),
      }),
      'sync:errors.offline',
      0,
    ],
    [
      'a revoked desk',
      () => json(401, { code: 'sync:errors.deviceRevoked' }),
      'sync:errors.deviceRevoked',
      401,
    ],
    ['a 401 without a code', () => json(401, {}), 'sync:errors.unknownDevice', 401],
    [
      'a desk too old for the hub',
      () => json(426, { code: 'sync:protocol.updateDesk' }),
      'sync:protocol.updateDesk',
      426,
    ],
    [
      'the hub failing',
      () => json(500, { code: 'hub:errors.internal' }),
      'hub:errors.internal',
      500,
    ],
    [
      'a code this desk has no words for',
      () => json(503, { code: 'hub:errors.somethingNew' }),
      'sync:errors.hubUnavailable',
      503,
    ],
    [
      'a proxy page',
      () => response(502, 'text/html', new TextEncoder().encode('<html>')),
      'sync:errors.hubUnavailable',
      502,
    ],
    [
      'another server',
      () => response(404, 'text/html', new TextEncoder().encode('<html>')),
      'sync:errors.badReply',
      404,
    ],
    [
      'rate limited',
      () => json(429, { code: 'hub:errors.rateLimited' }),
      'hub:errors.rateLimited',
      429,
    ],
    ['a reply off the schema', () => gzip(200, { receipts: 'none' }), 'sync:errors.badReply', 200],
    [
      'a sync reply that is not gzip',
      () => response(200, SYNC_MEDIA_TYPE, new TextEncoder().encode('{}')),
      'sync:errors.badReply',
      200,
    ],
  ] as const)('%s: a named reason, no exception', async (_name, answer, reason, status) => {
    const client = createHubClient({
      baseUrl: HUB,
      fetch: fakeFetch(answer).fetch,
      credential: CREDENTIAL,
    });
    expect(await client.push([])).toEqual({ ok: false, reason, status });
  });
});

const jwk = (x: string) => ({ kty: 'EC' as const, crv: 'P-256' as const, x, y: `${x}-y` });

describe('enroll', () => {
  const reply: EnrollReply = {
    deviceId: 'dev-1',
    deviceNo: 3,
    officeId: 'office-kzl01',
    officeCode: 'KZL01',
    districtId: 'AKK',
    credential: CREDENTIAL,
    hubKeyPin: '',
    hubFileKeys: { agreement: jwk('CCCC'), signing: jwk('DDDD') },
  };
  const request = {
    code: 'ABCD-EFGH-JKLM-NPQR',
    devicePublicKey: jwk('AAAA'),
    deviceAgreementKey: jwk('BBBB'),
  };

  test('trades the code as plain JSON with the protocol and reads the credential', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, reply));
    const client = createHubClient({ baseUrl: HUB, fetch });
    expect(await client.enroll(request)).toEqual({ ok: true, value: reply });
    const sent = seen[0];
    expect(sent?.url).toBe(`${HUB}/v1/enroll`);
    expect(sent?.init.headers['content-type']).toBe('application/json');
    expect(JSON.parse(new TextDecoder().decode(sent?.init.body))).toEqual({
      ...request,
      protocol: SYNC_PROTOCOL_VERSION,
    });
  });

  test('a used code is said as such', async () => {
    const client = createHubClient({
      baseUrl: HUB,
      fetch: fakeFetch(() => json(403, { code: 'sync:enroll.codeUsed' })).fetch,
    });
    expect(await client.enroll(request)).toEqual({
      ok: false,
      reason: 'sync:enroll.codeUsed',
      status: 403,
    });
  });
});

describe('locales', () => {
  test.each(['kk', 'ru'])('every reason a client failure carries has words in %s', (lang) => {
    const load = (ns: string) =>
      JSON.parse(
        readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8'),
      ) as Record<string, unknown>;
    const namespaces: Record<string, Record<string, unknown>> = {
      sync: load('sync'),
      hub: load('hub'),
    };
    for (const reason of HUB_CLIENT_REASONS) {
      const [ns = '', path = ''] = reason.split(':');
      let node: unknown = namespaces[ns];
      for (const part of path.split('.'))
        node = (node as Record<string, unknown> | undefined)?.[part];
      expect(typeof node, `${lang}: ${reason}`).toBe('string');
    }
  });
});
