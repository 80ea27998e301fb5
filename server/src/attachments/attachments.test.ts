import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Upload } from 'tus-js-client';
import type { CaseEvent } from '../../../shared/case';
import { samplePath, sampleRegistrationNumber } from '../../../shared/case/testing';
import type { DirectoryEvent } from '../../../shared/directory';
import { sampleDirectoryEvent, sampleRegistration } from '../../../shared/directory/testing';
import {
  decodeBody,
  encodeBody,
  pushReplySchema,
  SYNC_PROTOCOL_VERSION,
  type TravellingEvent,
} from '../../../shared/sync';
import { ATTACHMENT_UPLOADS_PATH, attachmentPath } from '../../../shared/sync/attachments';
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { readHubConfig } from '../config';
import { startHub, type RunningHub } from '../hub';
import { SYNC_MEDIA_TYPE } from '../http/sync-routes';
import {
  addDistrict,
  addOffice,
  authenticateDevice,
  createEnrollmentCode,
  enrollDevice,
  revokeDevice,
  type Device,
} from '../registry/registry';
import {
  deleteExpiredUploads,
  PIECE_BYTES,
  storeAttachment,
  UPLOAD_EXPIRY_MS,
} from './upload-store';

interface Desk {
  credential: string;
  device: Device;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const auth = (desk: Desk) => ({ authorization: `Bearer ${desk.credential}` });
const TUS = { 'tus-resumable': '1.0.0' };

async function enrolledDesk(hub: RunningHub, officeCode: string): Promise<Desk> {
  const made = await createEnrollmentCode(hub.db, { officeCode }, 'admin', Date.now());
  if (!made.ok) throw new Error(made.reason);
  const enrolled = await enrollDevice(
    hub.db,
    {
      protocol: SYNC_PROTOCOL_VERSION,
      code: made.value.code,
      devicePublicKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
      deviceAgreementKey: { kty: 'EC', crv: 'P-256', x: 'CCCC', y: 'DDDD' },
    },
    Date.now(),
  );
  if (!enrolled.ok) throw new Error(enrolled.reason);
  const known = await authenticateDevice(hub.db, enrolled.reply.credential);
  if (!known.ok) throw new Error(known.reason);
  return { credential: enrolled.reply.credential, device: known.device };
}

/** The office's akim (registering themselves) and specialist, as its desk pushes them. */
function staffOf(officeId: string): TravellingEvent[] {
  const akim = `${officeId}/user-akim`;
  return (['akim', 'specialist'] as const).map((role, i) => {
    const event: DirectoryEvent = sampleDirectoryEvent('UserRegistered', {
      id: `${officeId}-u${i + 1}`,
      counter: i + 1,
      userId: `${officeId}/user-${role}`,
      actorId: akim,
      payload: { ...sampleRegistration(role), officeId, districtId: 'AKK' },
    });
    return {
      stream: 'user',
      event: { ...event, actor: { ...event.actor, officeId, districtId: 'AKK' } },
    };
  });
}

/** A case registered at `officeId`, under its own number, whose application carries the scan `sha256`. */
function caseWithScan(officeId: string, caseId: string, sha256: string, size: number): CaseEvent {
  const [registered] = samplePath([['Registered', 'specialist']], {
    registrationNumber: sampleRegistrationNumber(caseId),
  });
  if (registered?.type !== 'Registered') throw new Error('no registration');
  return {
    ...registered,
    id: `${caseId}-registered`,
    caseId,
    payload: {
      ...registered.payload,
      attachments: [{ sha256, name: 'өтініш.pdf', mime: 'application/pdf', size }],
    },
    actor: {
      ...registered.actor,
      userId: `${officeId}/user-specialist`,
      officeId,
      districtId: 'AKK',
    },
  };
}

/** Pushes events as the desk does; every one must be taken. */
async function push(hub: RunningHub, desk: Desk, events: TravellingEvent[]): Promise<void> {
  const response = await fetch(`${hub.url}/v1/push`, {
    method: 'POST',
    headers: { 'content-type': SYNC_MEDIA_TYPE, ...auth(desk) },
    body: Buffer.from(encodeBody({ protocol: SYNC_PROTOCOL_VERSION, events })),
  });
  expect(response.status).toBe(200);
  const decoded = decodeBody(new Uint8Array(await response.arrayBuffer()));
  const receipts = decoded.ok ? pushReplySchema.parse(decoded.value).receipts : [];
  expect(receipts).toEqual(events.map(() => expect.objectContaining({ status: 'accepted' })));
}

// ---- tus 1.0 by hand, so each step of the protocol is visible -----------------------------------

async function create(hub: RunningHub, desk: Desk, sha256: string, size: number) {
  return fetch(`${hub.url}${ATTACHMENT_UPLOADS_PATH}`, {
    method: 'POST',
    headers: {
      ...TUS,
      ...auth(desk),
      'upload-length': String(size),
      'upload-metadata': `sha256 ${Buffer.from(sha256).toString('base64')},filename ${Buffer.from('Иванов.pdf').toString('base64')}`,
    },
  });
}

async function createdUpload(hub: RunningHub, desk: Desk, sha256: string, size: number) {
  const response = await create(hub, desk, sha256, size);
  expect(response.status).toBe(201);
  const location = response.headers.get('location') ?? '';
  expect(location).toMatch(new RegExp(`^${ATTACHMENT_UPLOADS_PATH}/[0-9a-f]+$`));
  return new URL(location, hub.url).toString();
}

const patch = (url: string, desk: Desk, offset: number, bytes: Uint8Array) =>
  fetch(url, {
    method: 'PATCH',
    headers: {
      ...TUS,
      ...auth(desk),
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
    },
    body: bytes,
  });

async function offsetOf(url: string, desk: Desk): Promise<number> {
  const response = await fetch(url, { method: 'HEAD', headers: { ...TUS, ...auth(desk) } });
  expect(response.status).toBe(200);
  return Number(response.headers.get('upload-offset'));
}

/** A PATCH whose connection breaks after `sent` of its `bytes` went out. */
function cutPatch(url: string, desk: Desk, offset: number, bytes: Uint8Array, sent: number) {
  return new Promise<void>((resolve) => {
    const req = httpRequest(url, {
      method: 'PATCH',
      headers: {
        ...TUS,
        ...auth(desk),
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        'content-length': String(bytes.byteLength),
      },
    });
    req.on('error', () => resolve());
    req.on('response', () => resolve());
    req.write(bytes.subarray(0, sent), () => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
  });
}

async function uploadWhole(hub: RunningHub, desk: Desk, bytes: Uint8Array, declared?: string) {
  const url = await createdUpload(hub, desk, declared ?? sha256Hex(bytes), bytes.byteLength);
  return patch(url, desk, 0, bytes);
}

const download = (hub: RunningHub, desk: Desk, sha256: string, range?: string) =>
  fetch(`${hub.url}${attachmentPath(sha256)}`, {
    headers: { ...auth(desk), ...(range ? { range } : {}) },
  });

/** Rows of `table` that belong to the scan `sha256` (uploads, their pieces, the stored copy). */
async function rowsOf(hub: RunningHub, table: string, sha256: string): Promise<number> {
  const where =
    table === 'attachment_chunks'
      ? 'upload_id in (select id from attachment_uploads where sha256 = $1)'
      : 'sha256 = $1';
  const { rows } = await hub.db.query<{ n: number }>(
    `select count(*)::int as n from ${table} where ${where}`,
    [sha256],
  );
  return rows[0]?.n ?? -1;
}

describe.each(DATABASE_KINDS)('scans on their own channel on %s', (kind) => {
  // One hub per database kind: every test uses its own random scans and case ids.
  let testDb: TestDatabase;
  const hubs: RunningHub[] = [];
  let h: RunningHub;
  let a: Desk;
  let b: Desk;

  async function hubOn(database: TestDatabase['config']): Promise<RunningHub> {
    const started = await startHub({
      ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
      database,
    });
    hubs.push(started);
    return started;
  }

  /** District AKK, okrug akimats A (KZL01) and B (BTR02) and one desk each, staff pushed. */
  beforeAll(async () => {
    testDb = await freshDatabase(kind);
    h = await hubOn(testDb.config);
    await addDistrict(h.db, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'admin');
    for (const code of ['KZL01', 'BTR02']) {
      await addOffice(
        h.db,
        { districtCode: 'AKK', code, kind: 'akimat', nameKk: code, nameRu: code },
        'admin',
      );
    }
    a = await enrolledDesk(h, 'KZL01');
    b = await enrolledDesk(h, 'BTR02');
    for (const desk of [a, b]) await push(h, desk, staffOf(desk.device.officeId));
  });
  /** Pushes a case registered at `desk`'s office whose application carries the scan. */
  const nameScan = (desk: Desk, sha256: string, size: number) =>
    push(h, desk, [
      {
        stream: 'case',
        event: caseWithScan(desk.device.officeId, `case-${sha256.slice(0, 16)}`, sha256, size),
      },
    ]);

  afterAll(async () => {
    for (const started of hubs.splice(0)) await started.stop();
    await testDb.dispose();
  });

  test('an upload in chunks is cut midway and resumes from the offset the hub reports', async () => {
    const scan = new Uint8Array(randomBytes(3 * PIECE_BYTES + 12_345));
    const sha256 = sha256Hex(scan);
    const url = await createdUpload(h, a, sha256, scan.byteLength);
    expect(await offsetOf(url, a)).toBe(0);

    // First chunk: whole.
    const first = PIECE_BYTES + 1000;
    const r1 = await patch(url, a, 0, scan.subarray(0, first));
    expect(r1.status).toBe(204);
    expect(r1.headers.get('upload-offset')).toBe(String(first));

    // Second chunk: the connection breaks after part of it went out.
    const rest = scan.subarray(first);
    await cutPatch(url, a, first, rest, PIECE_BYTES + 500);
    const resumeAt = await offsetOf(url, a);
    expect(resumeAt).toBeGreaterThan(first);
    expect(resumeAt).toBeLessThanOrEqual(first + PIECE_BYTES + 500);

    // A PATCH from a stale offset changes nothing.
    expect((await patch(url, a, first, rest)).status).toBe(409);
    expect(await offsetOf(url, a)).toBe(resumeAt);

    // The rest from where the hub stands.
    const r3 = await patch(url, a, resumeAt, scan.subarray(resumeAt));
    expect(r3.status).toBe(204);
    expect(r3.headers.get('upload-offset')).toBe(String(scan.byteLength));
    expect(await rowsOf(h, 'attachments', sha256)).toBe(1);

    await nameScan(a, sha256, scan.byteLength);
    const whole = await download(h, a, sha256);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(Buffer.from(scan))).toBe(true);
  });

  test('an upload left unfinished past its expiry is gone (410) and swept with its pieces; a finished one stays', async () => {
    const left = new Uint8Array(randomBytes(2 * PIECE_BYTES + 10));
    const leftUrl = await createdUpload(h, a, sha256Hex(left), left.byteLength);
    expect((await patch(leftUrl, a, 0, left.subarray(0, PIECE_BYTES + 5))).status).toBe(204);
    const done = new Uint8Array(randomBytes(PIECE_BYTES + 20));
    const doneUrl = await createdUpload(h, a, sha256Hex(done), done.byteLength);
    expect((await patch(doneUrl, a, 0, done)).status).toBe(204);
    // A month and a day later, both untouched since.
    await h.db.query(
      `update attachment_uploads set created_at = now() - interval '31 days'
       where sha256 = any($1::text[])`,
      [[sha256Hex(left), sha256Hex(done)]],
    );

    const gone = await fetch(leftUrl, { method: 'HEAD', headers: { ...TUS, ...auth(a) } });
    expect(gone.status).toBe(410);
    expect(await offsetOf(doneUrl, a)).toBe(done.byteLength);
    // Not yet expired by a day more than it has: nothing goes.
    expect(await deleteExpiredUploads(h.db, UPLOAD_EXPIRY_MS + 2 * 86_400_000)).toBe(0);
    expect(await deleteExpiredUploads(h.db, UPLOAD_EXPIRY_MS)).toBe(1);
    expect(await rowsOf(h, 'attachment_uploads', sha256Hex(left))).toBe(0);
    expect(await rowsOf(h, 'attachment_chunks', sha256Hex(left))).toBe(0);
    expect(await rowsOf(h, 'attachment_uploads', sha256Hex(done))).toBe(1);
    expect(await rowsOf(h, 'attachments', sha256Hex(done))).toBe(1);

    // The desk starts the scan again, whole.
    expect((await uploadWhole(h, a, left)).status).toBe(204);
    expect(await rowsOf(h, 'attachments', sha256Hex(left))).toBe(1);
  });

  test('bytes that are not the declared scan are refused and nothing of them is kept', async () => {
    const scan = new Uint8Array(randomBytes(PIECE_BYTES + 10));
    const other = sha256Hex(new Uint8Array(randomBytes(10)));
    const response = await uploadWhole(h, a, scan, other);
    expect(response.status).toBe(460);
    expect(await response.json()).toEqual({ code: 'sync:attachments.hashMismatch' });
    for (const sha of [other, sha256Hex(scan)]) {
      expect(await rowsOf(h, 'attachment_chunks', sha)).toBe(0);
      expect(await rowsOf(h, 'attachment_uploads', sha)).toBe(0);
      expect(await rowsOf(h, 'attachments', sha)).toBe(0);
    }
  });

  test('an empty scan is checked and stored when it is created, as no byte follows', async () => {
    const empty = sha256Hex(new Uint8Array(0));
    expect((await create(h, a, empty, 0)).status).toBe(201);
    expect(await rowsOf(h, 'attachments', empty)).toBe(1);
    const wrong = sha256Hex(new Uint8Array(randomBytes(4)));
    const refused = await create(h, a, wrong, 0);
    expect(refused.status).toBe(460);
    expect(await rowsOf(h, 'attachment_uploads', wrong)).toBe(0);
  });

  test('the same scan uploaded twice, by two desks, is stored once', async () => {
    const scan = new Uint8Array(randomBytes(2 * PIECE_BYTES));
    const sha256 = sha256Hex(scan);
    expect((await uploadWhole(h, a, scan)).status).toBe(204);
    expect(await rowsOf(h, 'attachment_chunks', sha256)).toBe(2);
    expect((await uploadWhole(h, a, scan)).status).toBe(204);
    expect((await uploadWhole(h, b, scan)).status).toBe(204);
    expect(await rowsOf(h, 'attachment_uploads', sha256)).toBe(3);
    expect(await rowsOf(h, 'attachments', sha256)).toBe(1);
    expect(await rowsOf(h, 'attachment_chunks', sha256)).toBe(2);
  });

  test('a scan downloads whole or by byte range, across stored pieces', async () => {
    const scan = new Uint8Array(randomBytes(2 * PIECE_BYTES + 777));
    const sha256 = sha256Hex(scan);
    expect((await uploadWhole(h, a, scan)).status).toBe(204);
    await nameScan(a, sha256, scan.byteLength);

    const whole = await download(h, a, sha256);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await whole.arrayBuffer()).equals(Buffer.from(scan))).toBe(true);

    const from = PIECE_BYTES - 100;
    const to = PIECE_BYTES + 200;
    const part = await download(h, a, sha256, `bytes=${from}-${to}`);
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes ${from}-${to}/${scan.byteLength}`);
    expect(
      Buffer.from(await part.arrayBuffer()).equals(Buffer.from(scan.subarray(from, to + 1))),
    ).toBe(true);

    const rest = await download(h, a, sha256, `bytes=${2 * PIECE_BYTES}-`);
    expect(rest.status).toBe(206);
    expect(
      Buffer.from(await rest.arrayBuffer()).equals(Buffer.from(scan.subarray(2 * PIECE_BYTES))),
    ).toBe(true);

    const tail = await download(h, a, sha256, 'bytes=-5');
    expect(Buffer.from(await tail.arrayBuffer()).equals(Buffer.from(scan.subarray(-5)))).toBe(true);

    const beyond = await download(h, a, sha256, `bytes=${scan.byteLength}-`);
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${scan.byteLength}`);
  });

  test('a scan is taken before the events that name it and is fetched only once one does', async () => {
    const scan = new Uint8Array(randomBytes(1000));
    const sha256 = sha256Hex(scan);
    expect((await uploadWhole(h, a, scan)).status).toBe(204);
    const early = await download(h, a, sha256);
    expect(early.status).toBe(404);
    expect(await early.json()).toEqual({ code: 'sync:attachments.notFound' });
    await nameScan(a, sha256, 1000);
    expect((await download(h, a, sha256)).status).toBe(200);
  });

  test("okrug A's desk cannot fetch okrug B's scan, nor one no event names: both look absent", async () => {
    const scanB = new Uint8Array(randomBytes(500));
    const shaB = sha256Hex(scanB);
    expect((await uploadWhole(h, b, scanB)).status).toBe(204);
    await nameScan(b, shaB, 500);
    expect((await download(h, b, shaB)).status).toBe(200);

    const unnamed = new Uint8Array(randomBytes(500));
    expect((await uploadWhole(h, a, unnamed)).status).toBe(204);
    const never = sha256Hex(new Uint8Array(randomBytes(8)));
    const answers = await Promise.all(
      [shaB, sha256Hex(unnamed), never, 'not-a-hash'].map(async (sha) => {
        const r = await download(h, a, sha, 'bytes=0-10');
        return { status: r.status, body: await r.text() };
      }),
    );
    for (const answer of answers) {
      expect(answer).toEqual({
        status: 404,
        body: JSON.stringify({ code: 'sync:attachments.notFound' }),
      });
    }
  });

  test("a desk cannot see or continue another desk's upload", async () => {
    const scan = new Uint8Array(randomBytes(1000));
    const url = await createdUpload(h, a, sha256Hex(scan), scan.byteLength);
    const head = await fetch(url, { method: 'HEAD', headers: { ...TUS, ...auth(b) } });
    expect(head.status).toBe(404);
    const taken = await patch(url, b, 0, scan);
    expect(taken.status).toBe(404);
    expect(await taken.json()).toEqual({ code: 'sync:attachments.notFound' });
    expect(await offsetOf(url, a)).toBe(0);
  });

  test('a revoked desk, or none, is refused at once: no upload, no download', async () => {
    const c = await enrolledDesk(h, 'KZL01');
    const scan = new Uint8Array(randomBytes(1000));
    const sha256 = sha256Hex(scan);
    const url = await createdUpload(h, c, sha256, scan.byteLength);
    await nameScan(c, sha256, 1000);
    const revoked = await revokeDevice(h.db, c.device.id, 'admin', Date.now());
    expect(revoked.ok).toBe(true);
    for (const response of [
      await create(h, c, sha256, scan.byteLength),
      await patch(url, c, 0, scan),
      await download(h, c, sha256),
    ]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: 'sync:errors.deviceRevoked' });
    }
    const anonymous = await fetch(`${h.url}${ATTACHMENT_UPLOADS_PATH}`, {
      method: 'POST',
      headers: { ...TUS, 'upload-length': '10' },
    });
    expect(anonymous.status).toBe(401);
    expect(await rowsOf(h, 'attachment_chunks', sha256)).toBe(0);
  });

  test('a scan larger than the hub takes is refused before any byte, in words', async () => {
    const response = await create(h, a, 'b'.repeat(64), 51 * 1024 * 1024);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: 'sync:attachments.tooLarge' });
    const noHash = await fetch(`${h.url}${ATTACHMENT_UPLOADS_PATH}`, {
      method: 'POST',
      headers: { ...TUS, ...auth(a), 'upload-length': '10' },
    });
    expect(noHash.status).toBe(400);
    expect(await rowsOf(h, 'attachment_uploads', 'b'.repeat(64))).toBe(0);
  });

  test('tus-js-client from Node uploads a scan in chunks to the running hub, end to end', async () => {
    const scan = randomBytes(700_000);
    const sha256 = sha256Hex(scan);
    const progress: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const upload = new Upload(scan, {
        endpoint: `${h.url}${ATTACHMENT_UPLOADS_PATH}`,
        headers: auth(a),
        metadata: { sha256 },
        chunkSize: 256 * 1024,
        retryDelays: [],
        onChunkComplete: (_size, accepted) => progress.push(accepted),
        onSuccess: () => resolve(),
        onError: reject,
      });
      upload.start();
    });
    expect(progress).toEqual([262_144, 524_288, 700_000]);
    await nameScan(a, sha256, scan.byteLength);
    const got = await download(h, a, sha256);
    expect(Buffer.from(await got.arrayBuffer()).equals(scan)).toBe(true);
  });

  // ---- scans that came in a sync file (the hub's storeScan for importSyncFile) ------------------

  /** Keeps a scan as an import of `desk`'s sync file does: in its own transaction. */
  const storeFromFile = (desk: Desk, bytes: Uint8Array, sha256 = sha256Hex(bytes)) =>
    h.db.transaction((tx) =>
      storeAttachment(tx, desk.device.districtId, sha256, bytes, desk.device.id),
    );

  test("a scan from a sync file is kept in pieces and downloads for a desk whose scope names it, not for another okrug's", async () => {
    const scan = new Uint8Array(randomBytes(2 * PIECE_BYTES + 4321));
    const sha256 = sha256Hex(scan);
    await storeFromFile(a, scan);
    expect(await rowsOf(h, 'attachments', sha256)).toBe(1);
    expect(await rowsOf(h, 'attachment_chunks', sha256)).toBe(3);
    const { rows } = await h.db.query<{ device_id: string; upload_offset: string | number }>(
      'select device_id, upload_offset from attachment_uploads where sha256 = $1',
      [sha256],
    );
    expect(rows.map((r) => [r.device_id, Number(r.upload_offset)])).toEqual([
      [a.device.id, scan.byteLength],
    ]);

    await nameScan(a, sha256, scan.byteLength);
    const whole = await download(h, a, sha256);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(Buffer.from(scan))).toBe(true);
    const from = PIECE_BYTES - 10;
    const part = await download(h, a, sha256, `bytes=${from}-${PIECE_BYTES + 10}`);
    expect(part.status).toBe(206);
    expect(
      Buffer.from(await part.arrayBuffer()).equals(
        Buffer.from(scan.subarray(from, PIECE_BYTES + 11)),
      ),
    ).toBe(true);

    const other = await download(h, b, sha256);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ code: 'sync:attachments.notFound' });
  });

  test('a scan stored from files again, at once, or after or before an upload of it, is kept once', async () => {
    const scan = new Uint8Array(randomBytes(PIECE_BYTES + 1));
    const sha256 = sha256Hex(scan);
    // Two imports of one file at the same time, then a third.
    await Promise.all([storeFromFile(a, scan), storeFromFile(a, scan)]);
    await storeFromFile(b, scan);
    expect(await rowsOf(h, 'attachment_uploads', sha256)).toBe(1);
    expect(await rowsOf(h, 'attachment_chunks', sha256)).toBe(2);
    expect(await rowsOf(h, 'attachments', sha256)).toBe(1);
    // An upload of it afterwards is checked and its bytes dropped.
    expect((await uploadWhole(h, b, scan)).status).toBe(204);
    expect(await rowsOf(h, 'attachment_chunks', sha256)).toBe(2);
    expect(await rowsOf(h, 'attachments', sha256)).toBe(1);

    // Uploaded first, then carried in a file: the file's copy writes nothing.
    const uploaded = new Uint8Array(randomBytes(1000));
    const uploadedSha = sha256Hex(uploaded);
    expect((await uploadWhole(h, a, uploaded)).status).toBe(204);
    await storeFromFile(a, uploaded);
    expect(await rowsOf(h, 'attachment_uploads', uploadedSha)).toBe(1);
    expect(await rowsOf(h, 'attachment_chunks', uploadedSha)).toBe(1);
    expect(await rowsOf(h, 'attachments', uploadedSha)).toBe(1);
    await nameScan(b, uploadedSha, 1000);
    const got = await download(h, b, uploadedSha);
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(uploaded))).toBe(true);
  });

  test('bytes from a file that are not the scan their hash names are refused and nothing is kept', async () => {
    const scan = new Uint8Array(randomBytes(PIECE_BYTES + 10));
    const other = sha256Hex(new Uint8Array(randomBytes(10)));
    await expect(storeFromFile(a, scan, other)).rejects.toThrow('sync:attachments.hashMismatch');
    await expect(storeFromFile(a, scan, 'not-a-hash')).rejects.toThrow(
      'sync:attachments.hashMismatch',
    );
    for (const sha of [other, sha256Hex(scan)]) {
      expect(await rowsOf(h, 'attachment_chunks', sha)).toBe(0);
      expect(await rowsOf(h, 'attachment_uploads', sha)).toBe(0);
      expect(await rowsOf(h, 'attachments', sha)).toBe(0);
    }
  });

  if (kind === 'postgresql') {
    test('the largest scan is set by HUB_ATTACHMENT_MAX_MB', async () => {
      const small = await startHub({
        ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent', HUB_ATTACHMENT_MAX_MB: '1' }),
        database: testDb.config,
      });
      hubs.push(small);
      expect((await create(small, a, 'b'.repeat(64), 1024 * 1024)).status).toBe(201);
      const over = await create(small, a, 'b'.repeat(64), 1024 * 1024 + 1);
      expect(over.status).toBe(413);
      expect(await over.json()).toEqual({ code: 'sync:attachments.tooLarge' });
    });

    test('an upload begun at one hub process is continued at another on the same PostgreSQL', async () => {
      const other = await hubOn(testDb.config);
      const scan = new Uint8Array(randomBytes(2 * PIECE_BYTES + 99));
      const sha256 = sha256Hex(scan);
      const url = await createdUpload(h, a, sha256, scan.byteLength);
      await cutPatch(url, a, 0, scan, PIECE_BYTES + 10);
      const atOther = new URL(new URL(url).pathname, other.url).toString();
      const resumeAt = await offsetOf(atOther, a);
      expect(resumeAt).toBeGreaterThan(0);
      expect((await patch(atOther, a, resumeAt, scan.subarray(resumeAt))).status).toBe(204);
      await nameScan(a, sha256, scan.byteLength);
      const got = await download(h, a, sha256);
      expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(scan))).toBe(true);
    });
  }
});
