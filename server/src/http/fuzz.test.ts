// The fuzz of every hub endpoint (issue 8 "Fuzz"; ARCHITECTURE §4, §5). What must stay true:
// - No request, however malformed, gets a 5xx: random JSON of the right shape with wrong values,
//   wrong types, huge strings, deep nesting, broken gzip, wrong media types, truncated bodies, missing,
//   garbage, revoked and valid credentials, random methods, paths and query strings.
// - Every error body is `{ code }` and nothing else (shared/sync errorBodySchema, strict), its code
//   has words in kk and ru: never a stack, a message or an echo of what was sent.
// - No log line holds what was sent: a marker planted in query strings, headers and bodies never
//   reaches the log, and nothing is logged as an error.
// - Only requests the hub must refuse are generated (no unused enrollment code exists; every pushed
//   event is malformed or already held, so its receipt is a duplicate or a rejection), so the database
//   is the same afterwards: every table's rows and every sequence (but for when a desk last synced).
// Most requests go through fastify's inject; a smaller sample travels as raw bytes over a real socket,
// where framing itself can be broken (bad request lines, lying Content-Length, cut bodies).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { samplePath, sampleRegistrationNumber } from '../../../shared/case/testing';
import type { DirectoryEvent } from '../../../shared/directory';
import { sampleDirectoryEvent, sampleRegistration } from '../../../shared/directory/testing';
import {
  decodeBody,
  ENROLLMENT_CODE,
  errorBodySchema,
  pushReplySchema,
  SYNC_PROTOCOL_VERSION,
  type TravellingEvent,
} from '../../../shared/sync';
import { freshDatabase, type TestDatabase } from '../../test/databases';
import { LOOPBACK_HOSTS } from '../config';
import { migrate, openDatabase, readMigrations, type HubDatabase, type Queryable } from '../db';
import { loggerOptions } from '../logging';
import {
  addDistrict,
  addOffice,
  authenticateDevice,
  createEnrollmentCode,
  enrollDevice,
  revokeDevice,
} from '../registry/registry';
import { pushEvents } from '../sync/event-log';
import { buildHubApp } from './app';
import { SYNC_MEDIA_TYPE } from './sync-routes';

/** Requests through inject, and as raw bytes over a socket: at least 10,000 in all. */
const INJECT_RUNS = 8_000;
const SOCKET_RUNS = 1_200;
/** The same for the scan routes (tus uploads, downloads by hash). */
const SCAN_INJECT_RUNS = 1_500;
const SCAN_SOCKET_RUNS = 300;
const SEED = 20_260_805;

/** Planted in what is sent; must never come back in an error body nor reach the log. */
const MARKER_IIN = '771231499917';
const MARKER_NAME = 'Фаззтестова Әлия';

const JSON_TYPE = 'application/json';
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;
type Method = (typeof METHODS)[number];

/** The routes the hub serves (server/src/http/*.ts); routes found in the app are fuzzed as well. */
const KNOWN_ROUTES: readonly { method: Method; path: string }[] = [
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/v1/info' },
  { method: 'GET', path: '/v1/hello' },
  { method: 'GET', path: '/v1/device' },
  { method: 'GET', path: '/v1/reference' },
  { method: 'GET', path: '/v1/reference/calendar' },
  { method: 'GET', path: '/v1/reference/figures' },
  { method: 'GET', path: '/v1/reference/offices' },
  { method: 'GET', path: '/v1/reference/tsa' },
  { method: 'POST', path: '/v1/enroll' },
  { method: 'POST', path: '/v1/push' },
  { method: 'POST', path: '/v1/pull' },
  // The SMS outbox (server/src/http/sms-routes.ts).
  { method: 'GET', path: '/v1/sms' },
  // Scans (server/src/attachments/routes.ts): tus 1.0 uploads, downloads by hash.
  { method: 'POST', path: '/v1/attachments/uploads' },
  { method: 'HEAD', path: '/v1/attachments/uploads/:id' },
  { method: 'PATCH', path: '/v1/attachments/uploads/:id' },
  { method: 'GET', path: '/v1/attachments/:sha256' },
];

/** The scan routes, fuzzed on their own: a failure there names the channel it is on. */
const isScanRoute = (path: string): boolean => /^\/v1\/attachments(\/|$)/.test(path);

/** Whether a request path is a route's (`:name` matches one segment). */
const onRoute = (template: string, path: string): boolean =>
  new RegExp(`^${template.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}$`).test(path) &&
  !(template.includes(':') && KNOWN_ROUTES.some((r) => r.path === path));

interface FuzzRequest {
  readonly method: Method;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload?: Buffer;
}

interface Seeded {
  /** Credentials of an akimat's desk, the district department's desk and a revoked desk. */
  readonly active: string;
  readonly district: string;
  readonly revoked: string;
  readonly usedCode: string;
  readonly expiredCode: string;
  /** Events the hub holds: sent again they are duplicates, changed they are refused. */
  readonly stored: readonly TravellingEvent[];
  /** Every path the app answers on (printRoutes), the known ones included. */
  readonly routes: readonly string[];
}

// ---- the hub's state ---------------------------------------------------------------------------------

/**
 * Every table's rows (partitions included) and every sequence, as sorted JSON text; but for when each
 * desk last synced (devices.last_seen_at, 0011_device_last_seen.sql), which a push or pull with a valid
 * credential notes however its events fare.
 */
