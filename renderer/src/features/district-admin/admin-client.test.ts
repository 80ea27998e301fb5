// The admin calls against a real HTTP server on 127.0.0.1 (node:http), spoken to with the real fetch:
// what the desk sends (path, credential, the actor, the body) and every way of failing as its value.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ADMIN_PATHS, type RegistryReply } from '../../../../shared/sync';
import {
  addOffice,
  failureMessage,
  HUB_REFUSED,
  makeEnrollmentCode,
  readRegistry,
  revokeDevice,
  type AdminContext,
} from './admin-client';

const CREDENTIAL = 'c'.repeat(40);

const REGISTRY: RegistryReply = {
  districtId: 'AKK',
  thisDeviceId: 'dev-district-1',
  offices: [
    {
      id: 'office-akk00',
      code: 'AKK00',
      kind: 'district',
      nameKk: 'Аудандық бөлім',
      nameRu: 'Районный отдел',
      createdAtMs: 1_700_000_000_000,
    },
  ],
  devices: [
    {
      id: 'dev-district-1',
      officeId: 'office-akk00',
      deviceNo: 1,
      enrolledAtMs: 1_700_000_100_000,
      revokedAtMs: null,
      lastSeenAtMs: null,
    },
  ],
  codes: [],
};

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly auth: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/** What the hub answers next: a status and a body (a string is sent as it is, not as JSON). */
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const seen: Seen[] = [];
let server: Server;
let hubUrl = '';

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => resolve(text));
  });

