// The desk's scan transfers against a real hub, run as its own process (server/src/attachments/
// test-hub.ts: embedded database, okrugs A and B with one enrolled desk each). A broken link is a
// fetch that fails at a chosen request, as a dropped connection does.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { samplePath, sampleRegistrationNumber } from '../../../shared/case/testing';
import { encodeBody, SYNC_PROTOCOL_VERSION } from '../../../shared/sync';
import { ATTACHMENT_UPLOADS_PATH } from '../../../shared/sync/attachments';
import { downloadAttachment, uploadAttachment, type HubLink } from './attachments';

const ROOT = join(import.meta.dirname, '..', '..', '..');

interface TestDesk {
  credential: string;
  officeId: string;
  districtId: string;
}

let hubProcess: ChildProcess;
let hubUrl: string;
let desks: Record<'A' | 'B', TestDesk>;

beforeAll(async () => {
  hubProcess = spawn(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(ROOT, 'server', 'src', 'attachments', 'test-hub.ts')],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  if (!hubProcess.stdout) throw new Error('the test hub has no output');
  const lines = createInterface({ input: hubProcess.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    hubProcess.once('exit', (code) => reject(new Error(`test hub exited with ${code}`)));
  });
  const started = JSON.parse(first) as { url: string; desks: Record<'A' | 'B', TestDesk> };
  hubUrl = started.url;
  desks = started.desks;
}, 60_000);

afterAll(async () => {
  if (hubProcess.exitCode !== null) return;
  const exited = new Promise((resolve) => hubProcess.once('exit', resolve));
  hubProcess.stdin?.end();
  await exited;
});

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A recorded, optionally breaking transport: `breakAt(call)` decides which calls fail. */
function transport(
  breakAt: (call: number, url: string, init?: RequestInit) => boolean = () => false,
) {
  const calls: { method: string; url: string; headers: Record<string, string> }[] = [];
  const doFetch: typeof fetch = async (input, init) => {
    const url = String(input);
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [
        k.toLowerCase(),
        v,
      ]),
    );
    calls.push({ method: init?.method ?? 'GET', url, headers });
    if (breakAt(calls.length, url, init)) throw new TypeError('fetch failed');
    return fetch(input, init);
  };
  return { doFetch, calls };
}

const linkOf = (desk: TestDesk, doFetch: typeof fetch = fetch): HubLink => ({
  hubUrl,
  credential: desk.credential,
  fetch: doFetch,
});

/**
 * The desk pushes a case registered at its office, under the case's own number, whose application
 * carries the scan.
 */
async function nameScan(desk: TestDesk, sha256: string, size: number): Promise<void> {
  const caseId = `case-${sha256.slice(0, 16)}`;
  const [registered] = samplePath([['Registered', 'specialist']], {
    registrationNumber: sampleRegistrationNumber(caseId),
  });
  if (registered?.type !== 'Registered') throw new Error('no registration');
  const event = {
    ...registered,
    id: `${caseId}-registered`,
    caseId,
    payload: {
      ...registered.payload,
      attachments: [{ sha256, name: 'өтініш.pdf', mime: 'application/pdf', size }],
    },
    actor: {
      ...registered.actor,
      userId: `${desk.officeId}/user-specialist`,
      officeId: desk.officeId,
      districtId: desk.districtId,
    },
  };
  const response = await fetch(`${hubUrl}/v1/push`, {
    method: 'POST',
    headers: {
      'content-type': 'application/vnd.akimat-sync+json',
      authorization: `Bearer ${desk.credential}`,
    },
    body: Buffer.from(
      encodeBody({ protocol: SYNC_PROTOCOL_VERSION, events: [{ stream: 'case', event }] }),
    ),
  });
  expect(response.status).toBe(200);
}

const CHUNK = 64 * 1024;

