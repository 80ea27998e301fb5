import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  toHex,
  type SigningKey,
} from '../signing';
import { SYNC_PROTOCOL_VERSION, type TravellingEvent } from './protocol';
import {
  buildDeskFile,
  buildReplyFile,
  generateAgreementKeyPair,
  openDeskFile,
  openReplyFile,
  readSyncFileHeader,
  SYNC_FILE_REASONS,
  SYNC_FILE_VERSION,
  syncFileDigest,
  type KeyWithPublic,
  type SyncFileSubtle,
} from './sync-file';

const subtle = webcrypto.subtle as unknown as SyncFileSubtle;

async function signingKey(): Promise<{
  signer: SigningKey;
  publicKey: KeyWithPublic['publicKey'];
}> {
  const pair = await generateSigningKeyPair(subtle);
  const publicKey = await exportPublicKey(subtle, pair.publicKey);
  return {
    signer: { privateKey: pair.privateKey, keyId: await publicKeyFingerprint(subtle, publicKey) },
    publicKey,
  };
}

async function agreementKey(): Promise<KeyWithPublic> {
  const pair = await generateAgreementKeyPair(subtle);
  return { privateKey: pair.privateKey, publicKey: await exportPublicKey(subtle, pair.publicKey) };
}

/** A district hub and one of its desks, each with the keys enrollment gives them. */
async function parties() {
  return {
    device: await signingKey(),
    deskBox: await agreementKey(),
    hubSigning: await signingKey(),
    hubBox: await agreementKey(),
  };
}

const userEvent: TravellingEvent = {
  stream: 'user',
  event: { id: 'u1', type: 'UserRegistered', name: 'Сейітова Әсел' },
};
const events: TravellingEvent[] = [
  userEvent,
  { stream: 'case', event: { id: 'e1', type: 'Registered', caseId: 'c1' } },
];
const scan = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7) % 251));

async function deskFile(p: Awaited<ReturnType<typeof parties>>, districtId = 'AKK') {
  return buildDeskFile(
    subtle,
    {
      protocol: SYNC_PROTOCOL_VERSION,
      districtId,
      deviceId: 'dev-1',
      cursor: '12.40',
      createdAtMs: 1_750_000_000_000,
      events,
      scans: [
        {
          sha256: toHex(new Uint8Array(await subtle.digest('SHA-256', scan))),
          mime: 'image/jpeg',
          bytes: scan,
        },
      ],
    },
    { device: p.device.signer, hubAgreementKey: p.hubBox.publicKey },
  );
}

const hubOpens = (p: Awaited<ReturnType<typeof parties>>, bytes: Uint8Array) =>
  openDeskFile(subtle, bytes, {
    districtId: 'AKK',
    hub: p.hubBox,
    devicePublicKey: p.device.publicKey,
  });

describe('a desk file', () => {
  test('the hub opens what the desk wrote: events, cursor and scans, byte for byte', async () => {
    const p = await parties();
    const bytes = await deskFile(p);
    const opened = await hubOpens(p, bytes);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.file.events).toEqual(events);
    expect(opened.file.cursor).toBe('12.40');
    expect(opened.file.protocol).toBe(SYNC_PROTOCOL_VERSION);
    expect(opened.file.header).toMatchObject({
      kind: 'desk',
      districtId: 'AKK',
      deviceId: 'dev-1',
    });
    expect(opened.file.scans).toHaveLength(1);
    expect(opened.file.scans[0]?.mime).toBe('image/jpeg');
    expect([...(opened.file.scans[0]?.bytes ?? [])]).toEqual([...scan]);
  });

  test('nothing of the content is readable in the file: names and ids are encrypted', async () => {
    const p = await parties();
    const text = Buffer.from(await deskFile(p)).toString('latin1');
    for (const secret of ['UserRegistered', 'Registered', '12.40', 'image/jpeg']) {
      expect(text).not.toContain(secret);
    }
    // The clear header says only whom it is for and from whom.
    expect(readSyncFileHeader(await deskFile(p))).toMatchObject({
      ok: true,
      header: { kind: 'desk', districtId: 'AKK', deviceId: 'dev-1', version: SYNC_FILE_VERSION },
    });
  });

  test('one byte changed anywhere is refused as tampered or damaged, never opened', async () => {
    const p = await parties();
    const bytes = await deskFile(p);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, flip) => {
          const changed = new Uint8Array(bytes);
          changed[at] = (changed[at] ?? 0) ^ flip;
          const opened = await hubOpens(p, changed);
          expect(opened.ok).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
    // A byte of the encrypted part: the AEAD refuses it.
    const changed = new Uint8Array(bytes);
    const last = changed.length - 20;
    changed[last] = (changed[last] ?? 0) ^ 1;
    expect(await hubOpens(p, changed)).toEqual({ ok: false, reason: 'sync:file.tampered' });
  });

  test('a file signed by another key than the device registered is refused as tampered', async () => {
    const p = await parties();
    const intruder = await signingKey();
    const forged = await buildDeskFile(
      subtle,
      {
        protocol: SYNC_PROTOCOL_VERSION,
        districtId: 'AKK',
        deviceId: 'dev-1',
        cursor: '',
        createdAtMs: 1,
        events,
        scans: [],
      },
      // The forger names the real device's key id but signs with its own key.
      {
        device: { ...intruder.signer, keyId: p.device.signer.keyId },
        hubAgreementKey: p.hubBox.publicKey,
      },
    );
    expect(await hubOpens(p, forged)).toEqual({ ok: false, reason: 'sync:file.tampered' });
    const ownKeyId = await buildDeskFile(
      subtle,
      {
        protocol: SYNC_PROTOCOL_VERSION,
        districtId: 'AKK',
        deviceId: 'dev-1',
        cursor: '',
        createdAtMs: 1,
        events,
        scans: [],
      },
      { device: intruder.signer, hubAgreementKey: p.hubBox.publicKey },
    );
    expect(await hubOpens(p, ownKeyId)).toEqual({ ok: false, reason: 'sync:file.tampered' });
  });

  test("a file for another district, or encrypted to another hub's key, is refused as such", async () => {
    const p = await parties();
    expect(await hubOpens(p, await deskFile(p, 'OTHER'))).toEqual({
      ok: false,
      reason: 'sync:file.otherDistrict',
    });
    const otherHub = { ...p, hubBox: await agreementKey() };
    expect(await hubOpens(p, await deskFile(otherHub))).toEqual({
      ok: false,
      reason: 'sync:file.otherDistrict',
    });
  });

  test('not a sync file, a cut one, and one of a newer version each say so', async () => {
    const p = await parties();
    const bytes = await deskFile(p);
    expect(await hubOpens(p, new TextEncoder().encode('%PDF-1.7 a scan, not a sync file'))).toEqual(
      {
        ok: false,
        reason: 'sync:file.damaged',
      },
    );
    expect(await hubOpens(p, new Uint8Array(0))).toEqual({
      ok: false,
      reason: 'sync:file.damaged',
    });
    expect((await hubOpens(p, bytes.subarray(0, 40))).ok).toBe(false);
    expect(await hubOpens(p, bytes.subarray(0, bytes.length - 100))).toEqual({
      ok: false,
      reason: 'sync:file.tampered',
    });

    // The same file as a later version of the program would write it.
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset + 12, 4).getUint32(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as {
      version: number;
    };
    const newer = new TextEncoder().encode(
      JSON.stringify({ ...header, version: SYNC_FILE_VERSION + 1, somethingNew: true }),
    );
    const framed = new Uint8Array(16 + newer.length);
    framed.set(bytes.subarray(0, 12));
    new DataView(framed.buffer).setUint32(12, newer.length);
    framed.set(newer, 16);
    expect(readSyncFileHeader(framed)).toEqual({ ok: false, reason: 'sync:file.newerVersion' });
    expect(await hubOpens(p, framed)).toEqual({ ok: false, reason: 'sync:file.newerVersion' });
  });

  test('a scan whose bytes are not its hash is a bug of the writer: it throws', async () => {
    const p = await parties();
    await expect(
      buildDeskFile(
        subtle,
        {
          protocol: 1,
          districtId: 'AKK',
          deviceId: 'dev-1',
          cursor: '',
          createdAtMs: 1,
          events: [],
          scans: [{ sha256: '0'.repeat(64), mime: 'image/png', bytes: scan }],
        },
        { device: p.device.signer, hubAgreementKey: p.hubBox.publicKey },
      ),
    ).rejects.toThrow(RangeError);
  });
});