async function dumpDatabase(db: Queryable): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const tables = await db.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by 1`,
  );
  for (const { name } of tables.rows) {
    const rows = await db.query<{ row: string }>(
      `select (to_jsonb(t) - 'last_seen_at')::text as row from "${name}" t order by 1`,
    );
    out[name] = rows.rows.map((r) => r.row);
  }
  const sequences = await db.query<{ name: string; value: string | null }>(
    `select sequencename as name, last_value::text as value from pg_sequences
     where schemaname = 'public' order by 1`,
  );
  out['(sequences)'] = sequences.rows.map((s) => `${s.name}=${s.value ?? 'null'}`);
  return out;
}

/** The people of an office, as its desk registers them: the akim first, by themselves. */
function staffOf(officeId: string): TravellingEvent[] {
  const akim = `${officeId}/user-akim`;
  const registration = (id: string, counter: number, role: 'akim' | 'specialist') =>
    sampleDirectoryEvent('UserRegistered', {
      id,
      counter,
      userId: `${officeId}/user-${role}`,
      actorId: akim,
      payload: { ...sampleRegistration(role), officeId, districtId: 'AKK' },
    });
  const at = (event: DirectoryEvent): TravellingEvent => ({
    stream: 'user',
    event: { ...event, actor: { ...event.actor, officeId, districtId: 'AKK' } },
  });
  return [
    at(registration(`${officeId}-u1`, 1, 'akim')),
    at(registration(`${officeId}-u2`, 2, 'specialist')),
  ];
}

/** A case registered at `officeId` by its specialist, under the case's own number. */
function caseAt(officeId: string, caseId: string): TravellingEvent[] {
  return samplePath([['Registered', 'specialist']], {
    registrationNumber: sampleRegistrationNumber(caseId),
  }).map((e) => ({
    stream: 'case',
    event: {
      ...e,
      id: `${caseId}-${e.id}`,
      caseId,
      actor: { ...e.actor, userId: `${officeId}/user-specialist`, officeId, districtId: 'AKK' },
    },
  }));
}

async function enrolled(db: HubDatabase, officeCode: string, nowMs: number) {
  const made = await createEnrollmentCode(db, { officeCode }, 'admin', nowMs);
  if (!made.ok) throw new Error(made.reason);
  const key = { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' } as const;
  const reply = await enrollDevice(
    db,
    {
      protocol: SYNC_PROTOCOL_VERSION,
      code: made.value.code,
      devicePublicKey: key,
      deviceAgreementKey: key,
    },
    nowMs,
  );
  if (!reply.ok) throw new Error(reply.reason);
  return {
    code: made.value.code,
    credential: reply.reply.credential,
    deviceId: reply.reply.deviceId,
  };
}

/**
 * District AKK with an akimat (KZL01) and its district department, a desk of each, a revoked desk,
 * a used and an expired code (and no unused one), the akimat's staff and a case.
 */
async function seedHub(db: HubDatabase): Promise<Omit<Seeded, 'routes'>> {
  const ok = (r: { ok: boolean }) => expect(r.ok).toBe(true);
  ok(
    await addDistrict(
      db,
      { code: 'AKK', nameKk: 'Ақкөл ауданы', nameRu: 'Аккольский район' },
      'admin',
    ),
  );
  for (const [code, kind] of [
    ['KZL01', 'akimat'],
    ['AKKDEP', 'district'],
  ] as const) {
    ok(
      await addOffice(db, { districtCode: 'AKK', code, kind, nameKk: code, nameRu: code }, 'admin'),
    );
  }
  const now = Date.now();
  const active = await enrolled(db, 'KZL01', now);
  const district = await enrolled(db, 'AKKDEP', now);
  const revoked = await enrolled(db, 'KZL01', now);
  ok(await revokeDevice(db, revoked.deviceId, 'admin', now));
  // Made four days ago, valid for one hour.
  const expired = await createEnrollmentCode(
    db,
    { officeCode: 'KZL01' },
    'admin',
    now - 96 * 3_600_000,
    1,
  );
  if (!expired.ok) throw new Error(expired.reason);

  const device = await authenticateDevice(db, active.credential);
  if (!device.ok) throw new Error(device.reason);
  const seeds = [...staffOf('office-kzl01'), ...caseAt('office-kzl01', 'case-fuzz-1')];
  const receipts = await pushEvents(db, device.device, seeds, now);
  const stored = seeds.filter((_, i) => receipts[i]?.status === 'accepted');
  // The akim's own registration at least: the fuzz needs events the hub holds.
  expect(stored.length).toBeGreaterThan(0);
  return {
    active: active.credential,
    district: district.credential,
    revoked: revoked.credential,
    usedCode: active.code,
    expiredCode: expired.value.code,
    stored,
  };
}

/** The paths of the app's routes, from fastify's own route tree (a child line continues its parent). */
function routesOf(tree: string): string[] {
  const paths = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const path = stack.join('');
    if (match[3] && !path.includes('*')) paths.add(path);
  }
  return [...paths];
}

// ---- the requests ------------------------------------------------------------------------------------

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

/** A long string (1 k to 100 k repeats of a few graphemes, any script, emoji included). */
const hugeString = fc
  .tuple(
    fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }),
    fc.integer({ min: 1_000, max: 100_000 }),
  )
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 10, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: fc.constantFrom(MARKER_IIN, MARKER_NAME, -0, 1e308, -1, 2 ** 53, '') },
);

/** JSON nested `depth` deep, as text (never built as an object). */
const deepJson = fc
  .tuple(
    fc.integer({ min: 50, max: 150_000 }),
    fc.constantFrom('[', '{"a":', '{"events":['),
    fc.boolean(),
  )
  .map(([depth, open, closed]) => {
    const close = open === '[' ? ']' : open === '{"a":' ? '}' : ']}';
    return open.repeat(depth) + '1' + (closed ? close.repeat(depth) : '');
  });

/** A request's encoding of a value: JSON, or JSON broken in one of many ways. */
function bodyBytes(value: unknown, gzip: boolean): fc.Arbitrary<Buffer> {
  const text = JSON.stringify(value) ?? 'null';
  const plain = Buffer.from(text);
  const packed = gzipSync(plain);
  const right = gzip ? packed : plain;
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(right) },
    { weight: 1, arbitrary: fc.constant(gzip ? plain : packed) },
    // Truncated.
    { weight: 2, arbitrary: fc.nat(right.length).map((n) => right.subarray(0, n)) },
    // One byte changed.
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.nat(Math.max(0, right.length - 1)), fc.integer({ min: 1, max: 255 }))
        .map(([at, x]) => {
          const copy = Buffer.from(right);
          if (copy.length > 0) copy[at % copy.length] = (copy[at % copy.length] ?? 0) ^ x;
          return copy;
        }),
    },
    // Something else appended (a second gzip member, trailing garbage).
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.concat([right, b])),
    },
  );
}

/** Bodies that are not the route's at all. */
function strangeBody(bombs: readonly Buffer[]): fc.Arbitrary<Buffer | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(Buffer.alloc(0)),
    fc.uint8Array({ maxLength: 2_048 }).map((b) => Buffer.from(b)),
    fc.uint8Array({ maxLength: 512 }).map((b) => gzipSync(b)),
    deepJson.map((t) => Buffer.from(t)),
    deepJson.map((t) => gzipSync(t)),
    anyValue.map((v) => Buffer.from(JSON.stringify(v) ?? '')),
    anyValue.map((v) => gzipSync(JSON.stringify(v) ?? '')),
    ...(bombs.length > 0 ? [fc.constantFrom(...bombs)] : []),
    fc
      .constantFrom(
        '{"__proto__":{"admin":true},"protocol":1}',
        '{"constructor":{"prototype":{"x":1}},"protocol":1}',
        '{"protocol":1,"protocol":2}',
        '\uFEFF{"protocol":1}',
        'null',
        'NaN',
        `iin=${MARKER_IIN}&name=${MARKER_NAME}`,
      )
      .map((t) => Buffer.from(t)),
  );
}

const queryString = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc.constant(`?iin=${MARKER_IIN}&name=${encodeURIComponent(MARKER_NAME)}`),
  },
  {
    weight: 2,
    arbitrary: printable.map((s) => `?${encodeURIComponent(s)}=${encodeURIComponent(s)}`),
  },
  { weight: 1, arbitrary: printable.filter((s) => !/[\s#]/.test(s)).map((s) => `?${s}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '?%',
      '?a=%zz',
      '?a=%E0%A4%A',
      '?a[b]=1&a[c][d]=2',
      '?a=1&a=2',
      `?q=${'x'.repeat(8_000)}`,
    ),
  },
);

