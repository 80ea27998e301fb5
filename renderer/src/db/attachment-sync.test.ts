import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Actor, Attachment, CaseEvent } from '../../../shared/case';
import { sampleEvent, sampleRegistrationDraft } from '../../../shared/case/testing';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import {
  findScansOfSentEvents,
  markScanSent,
  noteSentEvents,
  recordScanFailure,
  rememberUploadUrl,
  scansToUpload,
  scansWaiting,
  scanUploadsOf,
} from './attachment-sync';
import { registerApplication } from './case-store';
import { takeReceipts } from './sync-commands';
import { DeskDatabase } from './database';
import { storeAttachments } from './intake-queries';
import { saveOfficeProfile } from './office-repository';
import { seedActors } from './testing';

const opened: DeskDatabase[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

const PROFILE = sampleOfficeProfile({ deviceNo: 2, deviceId: 'desk-kzl01-2' });
const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: PROFILE.officeId,
  districtId: PROFILE.districtId,
  deviceId: 'desk-kzl01-2',
};
const T0 = Date.UTC(2025, 2, 3, 5);

async function newDesk(): Promise<DeskDatabase> {
  const d = new DeskDatabase(`t-${crypto.randomUUID()}`);
  opened.push(d);
  await saveOfficeProfile(d, PROFILE);
  await seedActors(d, specialist);
  return d;
}

const pdf = (text: string) => new Blob([`%PDF-1.4\n${text}`], { type: 'application/pdf' });