describe('a reply file', () => {
  async function reply(p: Awaited<ReturnType<typeof parties>>, deviceId = 'dev-1') {
    return buildReplyFile(
      subtle,
      {
        protocol: SYNC_PROTOCOL_VERSION,
        districtId: 'AKK',
        deviceId,
        answers: await syncFileDigest(subtle, await deskFile(p)),
        receipts: [
          { id: 'u1', status: 'accepted', receivedAtMs: 5 },
          { id: 'e1', status: 'rejected', reason: 'sync:reject.outOfScope' },
        ],
        events: [{ ...userEvent, receivedAtMs: 5 }],
        scansKept: [],
        cursor: '13.2',
        more: false,
        hubTimeMs: 6,
      },
      { hub: p.hubSigning.signer, deskAgreementKey: p.deskBox.publicKey },
    );
  }

  const deskOpens = (p: Awaited<ReturnType<typeof parties>>, bytes: Uint8Array) =>
    openReplyFile(subtle, bytes, {
      districtId: 'AKK',
      deviceId: 'dev-1',
      desk: p.deskBox,
      hubSigningKey: p.hubSigning.publicKey,
    });

  test('the desk opens the hub reply: receipts, events of its scope and the new cursor', async () => {
    const p = await parties();
    const opened = await deskOpens(p, await reply(p));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.file.receipts.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    expect(opened.file.events).toEqual([{ ...userEvent, receivedAtMs: 5 }]);
    expect(opened.file.cursor).toBe('13.2');
    expect(opened.file.answers).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a reply for another desk, one not signed by the hub, or a desk file are refused', async () => {
    const p = await parties();
    expect(await deskOpens(p, await reply(p, 'dev-2'))).toEqual({
      ok: false,
      reason: 'sync:file.otherDesk',
    });
    const impostor = { ...p, hubSigning: await signingKey() };
    expect(await deskOpens(p, await reply(impostor))).toEqual({
      ok: false,
      reason: 'sync:file.tampered',
    });
    expect(await deskOpens(p, await deskFile(p))).toEqual({
      ok: false,
      reason: 'sync:file.wrongKind',
    });
    // And the hub does not take its own reply as a desk's file.
    expect(await hubOpens(p, await reply(p))).toEqual({ ok: false, reason: 'sync:file.wrongKind' });
  });
});

describe('words', () => {
  const load = (lang: string) =>
    JSON.parse(
      readFileSync(new URL(`../../locales/${lang}/sync.json`, import.meta.url), 'utf8'),
    ) as Record<string, Record<string, string>>;
  test.each(['kk', 'ru'])('%s has words for every reason a sync file is refused', (lang) => {
    const tree = load(lang);
    for (const key of SYNC_FILE_REASONS) {
      const [group = '', name = ''] = key.slice('sync:'.length).split('.');
      expect(tree[group]?.[name], key).toEqual(expect.any(String));
    }
  });
});