const contentType = (right: string) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant<string | undefined>(right) },
    {
      weight: 3,
      arbitrary: fc.constantFrom<string | undefined>(
        undefined,
        JSON_TYPE,
        SYNC_MEDIA_TYPE,
        `${JSON_TYPE}; charset=utf-16`,
        `${JSON_TYPE}; charset=latin1`,
        `${SYNC_MEDIA_TYPE}; charset=utf-8`,
        `${right.toUpperCase()}`,
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=----x',
        'application/octet-stream',
        'application/offset+octet-stream',
        '*/*',
        ';;;',
      ),
    },
    { weight: 1, arbitrary: printable.map((s) => s as string | undefined) },
  );

function credentialArb(seeded: Omit<Seeded, 'routes'>): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(`Bearer ${seeded.active}`, `Bearer ${seeded.district}`),
    },
    { weight: 2, arbitrary: fc.constant(`Bearer ${seeded.revoked}`) },
    { weight: 2, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{20,200}$/).map((s) => `Bearer ${s}`),
    },
    { weight: 1, arbitrary: printable },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'Bearer',
        'Bearer ',
        `bearer ${seeded.active}`,
        `Bearer  ${seeded.active}`,
        `Bearer ${seeded.active.slice(0, -1)}`,
        `Bearer ${seeded.active}x`,
        `Basic ${Buffer.from(`${MARKER_IIN}:x`).toString('base64')}`,
        `Bearer ${'A'.repeat(5_000)}`,
      ),
    },
  );
}

const hostArb = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom('127.0.0.1:8470', 'localhost:8470', '[::1]:8470', '127.0.0.1'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('evil.example', `${MARKER_IIN}.example`, '', '127.0.0.1.nip.io'),
  },
  { weight: 1, arbitrary: printable },
);

/** The usual headers, and the odd one, of a request. */
function headersArb(
  seeded: Omit<Seeded, 'routes'>,
  type: fc.Arbitrary<string | undefined>,
): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      host: hostArb,
      authorization: credentialArb(seeded),
      'content-type': type,
      'content-encoding': fc.option(
        fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-garbage'),
      ),
      origin: fc.option(fc.constantFrom('app://desk', 'https://evil.example', 'null')),
      'x-applicant': fc.option(fc.constant(MARKER_IIN)),
      accept: fc.option(fc.constantFrom('*/*', JSON_TYPE, SYNC_MEDIA_TYPE, 'text/html')),
    })
    .map((h) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(h)) if (typeof v === 'string') out[k] = v;
      return out;
    });
}

/** Every path to a leaf (and to each object or array) of a JSON value. */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  const here = prefix.length > 0 ? [[...prefix]] : [];
  if (Array.isArray(value))
    return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  }
  return here;
}