/** Registers a case whose application carries `scans` (stored on the desk first, as the intake does). */
async function registerWith(
  d: DeskDatabase,
  caseId: string,
  scans: readonly Attachment[],
): Promise<CaseEvent> {
  const result = await registerApplication(
    d,
    caseId,
    sampleRegistrationDraft({ receivedAt: '2025-03-03T10:00', attachments: [...scans] }),
    { officeCode: PROFILE.code, deviceNo: PROFILE.deviceNo },
    {
      actor: specialist,
      legalTime: '2025-03-03T10:00',
      nowMs: T0,
      newId: () => crypto.randomUUID(),
    },
  );
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

async function stored(d: DeskDatabase, text: string): Promise<Attachment> {
  const result = await storeAttachments(d, [{ name: 'өтініш.pdf', blob: pdf(text) }], T0);
  if (!result.ok) throw new Error(result.reason);
  const [attachment] = result.attachments;
  if (!attachment) throw new Error('no attachment');
  return attachment;
}

/** What the sync engine does on the hub's receipt: the outbox row leaves, then the scans wait. */
async function hubTook(d: DeskDatabase, event: CaseEvent, nowMs = T0): Promise<number> {
  await d.outbox.where('eventId').equals(event.id).delete();
  return noteSentEvents(d, [event.id], nowMs);
}

describe('scans owed to the hub', () => {
  test('a scan waits only once the hub took the event naming it, and stops once the hub holds it', async () => {
    const d = await newDesk();
    const scan = await stored(d, 'one');
    const event = await registerWith(d, 'case-1', [scan]);
    // The event is still in the outbox: its scan is not sent before it.
    expect(await scansToUpload(d)).toEqual([]);

    expect(await hubTook(d, event)).toBe(1);
    const [waiting] = await scansToUpload(d);
    expect(waiting?.sha256).toBe(scan.sha256);
    expect(await waiting?.blob.text()).toBe('%PDF-1.4\none');
    expect(waiting?.uploadUrl).toBeNull();
    expect(await scansWaiting(d)).toBe(1);

    // A try broke: where it stopped and why are kept, and it still waits.
    await rememberUploadUrl(d, scan.sha256, 'https://hub/v1/attachments/uploads/abc');
    await recordScanFailure(d, scan.sha256, 'sync:attachments.interrupted');
    expect((await scansToUpload(d))[0]?.uploadUrl).toBe('https://hub/v1/attachments/uploads/abc');
    expect((await scanUploadsOf(d).get(scan.sha256))?.lastReason).toBe(
      'sync:attachments.interrupted',
    );

    await markScanSent(d, scan.sha256, T0 + 1000);
    expect(await scansToUpload(d)).toEqual([]);
    expect(await scansWaiting(d)).toBe(0);
    // A duplicate receipt later does not make it wait again.
    expect(await noteSentEvents(d, [event.id], T0 + 2000)).toBe(0);
    expect(await scansToUpload(d)).toEqual([]);
  });

  test('receipts of a pushed batch: the scans of the events the hub took wait, found in the events as sent; a refused one keeps its scan back', async () => {
    const d = await newDesk();
    const one = await stored(d, 'one');
    const taken = await registerWith(d, 'case-1', [one]);
    const refused = await registerWith(d, 'case-2', [await stored(d, 'two')]);
    // The events as the push sent them, read from the outbox; the store is not read for them again.
    const sent = [taken, refused].map((event) => ({ stream: 'case' as const, event }));
    await d.events.clear();
    const reads = vi.spyOn(d.outbox, 'where');
    const applied = await takeReceipts(
      d,
      sent,
      [
        { id: taken.id, status: 'accepted', receivedAtMs: T0 + 10 },
        { id: refused.id, status: 'rejected', reason: 'sync:reject.actorUnknown' },
        // A receipt for nothing in the batch changes nothing.
        { id: 'not-sent', status: 'accepted', receivedAtMs: T0 },
      ],
      T0 + 20,
    );
    expect(applied).toEqual({ accepted: 1, duplicates: 0, rejected: 1 });
    // The outbox's rows are read only for the refused event, whose row stays with its reason; the
    // taken case's log is read for its keys (sync-commands dropFromOutbox).
    expect(reads.mock.calls).toEqual([['eventId'], [':id']]);
    expect((await d.outbox.get({ eventId: refused.id }))?.rejectedReason).toBe(
      'sync:reject.actorUnknown',
    );
    expect((await scansToUpload(d)).map((s) => s.sha256)).toEqual([one.sha256]);
    expect((await d.outbox.toArray()).map((r) => r.eventId)).toEqual([refused.id]);
    // One row for the case's events the hub took in this batch (hub-times.ts), none for the refused.
    expect(await d.hubTimes.toArray()).toEqual([
      { seq: 1, streamIds: [taken.caseId], times: [[taken.id, T0 + 10]] },
    ]);
  });

  test('a scan this desk does not hold (a pulled case of the district) never waits', async () => {
    const d = await newDesk();
    const absent: Attachment = {
      sha256: 'c'.repeat(64),
      name: 'акт.pdf',
      mime: 'application/pdf',
      size: 10,
    };
    const event = await registerWith(d, 'case-1', [absent]);
    expect(await hubTook(d, event)).toBe(0);
    expect(await scansToUpload(d)).toEqual([]);
  });

  test('the oldest waiting scans go first, one scan named by two cases waits once', async () => {
    const d = await newDesk();
    const first = await stored(d, 'first');
    const second = await stored(d, 'second');
    const e1 = await registerWith(d, 'case-1', [second]);
    const e2 = await registerWith(d, 'case-2', [first, second]);
    await hubTook(d, e2, T0 + 10);
    await hubTook(d, e1, T0 + 20);
    expect((await scansToUpload(d)).map((s) => s.sha256)).toEqual(
      [first.sha256, second.sha256].sort(),
    );
    expect(await scansToUpload(d, 1)).toHaveLength(1);
    expect(await scansWaiting(d)).toBe(2);
  });

  test('the upgrade finds the scans of events sent before the channel existed, not of unsent ones', async () => {
    const d = await newDesk();
    const sentScan = await stored(d, 'sent');
    const unsentScan = await stored(d, 'unsent');
    const sent = await registerWith(d, 'case-sent', [sentScan]);
    await registerWith(d, 'case-unsent', [unsentScan]);
    await d.outbox.where('eventId').equals(sent.id).delete();
    const found = await d.transaction(
      'rw',
      [d.events, d.outbox, d.attachments, scanUploadsOf(d)],
      () =>
        findScansOfSentEvents(
          {
            events: d.table('events'),
            outbox: d.table('outbox'),
            attachments: d.table('attachments'),
            scanUploads: scanUploadsOf(d),
          },
          T0,
        ),
    );
    expect(found).toBe(1);
    expect((await scansToUpload(d)).map((s) => s.sha256)).toEqual([sentScan.sha256]);
  });

  test('a desk of version 2 opened by this one: the scan of its sent case waits, not the one of its unsent case', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(1).stores({ settings: '&key' });
    // The version 2 schema as the first release declared it.
    old.version(2).stores({
      settings: '&key',
      users: '&id, role',
      events: '&id, caseId',
      outbox: '&eventId, caseId, createdAtMs',
      cases: '&id, number, date, iin, *nameTokens, serviceId, stage, openDueDate, updatedAtMs',
      people: '&iin, *nameTokens',
      attachments: '&sha256',
      registers: '&id, number, date',
      tsaRecipients: '&[iin+quarter], iin, quarter',
      counters: '&key',
    });
    const scanOf = (sha256: string) => ({
      sha256,
      name: 'өтініш.pdf',
      mime: 'application/pdf',
      size: 4,
      blob: pdf(sha256.slice(0, 4)),
      addedAtMs: 1,
    });
    const [sentSha, unsentSha] = ['d'.repeat(64), 'e'.repeat(64)];
    for (const [caseId, sha256, counter] of [
      ['case-sent', sentSha, 1],
      ['case-unsent', unsentSha, 2],
    ] as const) {
      const event = sampleEvent('Registered', { role: 'specialist', counter, caseId });
      const { blob: _b, addedAtMs: _a, ...attachment } = scanOf(sha256);
      await old
        .table('events')
        .add({ ...event, payload: { ...event.payload, attachments: [attachment] } });
      await old.table('attachments').add(scanOf(sha256));
      if (caseId === 'case-unsent') {
        await old.table('outbox').add({ eventId: event.id, caseId, createdAtMs: 1 });
      }
    }
    old.close();

    const d = new DeskDatabase(name);
    opened.push(d);
    await d.open();
    expect((await scansToUpload(d)).map((s) => s.sha256)).toEqual([sentSha]);
  });
});