describe('scans between the desk and the hub', () => {
  test('a scan goes up in chunks with progress, and comes back whole once its event is there', async () => {
    const bytes = new Uint8Array(randomBytes(3 * CHUNK + 1234));
    const sha256 = sha256Hex(bytes);
    const progress: number[] = [];
    const up = await uploadAttachment(
      linkOf(desks.A),
      { sha256, blob: new Blob([bytes]) },
      { chunkSize: CHUNK, onProgress: (sent) => progress.push(sent) },
    );
    expect(up).toEqual({ ok: true, alreadyThere: false });
    expect(progress.at(-1)).toBe(bytes.byteLength);

    await nameScan(desks.A, sha256, bytes.byteLength);
    const down = await downloadAttachment(linkOf(desks.A), sha256, {
      chunkSize: CHUNK,
      mime: 'application/pdf',
    });
    if (!down.ok) throw new Error(down.reason);
    expect(down.blob.type).toBe('application/pdf');
    expect(Buffer.from(await down.blob.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);

    // Sent again (another sync round): the hub has it, nothing is uploaded.
    const again = transport();
    expect(
      await uploadAttachment(linkOf(desks.A, again.doFetch), { sha256, blob: new Blob([bytes]) }),
    ).toEqual({ ok: true, alreadyThere: true });
    expect(again.calls.map((c) => c.method)).toEqual(['GET']);
  });

  test('an upload broken midway continues, on the next call, from the offset the hub reports', async () => {
    const bytes = new Uint8Array(randomBytes(4 * CHUNK));
    const sha256 = sha256Hex(bytes);
    let uploadUrl: string | null = null;
    // The third PATCH never reaches the hub.
    let patches = 0;
    const broken = transport((_n, _url, init) => init?.method === 'PATCH' && ++patches === 3);
    const first = await uploadAttachment(
      linkOf(desks.A, broken.doFetch),
      { sha256, blob: new Blob([bytes]) },
      {
        chunkSize: CHUNK,
        retryDelays: [],
        onUploadUrl: (url) => {
          uploadUrl = url;
        },
      },
    );
    expect(first).toEqual({ ok: false, reason: 'sync:attachments.interrupted' });
    expect(uploadUrl).toMatch(new RegExp(`${ATTACHMENT_UPLOADS_PATH}/[0-9a-f]+$`));

    const resumed = transport();
    const second = await uploadAttachment(
      linkOf(desks.A, resumed.doFetch),
      { sha256, blob: new Blob([bytes]) },
      { chunkSize: CHUNK, uploadUrl },
    );
    expect(second).toEqual({ ok: true, alreadyThere: false });
    // No new upload: the hub is asked where it stands, and the bytes after that follow.
    const tus = resumed.calls.filter((c) => c.url.includes(ATTACHMENT_UPLOADS_PATH));
    expect(tus.map((c) => c.method)).toEqual(['HEAD', 'PATCH', 'PATCH']);
    expect(tus[1]?.headers['upload-offset']).toBe(String(2 * CHUNK));

    await nameScan(desks.A, sha256, bytes.byteLength);
    const down = await downloadAttachment(linkOf(desks.A), sha256);
    expect(down.ok).toBe(true);
  });

  test('a download broken midway continues after the bytes that arrived', async () => {
    const bytes = new Uint8Array(randomBytes(3 * CHUNK + 10));
    const sha256 = sha256Hex(bytes);
    expect(await uploadAttachment(linkOf(desks.B), { sha256, blob: new Blob([bytes]) })).toEqual({
      ok: true,
      alreadyThere: false,
    });
    await nameScan(desks.B, sha256, bytes.byteLength);

    const broken = transport((n) => n === 3);
    const first = await downloadAttachment(linkOf(desks.B, broken.doFetch), sha256, {
      chunkSize: CHUNK,
    });
    if (first.ok) throw new Error('the break did not happen');
    expect(first.reason).toBe('sync:attachments.interrupted');
    expect(first.partial.size).toBe(2 * CHUNK);

    const resumed = transport();
    const second = await downloadAttachment(linkOf(desks.B, resumed.doFetch), sha256, {
      chunkSize: CHUNK,
      partial: first.partial,
    });
    if (!second.ok) throw new Error(second.reason);
    expect(resumed.calls[0]?.headers['range']).toBe(`bytes=${2 * CHUNK}-${3 * CHUNK - 1}`);
    expect(Buffer.from(await second.blob.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  test("okrug A's desk is told a scan of okrug B's case is not there", async () => {
    const bytes = new Uint8Array(randomBytes(1000));
    const sha256 = sha256Hex(bytes);
    await uploadAttachment(linkOf(desks.B), { sha256, blob: new Blob([bytes]) });
    await nameScan(desks.B, sha256, bytes.byteLength);
    const down = await downloadAttachment(linkOf(desks.A), sha256);
    expect(down.ok).toBe(false);
    expect(!down.ok && down.reason).toBe('sync:attachments.notFound');
  });

  test('bytes that are not the scan are never handed over', async () => {
    const bytes = new Uint8Array(randomBytes(1000));
    const sha256 = sha256Hex(bytes);
    await uploadAttachment(linkOf(desks.A), { sha256, blob: new Blob([bytes]) });
    await nameScan(desks.A, sha256, bytes.byteLength);
    // A transport that flips one byte on the way.
    const corrupting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = new Uint8Array(await response.arrayBuffer());
      body[10] = (body[10] ?? 0) ^ 0xff;
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const down = await downloadAttachment(linkOf(desks.A, corrupting), sha256);
    expect(down.ok).toBe(false);
    expect(!down.ok && down.reason).toBe('sync:attachments.hashMismatch');
    expect(!down.ok && down.partial.size).toBe(0);
  });

  test('a hub that does not know the desk says so, in a reason with words', async () => {
    const bytes = new Uint8Array(randomBytes(100));
    const stranger = { ...desks.A, credential: 'x'.repeat(43) };
    expect(
      await uploadAttachment(linkOf(stranger), {
        sha256: sha256Hex(bytes),
        blob: new Blob([bytes]),
      }),
    ).toEqual({ ok: false, reason: 'sync:errors.unknownDevice' });
  });
});