/** `value` with the member at `path` replaced by `next`, or removed when `next` is undefined. */
function withMember(value: unknown, path: readonly (string | number)[], next: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last === undefined) return copy;
  if (next === undefined) Reflect.deleteProperty(at, last);
  else at[last] = next;
  return copy;
}

/** An event the hub must refuse, or one it already holds (a duplicate). */
function eventArb(stored: readonly TravellingEvent[]): fc.Arbitrary<unknown> {
  const held = fc.constantFrom(...stored);
  return fc.oneof(
    { weight: 2, arbitrary: held },
    // One member of a held event changed or removed: the same id with other content is refused,
    // and an id is never changed into another string (that would be a new event).
    {
      weight: 6,
      arbitrary: fc
        .tuple(held, fc.nat(), fc.option(anyValue, { nil: undefined }))
        .map(([t, pick, next]) => {
          const paths = pathsOf(t.event);
          const path = paths[pick % paths.length] ?? ['id'];
          const safe =
            path.length === 1 && path[0] === 'id' && typeof next === 'string' ? [next] : next;
          return { stream: t.stream, event: withMember(t.event, path, safe) };
        }),
    },
    // A held event under another log's name.
    {
      weight: 1,
      arbitrary: fc.tuple(held, fc.constantFrom('case', 'register', 'user')).map(([t, stream]) => ({
        stream,
        event: t.event,
      })),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        stream: fc.oneof(fc.constantFrom('case', 'register', 'user'), anyValue),
        event: anyValue,
      }),
    },
    { weight: 1, arbitrary: anyValue },
  );
}

const protocolArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<unknown>(SYNC_PROTOCOL_VERSION) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      0,
      SYNC_PROTOCOL_VERSION + 1,
      -1,
      1.5,
      '1',
      null,
      2 ** 31,
      1e300,
    ),
  },
  { weight: 1, arbitrary: anyValue },
);

const jwkArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<unknown>({ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kty: fc.oneof(fc.constant('EC'), anyValue),
        crv: fc.oneof(fc.constant('P-256'), anyValue),
        x: anyValue,
        y: anyValue,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);

function enrollBody(seeded: Omit<Seeded, 'routes'>): fc.Arbitrary<Buffer | undefined> {
  const code = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<unknown>(seeded.usedCode, seeded.expiredCode) },
    // A well-formed code the hub never gave (every code it gave is used or expired).
    { weight: 3, arbitrary: fc.stringMatching(ENROLLMENT_CODE) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(
        seeded.usedCode.toLowerCase(),
        ` ${seeded.usedCode}`,
        MARKER_NAME,
      ),
    },
    { weight: 1, arbitrary: anyValue },
  );
  const value = fc.record(
    {
      protocol: protocolArb,
      code,
      devicePublicKey: jwkArb,
      deviceAgreementKey: jwkArb,
      extra: anyValue,
    },
    { requiredKeys: ['protocol', 'code', 'devicePublicKey', 'deviceAgreementKey'] },
  );
  return fc.oneof(
    { weight: 8, arbitrary: value.chain((v) => bodyBytes(v, false)) },
    {
      weight: 1,
      arbitrary: value
        .chain((v) => bodyBytes(v, false))
        .map((b) => Buffer.concat([b, Buffer.alloc(5_000, 32)])),
    },
    { weight: 2, arbitrary: strangeBody([]) },
  );
}

function pushBody(seeded: Omit<Seeded, 'routes'>, bombs: readonly Buffer[]) {
  const events = fc.oneof(
    { weight: 8, arbitrary: fc.array(eventArb(seeded.stored), { maxLength: 6 }) },
    {
      weight: 1,
      arbitrary: fc.constant<unknown>(
        Array.from({ length: 501 }, () => ({ stream: 'case', event: {} })),
      ),
    },
    { weight: 1, arbitrary: anyValue },
  );
  const value = fc.record(
    { protocol: protocolArb, events, extra: anyValue },
    { requiredKeys: ['protocol', 'events'] },
  );
  return fc.oneof(
    { weight: 8, arbitrary: value.chain((v) => bodyBytes(v, true)) },
    // A held event, deeply nested inside: the hub must not overflow its stack on a body it has
    // already unpacked.
    {
      weight: 1,
      arbitrary: deepJson.map((deep) =>
        gzipSync(
          `{"protocol":1,"events":[{"stream":"case","event":{"id":"x","payload":${deep}}}]}`,
        ),
      ),
    },
    { weight: 2, arbitrary: strangeBody(bombs) },
  );
}

const cursorArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<unknown>('') },
  { weight: 3, arbitrary: fc.stringMatching(/^\d{1,25}\.\d{1,25}$/) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      '0.0',
      '18446744073709551615.9223372036854775807',
      '18446744073709551616.1',
      '99999999999999999999.1',
      '1.9223372036854775808',
      '1.99999999999999999999',
      '-1.-1',
      `${MARKER_IIN}.1`,
      '1.',
      '.1',
    ),
  },
  { weight: 1, arbitrary: anyValue },
);

function pullBody(bombs: readonly Buffer[]) {
  const limit = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 500 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(0, 501, -1, 1.5, 1e308, '10', null) },
    { weight: 1, arbitrary: anyValue },
  );
  const value = fc.record(
    { protocol: protocolArb, cursor: cursorArb, limit, extra: anyValue },
    { requiredKeys: ['protocol', 'cursor', 'limit'] },
  );
  return fc.oneof(
    { weight: 8, arbitrary: value.chain((v) => bodyBytes(v, true)) },
    { weight: 2, arbitrary: strangeBody(bombs) },
  );
}