beforeAll(async () => {
  server = createServer((request, response) => {
    void readBody(request).then((text) => {
      seen.push({
        method: request.method ?? '',
        path: request.url ?? '',
        auth: request.headers.authorization,
        contentType: request.headers['content-type'],
        body: text === '' ? null : (JSON.parse(text) as unknown),
      });
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen.length = 0;
  answer = { status: 200, body: {} };
});

const ctx = (over: Partial<AdminContext> = {}): AdminContext => ({
  link: { url: hubUrl, credential: CREDENTIAL },
  online: true,
  actorUserId: 'user-head',
  doFetch: (input, init) => fetch(input, init),
  ...over,
});

describe('the district admin’s calls', () => {
  test('the registry: POSTed with the desk’s credential and the acting person, reply checked', async () => {
    answer = { status: 200, body: REGISTRY };
    expect(await readRegistry(ctx())).toEqual({ ok: true, value: REGISTRY });
    expect(seen).toEqual([
      {
        method: 'POST',
        path: ADMIN_PATHS.registry,
        auth: `Bearer ${CREDENTIAL}`,
        contentType: 'application/json',
        body: { actorUserId: 'user-head' },
      },
    ]);
  });

  test('a new office, a code and a revocation send their fields and the actor', async () => {
    answer = { status: 200, body: { officeId: 'office-akk03' } };
    const office = { code: 'AKK03', nameKk: 'Қарағаш ауылдық округі', nameRu: 'Карагашский с.о.' };
    expect(await addOffice(ctx(), office)).toEqual({
      ok: true,
      value: { officeId: 'office-akk03' },
    });
    answer = {
      status: 200,
      body: {
        code: 'ABCD-EFGH-JKLM-NPQR',
        officeId: 'office-akk03',
        expiresAtMs: 1_700_259_200_000,
      },
    };
    const code = await makeEnrollmentCode(ctx(), { officeId: 'office-akk03', hours: 24 });
    expect(code.ok && code.value.code).toBe('ABCD-EFGH-JKLM-NPQR');
    answer = { status: 200, body: { deviceId: 'dev-7' } };
    expect(await revokeDevice(ctx(), 'dev-7')).toEqual({ ok: true, value: { deviceId: 'dev-7' } });
    expect(seen.map((s) => [s.path, s.body])).toEqual([
      [ADMIN_PATHS.addOffice, { ...office, actorUserId: 'user-head' }],
      [
        ADMIN_PATHS.enrollmentCode,
        { officeId: 'office-akk03', hours: 24, actorUserId: 'user-head' },
      ],
      [ADMIN_PATHS.revokeDevice, { deviceId: 'dev-7', actorUserId: 'user-head' }],
    ]);
  });

  test('not joined, or offline: said so, nothing asked', async () => {
    expect(await readRegistry(ctx({ link: null }))).toEqual({
      ok: false,
      problem: 'districtAdmin:problems.notJoined',
    });
    expect(await revokeDevice(ctx({ online: false }), 'dev-7')).toEqual({
      ok: false,
      problem: 'districtAdmin:problems.offline',
    });
    expect(seen).toEqual([]);
  });

  test('no hub at the address: unreachable', async () => {
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const link = { url: `http://127.0.0.1:${port}`, credential: CREDENTIAL };
    expect(await readRegistry(ctx({ link }))).toEqual({
      ok: false,
      problem: 'districtAdmin:problems.hubUnreachable',
    });
  });

  test('a revoked or unknown desk (401): refused, whatever code comes with it', async () => {
    answer = { status: 401, body: { code: 'sync:errors.deviceRevoked' } };
    expect(await readRegistry(ctx())).toEqual({
      ok: false,
      problem: 'districtAdmin:problems.refused',
    });
  });

  test('the hub’s own refusal (403, 400, 429): its code, to be shown in its words', async () => {
    answer = { status: 403, body: { code: 'hub:admin.notAdmin' } };
    expect(await readRegistry(ctx())).toEqual({
      ok: false,
      problem: HUB_REFUSED,
      code: 'hub:admin.notAdmin',
    });
    answer = { status: 403, body: { code: 'hub:registry.officeExists' } };
    expect(await addOffice(ctx(), { code: 'AKK01', nameKk: 'А', nameRu: 'А' })).toEqual({
      ok: false,
      problem: HUB_REFUSED,
      code: 'hub:registry.officeExists',
    });
    answer = { status: 400, body: { code: 'sync:errors.badBody' } };
    expect(await revokeDevice(ctx(), 'dev-7')).toEqual({
      ok: false,
      problem: HUB_REFUSED,
      code: 'sync:errors.badBody',
    });
    answer = { status: 429, body: { code: 'hub:errors.rateLimited' } };
    expect(await readRegistry(ctx())).toMatchObject({ code: 'hub:errors.rateLimited' });
  });

  test('a hub failure (5xx): unreachable; a reply that is not the call’s: bad reply', async () => {
    answer = { status: 503, body: { code: 'hub:errors.internal' } };
    expect(await readRegistry(ctx())).toEqual({
      ok: false,
      problem: 'districtAdmin:problems.hubUnreachable',
    });
    for (const bad of [
      { status: 200, body: { ...REGISTRY, thisDeviceId: '' } },
      { status: 200, body: 'not json' },
      { status: 403, body: { reason: 'no code' } },
      { status: 404, body: '<html>' },
    ]) {
      answer = bad;
      expect(await readRegistry(ctx()), JSON.stringify(bad)).toEqual({
        ok: false,
        problem: 'districtAdmin:problems.badReply',
      });
    }
    // A code that is not an enrollment code is not believed either.
    answer = { status: 200, body: { code: 'abc', officeId: 'office-akk03', expiresAtMs: 1 } };
    expect(await makeEnrollmentCode(ctx(), { officeId: 'office-akk03' })).toEqual({
      ok: false,
      problem: 'districtAdmin:problems.badReply',
    });
  });

  test('a body the form should have refused is a bug: thrown, nothing sent', async () => {
    await expect(
      makeEnrollmentCode(ctx(), { officeId: 'office-akk03', hours: 0 }),
    ).rejects.toThrow();
    await expect(readRegistry(ctx({ actorUserId: '' }))).rejects.toThrow();
    expect(seen).toEqual([]);
  });
});

describe('a failure’s message', () => {
  const known = (key: string) => key === 'hub:admin.notAdmin';
  test('the desk’s own problems by their key', () => {
    expect(failureMessage({ ok: false, problem: 'districtAdmin:problems.offline' }, known)).toEqual(
      { key: 'districtAdmin:problems.offline' },
    );
  });
  test('the hub’s code in its words when the desk has them, else named in a general message', () => {
    expect(
      failureMessage({ ok: false, problem: HUB_REFUSED, code: 'hub:admin.notAdmin' }, known),
    ).toEqual({ key: 'hub:admin.notAdmin' });
    expect(
      failureMessage({ ok: false, problem: HUB_REFUSED, code: 'hub:admin.somethingNew' }, known),
    ).toEqual({ key: HUB_REFUSED, code: 'hub:admin.somethingNew' });
  });
});
