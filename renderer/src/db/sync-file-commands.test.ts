import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor, Attachment, CaseEvent } from '../../../shared/case';
import { sampleRegistrationDraft } from '../../../shared/case/testing';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import {
  exportPublicKey,
  generateSigningKeyPair,
  publicKeyFingerprint,
  type PublicJwk,
  type SigningKey,
} from '../../../shared/signing';
import {
  buildReplyFile,
  generateAgreementKeyPair,
  openDeskFile,
  SYNC_PROTOCOL_VERSION,
  type DeskFile,
  type EnrollReply,
  type KeyWithPublic,
  type PulledEvent,
  type Receipt,
  type SyncFileSubtle,
} from '../../../shared/sync';
import { scanUploadsOf } from './attachment-sync';
import { appendEvent, registerApplication } from './case-store';
import { DeskDatabase } from './database';
import { storeAttachments } from './intake-queries';
import { saveOfficeProfile } from './office-repository';
import {
  applyReceipts,
  devicePublicKeys,
  ensureDeviceKeys,
  loadPullCursor,
  pushQueue,
  saveHubLink,
  SYNC_SETTINGS,
  syncStatus,
} from './sync-commands';
import { exportSyncFile, importReplyFile, syncFileName } from './sync-file-commands';
import { seedActors } from './testing';

const subtle = crypto.subtle as unknown as SyncFileSubtle;