/** A value for a route's parameter (`:sha256`, `:id`): well-formed, or anything a path can hold. */
const paramArb = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[0-9a-f]{64}$/) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: printable.map((s) => encodeURIComponent(s)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '..',
      '%2e%2e',
      '%00',
      'A'.repeat(300),
      '0'.repeat(64),
      '%E0%A4%A',
      '',
    ),
  },
);

/** A path near `path` (its parameters filled in): itself mostly, or a variant the router must not
 * confuse with it. */
function pathArb(template: string): fc.Arbitrary<string> {
  const parts = template.split(/(:[A-Za-z0-9_]+)/);
  return fc
    .tuple(...parts.map((p) => (p.startsWith(':') ? paramArb : fc.constant(p))))
    .map((filled) => filled.join(''))
    .chain((path) => nearPath(path));
}

function nearPath(path: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(path) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        `${path}/`,
        `${path}/x`,
        `/${path}`,
        path.toUpperCase(),
        `${path}%00`,
        `${path};x`,
        `${path}/..`,
        `/v1/%2e%2e${path}`,
        `/v2${path.slice(3)}`,
        '/',
        '/v1',
        '/v1/%E0%A4%A',
        `${path}%`,
      ),
    },
    { weight: 1, arbitrary: printable.filter((s) => !/[\s#?]/.test(s)).map((s) => `/${s}`) },
  );
}

/** The base64 of a text, as tus metadata carries values. */
const b64 = (text: string) => Buffer.from(text).toString('base64');

/**
 * A tus 1.0 request the hub must refuse: an upload is created only for a scan's SHA-256 (64 lower-case
 * hex), so every creation here declares none or a malformed one; a PATCH or HEAD goes to an upload
 * that does not exist. Downloads ask for hashes the hub does not hold, with any Range.
 */
function tusArb(seeded: Omit<Seeded, 'routes'>): fc.Arbitrary<FuzzRequest> {
  const badSha = fc.oneof(
    fc.stringMatching(/^[0-9A-F]{64}$/).filter((h) => /[A-F]/.test(h)),
    fc.stringMatching(/^[0-9a-f]{1,63}$/),
    fc.stringMatching(/^[0-9a-f]{65,80}$/),
    printable,
    fc.constant(MARKER_IIN),
  );
  const tusHeaders = fc.record(
    {
      'tus-resumable': fc.oneof(
        { weight: 6, arbitrary: fc.constant('1.0.0') },
        { weight: 1, arbitrary: fc.constantFrom('0.2.2', '2.0.0', '') },
        { weight: 1, arbitrary: printable },
      ),
      'upload-length': fc.oneof(
        fc.nat({ max: 1_000_000 }).map(String),
        fc.constantFrom('0', '-1', '1.5', 'x', '99999999999999999999999', String(60 * 1024 * 1024)),
      ),
      'upload-defer-length': fc.constantFrom('1', '0', 'x'),
      'upload-metadata': fc.oneof(
        badSha.map((h) => `sha256 ${b64(h)}`),
        badSha.map((h) => `sha256 ${b64(h)},filename ${b64(MARKER_IIN)}`),
        fc.constantFrom('sha256', 'sha256 !!!', `iin ${MARKER_IIN}`, ',,,', 'sha256 ,sha256 '),
        printable,
      ),
      'upload-offset': fc.oneof(
        fc.nat({ max: 1_000_000 }).map(String),
        fc.constantFrom('-1', 'x', ''),
      ),
      'upload-concat': fc.constantFrom('partial', 'final;/v1/attachments/uploads/x', 'x'),
      'x-http-method-override': fc.constantFrom('PATCH', 'DELETE', 'GET', 'HEAD', 'POST', 'X'),
      range: fc.constantFrom(
        'bytes=0-0',
        'bytes=-1',
        'bytes=5-1',
        'bytes=0-',
        'x',
        'bytes=0-1,3-4',
      ),
    },
    { requiredKeys: [] },
  );
  const upload = fc.record({
    method: fc.oneof(
      { weight: 4, arbitrary: fc.constant<Method>('POST') },
      { weight: 1, arbitrary: fc.constantFrom<Method>('OPTIONS', 'GET', 'DELETE') },
    ),
    url: fc.tuple(pathArb('/v1/attachments/uploads'), queryString).map(([p, q]) => p + q),
    payload: fc.option(
      fc.uint8Array({ maxLength: 4_096 }).map((b) => Buffer.from(b)),
      { nil: undefined },
    ),
    type: contentType('application/offset+octet-stream'),
  });
  const piece = fc.record({
    method: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom<Method>('PATCH', 'HEAD') },
      { weight: 1, arbitrary: fc.constantFrom<Method>('DELETE', 'GET', 'POST', 'OPTIONS') },
    ),
    url: fc.tuple(pathArb('/v1/attachments/uploads/:id'), queryString).map(([p, q]) => p + q),
    payload: fc.option(
      fc.uint8Array({ maxLength: 4_096 }).map((b) => Buffer.from(b)),
      { nil: undefined },
    ),
    type: contentType('application/offset+octet-stream'),
  });
  const download = fc.record({
    method: fc.oneof(
      { weight: 4, arbitrary: fc.constant<Method>('GET') },
      { weight: 1, arbitrary: fc.constant<Method>('HEAD') },
    ),
    url: fc.tuple(pathArb('/v1/attachments/:sha256'), queryString).map(([p, q]) => p + q),
    payload: fc.constant(undefined),
    type: fc.constant(undefined),
  });
  return fc
    .tuple(
      fc.oneof(upload, piece, download),
      tusHeaders,
      headersArb(seeded, fc.constant(undefined)),
    )
    .map(([r, tus, base]): FuzzRequest => {
      const headers: Record<string, string> = { ...base, ...tus };
      if (r.type !== undefined) headers['content-type'] = r.type;
      return r.payload === undefined
        ? { method: r.method, url: r.url, headers }
        : { method: r.method, url: r.url, headers, payload: r.payload };
    });
}

/** A request for one of the hub's routes, or any route, that the hub must refuse or answer harmlessly. */
function requestArb(seeded: Seeded, part: 'sync' | 'scans'): fc.Arbitrary<FuzzRequest> {
  const routes = seeded.routes.filter((r) => isScanRoute(r) === (part === 'scans'));
  const bombs = [
    // 32 MB of zeros unpacks past the 16 MB limit from a small body; 5 MB is past the route's limit.
    gzipSync(Buffer.alloc(32 * 1024 * 1024)),
    Buffer.alloc(5 * 1024 * 1024, 0x41),
  ];
  const post = (path: string, body: fc.Arbitrary<Buffer | undefined>, type: string) =>
    fc.record({
      method: fc.oneof(
        { weight: 10, arbitrary: fc.constant<Method>('POST') },
        { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
      ),
      url: fc.tuple(pathArb(path), queryString).map(([p, q]) => p + q),
      headers: headersArb(seeded, contentType(type)),
      payload: body,
    });
  const getRoutes = KNOWN_ROUTES.filter((r) => r.method === 'GET' && !isScanRoute(r.path));
  const get = fc.record({
    method: fc.oneof(
      { weight: 10, arbitrary: fc.constant<Method>('GET') },
      { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
    ),
    url: fc
      .tuple(fc.constantFrom(...getRoutes.map((r) => r.path)).chain(pathArb), queryString)
      .map(([p, q]) => p + q),
    headers: headersArb(seeded, fc.option(contentType(JSON_TYPE), { nil: undefined })),
    payload: fc.option(strangeBody([]), { nil: undefined, freq: 5 }),
  });
  // Any route of this part the app has (and whatever comes later), any method, any body.
  const chaos = fc.record({
    method: fc.constantFrom(...METHODS),
    url: fc.tuple(fc.constantFrom(...routes).chain(pathArb), queryString).map(([p, q]) => p + q),
    headers: headersArb(seeded, contentType(JSON_TYPE)),
    payload: fc.oneof(
      strangeBody(bombs),
      enrollBody(seeded),
      pushBody(seeded, bombs),
      pullBody(bombs),
    ),
  });
  const all =
    part === 'scans'
      ? fc.oneof({ weight: 4, arbitrary: tusArb(seeded) }, { weight: 1, arbitrary: chaos })
      : fc.oneof(
          { weight: 4, arbitrary: post('/v1/enroll', enrollBody(seeded), JSON_TYPE) },
          { weight: 5, arbitrary: post('/v1/push', pushBody(seeded, bombs), SYNC_MEDIA_TYPE) },
          { weight: 4, arbitrary: post('/v1/pull', pullBody(bombs), SYNC_MEDIA_TYPE) },
          // The GET share grows with the GET routes, so each is reached over 100 times (expectReached).
          { weight: Math.ceil(getRoutes.length * 0.4), arbitrary: get },
          { weight: 3, arbitrary: chaos },
        );
  return all.map((r): FuzzRequest =>
    r.payload === undefined
      ? { method: r.method, url: r.url, headers: r.headers }
      : { ...r, payload: r.payload },
  );
}

// ---- what every answer must be ----------------------------------------------------------------------

const strictErrorBody = errorBodySchema.strict();
const ROOT = new URL('../../../', import.meta.url);

/** Whether a reason code (`ns:a.b`) has words in both kk and ru. */
const hasWords = (() => {
  const cache = new Map<string, boolean>();
  return (code: string): boolean => {
    const known = cache.get(code);
    if (known !== undefined) return known;
    const [ns, path] = code.split(':') as [string, string];
    const found = ['kk', 'ru'].every((lang) => {
      try {
        let at: unknown = JSON.parse(
          readFileSync(new URL(`locales/${lang}/${ns}.json`, ROOT), 'utf8'),
        );
        for (const key of path.split('.')) at = (at as Record<string, unknown>)[key];
        return typeof at === 'string' && at.length > 0;
      } catch {
        return false;
      }
    });
    cache.set(code, found);
    return found;
  };
})();

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Why an answer breaks the rules, or null. */
function problemOf(answer: Answer, method: string): string | null {
  if (answer.status >= 500) return `status ${answer.status}`;
  if (answer.status >= 400 && method !== 'HEAD') {
    let body: unknown;
    try {
      body = JSON.parse(answer.body.toString('utf8'));
    } catch {
      return `error body is not JSON: ${answer.body.toString('utf8').slice(0, 200)}`;
    }
    const parsed = strictErrorBody.safeParse(body);
    if (!parsed.success) return `error body is not { code }: ${JSON.stringify(body).slice(0, 200)}`;
    if (!hasWords(parsed.data.code)) return `code without words in kk and ru: ${parsed.data.code}`;
  }
  if (answer.status === 200 && answer.contentType.startsWith(SYNC_MEDIA_TYPE)) {
    const decoded = decodeBody(answer.body);
    if (!decoded.ok) return 'a sync reply that does not unpack';
    const push = pushReplySchema.safeParse(decoded.value);
    if (push.success && push.data.receipts.some((r) => r.status === 'accepted')) {
      return 'an event was accepted: the fuzz must send only events the hub refuses or holds';
    }
  }
  return null;
}

// ---- raw requests over a socket ----------------------------------------------------------------------

/** The bytes of a request as a client would send them. */
function rawBytes(r: FuzzRequest): Buffer {
  const lines = [`${r.method} ${r.url} HTTP/1.1`];
  for (const [k, v] of Object.entries(r.headers)) lines.push(`${k}: ${v}`);
  if (r.payload !== undefined) lines.push(`content-length: ${r.payload.length}`);
  lines.push('connection: close', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), r.payload ?? Buffer.alloc(0)]);
}