const opened: DeskDatabase[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

const PROFILE = sampleOfficeProfile({ deviceNo: 1, deviceId: 'desk-kzl01-1' });
const place = { officeId: PROFILE.officeId, districtId: PROFILE.districtId };
const specialist: Actor = { userId: 'u-spec', role: 'specialist', ...place, deviceId: 'x' };
const akim: Actor = { userId: 'u-akim', role: 'akim', ...place, deviceId: 'x' };
/** 10:00 at the office (UTC+5). */
const T0 = Date.UTC(2025, 2, 3, 5);

/** The district hub's file keys, as hub-file-keys.ts keeps them, public halves for enrollment. */
interface HubKeys {
  readonly signing: SigningKey;
  readonly signingPublic: PublicJwk;
  readonly agreement: KeyWithPublic;
}

async function hubKeys(): Promise<HubKeys> {
  const pair = await generateSigningKeyPair(subtle);
  const signingPublic = await exportPublicKey(subtle, pair.publicKey);
  const box = await generateAgreementKeyPair(subtle);
  return {
    signing: {
      privateKey: pair.privateKey,
      keyId: await publicKeyFingerprint(subtle, signingPublic),
    },
    signingPublic,
    agreement: {
      privateKey: box.privateKey,
      publicKey: await exportPublicKey(subtle, box.publicKey),
    },
  };
}

interface JoinedDesk {
  readonly db: DeskDatabase;
  readonly hub: HubKeys;
  /** The device id and number the hub gave. */
  readonly deviceId: string;
  readonly devicePublicKey: PublicJwk;
  readonly deskAgreementKey: PublicJwk;
  readonly specialist: Actor;
  readonly akim: Actor;
}

/** A desk set up and enrolled (as the engine's join leaves it: device keys made, link saved). */
async function joinedDesk(hub?: HubKeys, deviceNo = 2): Promise<JoinedDesk> {
  const db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  opened.push(db);
  await saveOfficeProfile(db, PROFILE);
  const deviceId = `desk-kzl01-${deviceNo}`;
  const people = {
    specialist: { ...specialist, deviceId },
    akim: { ...akim, deviceId },
  };
  await seedActors(db, people.specialist, people.akim);
  const keys = await devicePublicKeys(await ensureDeviceKeys(db));
  const theHub = hub ?? (await hubKeys());
  const reply: EnrollReply = {
    deviceId,
    deviceNo,
    officeId: PROFILE.officeId,
    officeCode: PROFILE.code,
    districtId: PROFILE.districtId,
    credential: 'c'.repeat(43),
    hubKeyPin: '',
    hubFileKeys: { agreement: theHub.agreement.publicKey, signing: theHub.signingPublic },
  };
  const joined = await saveHubLink(db, 'http://127.0.0.1:7300', reply, T0);
  if (!joined.ok) throw new Error(joined.reason);
  return {
    db,
    hub: theHub,
    deviceId,
    devicePublicKey: keys.devicePublicKey,
    deskAgreementKey: keys.deviceAgreementKey,
    ...people,
  };
}

async function register(
  desk: JoinedDesk,
  caseId: string,
  attachments: Attachment[] = [],
): Promise<CaseEvent> {
  const result = await registerApplication(
    desk.db,
    caseId,
    sampleRegistrationDraft({ receivedAt: '2025-03-03T10:00', attachments }),
    { officeCode: PROFILE.code, deviceNo: Number(desk.deviceId.split('-')[2]) },
    {
      actor: desk.specialist,
      legalTime: '2025-03-03T10:00',
      nowMs: T0,
      newId: () => crypto.randomUUID(),
    },
  );
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

async function resolve(desk: JoinedDesk, caseId: string): Promise<CaseEvent> {
  const result = await appendEvent(
    desk.db,
    {
      caseId,
      type: 'ResolutionImposed',
      payload: { executorUserId: desk.specialist.userId, text: 'Қарауға' },
    },
    {
      actor: desk.akim,
      legalTime: '2025-03-03T11:00',
      nowMs: T0 + 1,
      newId: () => crypto.randomUUID(),
    },
  );
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

async function scan(desk: JoinedDesk, text: string): Promise<Attachment> {
  const blob = new Blob([`%PDF-1.4\n${text}`], { type: 'application/pdf' });
  const result = await storeAttachments(desk.db, [{ name: 'өтініш.pdf', blob }], T0);
  if (!result.ok) throw new Error(result.reason);
  const [attachment] = result.attachments;
  if (!attachment) throw new Error('no attachment');
  return attachment;
}

/** What the hub reads in a desk's file (openDeskFile with the district's key). */
async function hubOpens(desk: JoinedDesk, bytes: Uint8Array): Promise<DeskFile> {
  const file = await openDeskFile(subtle, bytes, {
    districtId: PROFILE.districtId,
    hub: desk.hub.agreement,
    devicePublicKey: desk.devicePublicKey,
  });
  if (!file.ok) throw new Error(file.reason);
  return file.file;
}

/** The hub's reply to a desk, signed and sealed as sync-file-import.ts makes it. */
function reply(
  desk: JoinedDesk,
  content: {
    receipts?: Receipt[];
    events?: PulledEvent[];
    scansKept?: string[];
    cursor?: string;
    more?: boolean;
    deviceId?: string;
  },
  keys: { hub?: SigningKey; deskAgreementKey?: PublicJwk } = {},
): Promise<Uint8Array> {
  return buildReplyFile(
    subtle,
    {
      protocol: SYNC_PROTOCOL_VERSION,
      districtId: PROFILE.districtId,
      deviceId: content.deviceId ?? desk.deviceId,
      answers: '0'.repeat(64),
      receipts: content.receipts ?? [],
      events: content.events ?? [],
      scansKept: content.scansKept ?? [],
      cursor: content.cursor ?? '',
      more: content.more ?? false,
      hubTimeMs: T0 + 60_000,
    },
    {
      hub: keys.hub ?? desk.hub.signing,
      deskAgreementKey: keys.deskAgreementKey ?? desk.deskAgreementKey,
    },
  );
}

const idOf = (t: { event: unknown }) => (t.event as { id: string }).id;

/** Everything an import may change, to show a refused one changed nothing. */
async function snapshot(db: DeskDatabase) {
  return {
    outbox: await db.outbox.toArray(),
    events: await db.events.count(),
    cases: await db.cases.count(),
    settings: (await db.settings.toArray()).filter((r) => r.key !== SYNC_SETTINGS.deviceKeys),
    scans: await scanUploadsOf(db).toArray(),
  };
}

describe('exportSyncFile', () => {
  test('a desk that has not joined a hub has nothing to address a file to', async () => {
    const db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    opened.push(db);
    await saveOfficeProfile(db, PROFILE);
    expect(await exportSyncFile(db, T0)).toEqual({ ok: false, reason: 'sync:errors.notJoined' });
    expect(await importReplyFile(db, new Uint8Array(10), T0)).toEqual({
      ok: false,
      reason: 'sync:errors.notJoined',
    });
  });

  test('carries the unsent, not refused events in push order, the scans they name and the cursor, for the hub only; writes nothing', async () => {
    const desk = await joinedDesk();
    const paper = await scan(desk, 'өтініш');
    const first = await register(desk, 'case-1', [paper]);
    const resolution = await resolve(desk, 'case-1');
    const refused = await register(desk, 'case-2');
    await applyReceipts(
      desk.db,
      [{ id: refused.id, status: 'rejected', reason: 'sync:reject.actorRole' }],
      T0 + 2,
    );
    await desk.db.settings.put({ key: SYNC_SETTINGS.cursor, value: '41.7' });
    const before = await snapshot(desk.db);

    const made = await exportSyncFile(desk.db, T0 + 30 * 60_000);
    if (!made.ok) throw new Error(made.reason);
    expect(made.fileName).toBe('KZL01-2-20250303-1030.akimat-sync');
    const queue = await pushQueue(desk.db);
    expect(made.events).toBe(queue.length);
    expect(made.scans).toBe(1);

    const file = await hubOpens(desk, made.bytes);
    expect(file.header).toMatchObject({
      kind: 'desk',
      deviceId: 'desk-kzl01-2',
      districtId: 'AKK',
    });
    expect(file.cursor).toBe('41.7');
    expect(file.events.map(idOf)).toEqual(queue.map(idOf));
    expect(file.events.map(idOf)).toEqual(expect.arrayContaining([first.id, resolution.id]));
    expect(file.events.map(idOf)).not.toContain(refused.id);
    expect(file.scans.map((s) => s.sha256)).toEqual([paper.sha256]);
    expect(new TextDecoder().decode(file.scans[0]?.bytes)).toBe('%PDF-1.4\nөтініш');

    // Nothing left the outbox or was marked; a second file carries the same events again.
    expect(await snapshot(desk.db)).toEqual(before);
    const again = await exportSyncFile(desk.db, T0 + 31 * 60_000);
    if (!again.ok) throw new Error(again.reason);
    expect((await hubOpens(desk, again.bytes)).events.map(idOf)).toEqual(file.events.map(idOf));
  });

  test('is read by no one but the district hub: another hub key cannot open it', async () => {
    const desk = await joinedDesk();
    await register(desk, 'case-1');
    const made = await exportSyncFile(desk.db, T0);
    if (!made.ok) throw new Error(made.reason);
    const other = await hubKeys();
    const opened = await openDeskFile(subtle, made.bytes, {
      districtId: PROFILE.districtId,
      hub: other.agreement,
      devicePublicKey: desk.devicePublicKey,
    });
    expect(opened).toEqual({ ok: false, reason: 'sync:file.otherDistrict' });
  });

  test('a desk with nothing to send still writes a file: its reply brings the scope news', async () => {
    const desk = await joinedDesk();
    const made = await exportSyncFile(desk.db, T0);
    if (!made.ok) throw new Error(made.reason);
    expect(made).toMatchObject({ events: 0, scans: 0 });
    expect((await hubOpens(desk, made.bytes)).events).toEqual([]);
  });

  test('names the file by the office wall clock (UTC+5)', () => {
    expect(syncFileName('KZL01', 3, Date.UTC(2025, 11, 31, 19, 5))).toBe(
      'KZL01-3-20260101-0005.akimat-sync',
    );
  });
});

describe('importReplyFile', () => {
  test('applies the receipts, the scans the hub kept, the scope events and the cursor, and records the sync', async () => {
    const desk = await joinedDesk();
    const paper = await scan(desk, 'өтініш');
    const kept = await register(desk, 'case-1', [paper]);
    const lostScan = await scan(desk, 'анықтама');
    const second = await register(desk, 'case-2', [lostScan]);
    const refused = await resolve(desk, 'case-1');
    // Another desk of the office, whose case the hub sends in the reply.
    const neighbour = await joinedDesk(desk.hub, 3);
    const theirs = await register(neighbour, 'case-3');

    const bytes = await reply(desk, {
      receipts: [
        { id: kept.id, status: 'accepted', receivedAtMs: T0 + 5 },
        { id: second.id, status: 'duplicate' },
        { id: refused.id, status: 'rejected', reason: 'sync:reject.actorRole' },
        // A receipt for an event this desk does not hold changes nothing.
        { id: 'never-sent', status: 'accepted', receivedAtMs: T0 },
      ],
      events: [{ stream: 'case', event: theirs, receivedAtMs: T0 + 6 }],
      scansKept: [paper.sha256],
      cursor: '88.2',
      more: true,
    });
    const taken = await importReplyFile(desk.db, bytes, T0 + 120_000);
    expect(taken).toEqual({
      ok: true,
      accepted: 1,
      duplicates: 1,
      rejected: 1,
      received: 1,
      more: true,
    });

    const status = await syncStatus(desk.db, T0 + 120_000);
    expect(status.waiting).toBe(0);
    expect(status.lastSuccessMs).toBe(T0 + 120_000);
    expect(status.rejected).toEqual([
      expect.objectContaining({
        eventId: refused.id,
        caseId: 'case-1',
        reason: 'sync:reject.actorRole',
      }),
    ]);
    expect(await loadPullCursor(desk.db)).toBe('88.2');
    expect(await desk.db.events.get(theirs.id)).toBeDefined();
    expect((await desk.db.cases.get('case-3'))?.number).toBe('KZL01-3-0001/2025');
    // The hub kept one scan; the other, of an event it took, waits for the next file or link.
    expect(await scanUploadsOf(desk.db).get(paper.sha256)).toMatchObject({ state: 'sent' });
    expect(await scanUploadsOf(desk.db).get(lostScan.sha256)).toMatchObject({ state: 'waiting' });
    const next = await exportSyncFile(desk.db, T0 + 130_000);
    if (!next.ok) throw new Error(next.reason);
    const file = await hubOpens(desk, next.bytes);
    expect(file.events).toEqual([]);
    expect(file.cursor).toBe('88.2');
    expect(file.scans.map((s) => s.sha256)).toEqual([lostScan.sha256]);

    // The same reply again changes nothing.
    const before = await snapshot(desk.db);
    expect(await importReplyFile(desk.db, bytes, T0 + 120_000)).toEqual({
      ok: true,
      accepted: 0,
      duplicates: 0,
      rejected: 1,
      received: 0,
      more: true,
    });
    expect(await snapshot(desk.db)).toEqual(before);
  });

  test.each([
    ['for another desk', 'sync:file.otherDesk'],
    ['sealed to another desk key', 'sync:file.otherDesk'],
    ['signed by a key that is not the hub', 'sync:file.tampered'],
    ['changed after it was written', 'sync:file.tampered'],
    ['cut short', 'sync:file.tampered'],
    ['not a sync file', 'sync:file.damaged'],
    ['the desk own file, not a reply', 'sync:file.wrongKind'],
  ])('a reply %s is refused (%s) and changes nothing', async (kind, reason) => {
    const desk = await joinedDesk();
    const event = await register(desk, 'case-1');
    const receipts: Receipt[] = [{ id: event.id, status: 'accepted', receivedAtMs: T0 }];
    const other = await joinedDesk(desk.hub, 3);
    const forger = await hubKeys();
    const good = await reply(desk, { receipts, cursor: '9.1' });
    const flipped = good.slice();
    flipped[flipped.length - 20] = (flipped[flipped.length - 20] ?? 0) ^ 0x01;
    const own = await exportSyncFile(desk.db, T0);
    if (!own.ok) throw new Error(own.reason);
    const files: Record<string, Uint8Array> = {
      'for another desk': await reply(other, { receipts }),
      'sealed to another desk key': await reply(
        desk,
        { receipts },
        { deskAgreementKey: other.deskAgreementKey },
      ),
      'signed by a key that is not the hub': await reply(
        desk,
        { receipts },
        { hub: forger.signing },
      ),
      'changed after it was written': flipped,
      'cut short': good.subarray(0, good.length - 100),
      'not a sync file': new TextEncoder().encode('Қызылсай, 2025'),
      'the desk own file, not a reply': own.bytes,
    };
    const before = await snapshot(desk.db);
    expect(await importReplyFile(desk.db, files[kind] ?? new Uint8Array(), T0 + 1)).toEqual({
      ok: false,
      reason,
    });
    expect(await snapshot(desk.db)).toEqual(before);
  });

  test('a desk stopped while taking a reply in has none of it', async () => {
    const desk = await joinedDesk();
    const mine = await register(desk, 'case-1');
    const neighbour = await joinedDesk(desk.hub, 3);
    const theirs = await register(neighbour, 'case-3');
    const bytes = await reply(desk, {
      receipts: [{ id: mine.id, status: 'accepted', receivedAtMs: T0 }],
      events: [{ stream: 'case', event: theirs, receivedAtMs: T0 }],
      cursor: '12.0',
    });
    const before = await snapshot(desk.db);
    const put = desk.db.settings.put.bind(desk.db.settings);
    // The time of the sync is written last, after receipts, events and cursor: fail there.
    desk.db.settings.put = ((row: { key: string; value: unknown }) =>
      row.key === SYNC_SETTINGS.lastSuccessMs
        ? Promise.reject(new Error('killed'))
        : put(row)) as typeof desk.db.settings.put;
    const failed = await importReplyFile(desk.db, bytes, T0 + 1);
    desk.db.settings.put = put;
    expect(failed).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^common:writeErrors\./),
    });
    expect(await snapshot(desk.db)).toEqual(before);
    // Brought again, it all arrives.
    expect(await importReplyFile(desk.db, bytes, T0 + 2)).toMatchObject({
      ok: true,
      accepted: 1,
      received: 1,
    });
    expect(await desk.db.outbox.count()).toBe(0);
  });
});