/** Requests only a socket can send: broken framing, methods nobody knows, bytes no client sends. */
const socketOnly = fc.oneof(
  // A body shorter than its Content-Length, the socket then half-closed.
  fc
    .tuple(
      fc.constantFrom('/v1/enroll', '/v1/push', '/v1/pull'),
      fc.integer({ min: 1, max: 10_000 }),
      fc.uint8Array({ maxLength: 200 }),
    )
    .map(([path, extra, body]) =>
      Buffer.concat([
        Buffer.from(
          `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: ${path === '/v1/enroll' ? JSON_TYPE : SYNC_MEDIA_TYPE}\r\n` +
            `content-length: ${body.length + extra}\r\nconnection: close\r\n\r\n`,
        ),
        body,
      ]),
    ),
  // Chunked bodies with lying chunk sizes.
  fc
    .tuple(
      fc.constantFrom('/v1/enroll', '/v1/push'),
      fc.constantFrom(
        '5\r\nab\r\n0\r\n\r\n',
        'zz\r\n',
        'ffffffffffffffff\r\nx\r\n0\r\n\r\n',
        '3\r\n{"a\r\n',
      ),
    )
    .map(([path, chunks]) =>
      Buffer.from(
        `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: ${JSON_TYPE}\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n${chunks}`,
      ),
    ),
  // Both Content-Length and chunked, two lengths, a header without a colon, a huge header.
  fc
    .constantFrom(
      `POST /v1/push HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 3\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n0\r\n\r\n`,
      `POST /v1/enroll HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 2\r\ncontent-length: 3\r\nconnection: close\r\n\r\n{}`,
      `GET /v1/hello HTTP/1.1\r\nhost: 127.0.0.1\r\nno colon here\r\nconnection: close\r\n\r\n`,
      `GET /v1/hello HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: ${'a'.repeat(20_000)}\r\nconnection: close\r\n\r\n`,
      `GET /v1/hello?iin=${MARKER_IIN} HTTP/1.1\r\nconnection: close\r\n\r\n`,
      `GET /v1/hello HTTP/9.9\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`,
      `GET  HTTP/1.1\r\nconnection: close\r\n\r\n`,
      `\r\n\r\n`,
    )
    .map((s) => Buffer.from(s)),
  // Methods no client knows, request targets no client sends, raw bytes.
  fc
    .tuple(
      fc.stringMatching(/^[A-Z]{1,12}$/),
      fc.constantFrom(
        '/v1/hello',
        '/v1/push',
        '*',
        'http://evil.example/v1/info',
        `/v1/info?iin=${MARKER_IIN}`,
      ),
    )
    .map(([m, target]) =>
      Buffer.from(`${m} ${target} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`),
    ),
  fc.uint8Array({ minLength: 1, maxLength: 512 }).map((b) => Buffer.from(b)),
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((b) =>
      Buffer.concat([
        Buffer.from('GET /v1/hello HTTP/1.1\r\nhost: 127.0.0.1\r\nx-raw: '),
        b,
        Buffer.from('\r\nconnection: close\r\n\r\n'),
      ]),
    ),
);

/**
 * Sends `bytes` and reads what comes back (null: the hub closed without answering). The socket is
 * half-closed only when nothing came back for a while (a cut body, bytes that are no request yet):
 * node aborts a request whose client half-closed, so a whole one is left open until answered.
 */
function sendRaw(port: number, bytes: Buffer): Promise<Answer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    const idle = setTimeout(() => socket.end(), 400);
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (c: Buffer) => {
      clearTimeout(idle);
      chunks.push(c);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(idle);
      resolve(parseRawAnswer(Buffer.concat(chunks)));
    });
    socket.write(bytes);
  });
}

function parseRawAnswer(raw: Buffer): Answer | null {
  const head = raw.indexOf('\r\n\r\n');
  if (raw.length === 0 || head === -1) return null;
  const lines = raw.subarray(0, head).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 'NaN');
  const header = (name: string) =>
    lines
      .find((l) => l.toLowerCase().startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  let body = raw.subarray(head + 4);
  if (header('transfer-encoding').toLowerCase() === 'chunked') {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const end = body.indexOf('\r\n', at);
      const size = parseInt(body.subarray(at, end).toString('latin1'), 16);
      if (end === -1 || !(size > 0)) break;
      parts.push(body.subarray(end + 2, end + 2 + size));
      at = end + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  return { status, contentType: header('content-type'), body };
}

/**
 * A URL inject can take: it reads a URL the way a browser would, so a path like `//[x` (which a
 * socket carries as it is) is sent as `/x//[x`, still no route of the hub.
 */
function injectable(url: string): string {
  const full = url.startsWith('//') ? `http://localhost${url}` : url;
  return URL.canParse(full, 'http://localhost') ? url : `/x${url}`;
}

// ---- the test ----------------------------------------------------------------------------------------

describe('fuzz of every hub endpoint on PostgreSQL', () => {
  let testDb: TestDatabase;
  let db: HubDatabase;
  let app: Awaited<ReturnType<typeof buildHubApp>>;
  let seeded: Seeded;
  let before: Record<string, string[]>;
  const logLines: string[] = [];

  beforeAll(async () => {
    testDb = await freshDatabase('postgresql');
    db = await openDatabase(testDb.config);
    await migrate(db, await readMigrations());
    const options = loggerOptions('info');
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    app = await buildHubApp({
      db,
      logger: { ...(typeof options === 'object' ? options : {}), stream: sink },
      allowedHosts: LOOPBACK_HOSTS,
      // The fuzz is one client sending thousands of requests: the limit would answer most of them.
      rateLimitPerMinute: 0,
    });
    const partial = await seedHub(db);
    await app.ready();
    seeded = { ...partial, routes: routesOf(app.printRoutes({ commonPrefix: false })) };
    before = await dumpDatabase(db);
  });

  afterAll(async () => {
    await app.close();
    await db.close();
    await testDb.dispose();
  });

  /** Requests per known route, by method and route. */
  const counts = new Map<string, number>();
  const count = (r: { method: string; url: string }) => {
    const path = r.url.split('?')[0] ?? '';
    for (const route of KNOWN_ROUTES) {
      if (route.method !== r.method || !onRoute(route.path, path)) continue;
      const key = `${route.method} ${route.path}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  };

  /** Sends `runs` requests of `arb` through inject; throws on the first answer that breaks a rule. */
  async function injectRuns(arb: fc.Arbitrary<FuzzRequest>, runs: number, seed: number) {
    const run = await fc.check(
      fc.asyncProperty(arb, async (r) => {
        count(r);
        const response = await app.inject({
          method: r.method,
          url: injectable(r.url),
          headers: r.headers,
          ...(r.payload !== undefined ? { payload: r.payload } : {}),
        });
        const answer: Answer = {
          status: response.statusCode,
          contentType: String(response.headers['content-type'] ?? ''),
          body: response.rawPayload,
        };
        const problem = problemOf(answer, r.method);
        if (problem) throw new Error(`${r.method} ${r.url.slice(0, 120)}: ${problem}`);
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    // The failing request itself may be megabytes: say where to find it, and what went wrong.
    if (run.failed) {
      throw new Error(
        `seed ${run.seed}, path ${run.counterexamplePath ?? ''}: ${String(run.errorInstance)}`,
      );
    }
  }

  /** Sends raw requests over sockets, sixteen open at a time; the answers that break a rule. */
  async function socketRuns(samples: readonly { method: string; bytes: Buffer }[]) {
    if (!app.server.listening) await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const problems: string[] = [];
    let answered = 0;
    let next = 0;
    const worker = async () => {
      for (let sample = samples[next++]; sample !== undefined; sample = samples[next++]) {
        const answer = await sendRaw(port, sample.bytes);
        if (!answer) continue;
        answered += 1;
        const problem = problemOf(answer, sample.method);
        if (problem) {
          const start = sample.bytes.toString('latin1').slice(0, 100).replace(/\r\n/g, ' | ');
          problems.push(`${start}: ${problem}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    // The hub still answers.
    const health = await sendRaw(
      port,
      Buffer.from('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n'),
    );
    expect(health?.status).toBe(200);
    return { problems, answered };
  }

  /** Each known route of a part was reached often (over 100 times), with its own method. */
  function expectReached(scans: boolean) {
    for (const route of KNOWN_ROUTES.filter((r) => isScanRoute(r.path) === scans)) {
      const key = `${route.method} ${route.path}`;
      expect(counts.get(key) ?? 0, key).toBeGreaterThan(100);
    }
  }

  test(`sync routes: ${INJECT_RUNS} requests through inject, no 5xx, error bodies { code } only`, async () => {
    // Every route of the app is among the paths the fuzz sends to.
    for (const route of KNOWN_ROUTES) expect(seeded.routes).toContain(route.path);
    await injectRuns(requestArb(seeded, 'sync'), INJECT_RUNS, SEED);
    expectReached(false);
  }, 300_000);

  test(`sync routes: ${SOCKET_RUNS} requests as raw bytes over a socket, no 5xx, error bodies { code } only`, async () => {
    const samples = fc.sample(
      fc.oneof(
        {
          weight: 3,
          arbitrary: requestArb(seeded, 'sync').map((r) => ({
            method: r.method,
            bytes: rawBytes(r),
          })),
        },
        {
          weight: 1,
          arbitrary: socketOnly.map((bytes) => ({
            method: bytes.toString('latin1').split(' ')[0] ?? '',
            bytes,
          })),
        },
      ),
      { numRuns: SOCKET_RUNS, seed: SEED + 1 },
    );
    const { problems, answered } = await socketRuns(samples);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(answered).toBeGreaterThan(SOCKET_RUNS * 0.9);
  }, 300_000);

  test(`scan routes: ${SCAN_INJECT_RUNS} requests through inject and ${SCAN_SOCKET_RUNS} over a socket, no 5xx, error bodies { code } only`, async () => {
    const samples = fc.sample(
      requestArb(seeded, 'scans').map((r) => ({ method: r.method, bytes: rawBytes(r) })),
      { numRuns: SCAN_SOCKET_RUNS, seed: SEED + 2 },
    );
    const { problems } = await socketRuns(samples);
    await injectRuns(requestArb(seeded, 'scans'), SCAN_INJECT_RUNS, SEED + 3);
    expect(problems.slice(0, 10)).toEqual([]);
    expectReached(true);
  }, 300_000);

  test('the database is unchanged, and no log line holds what was sent', async () => {
    expect(await dumpDatabase(db)).toEqual(before);
    const log = logLines.join('');
    expect(log).toContain('/v1/push');
    expect(log).not.toContain(MARKER_IIN);
    expect(log).not.toContain(MARKER_NAME);
    const errors = logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(errors.slice(0, 3)).toEqual([]);
  });
});
