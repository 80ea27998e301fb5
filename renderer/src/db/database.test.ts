import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, test } from 'vitest';
import { sampleEvent, sampleRegistered } from '../../../shared/case/testing';
import { lateKeyOf } from './late-index';
import { DeskDatabase } from './database';
import { eventOfRow } from './event-rows';

/** The version 2 schema exactly as the first release of the desk declared it. */
const V2_STORES = {
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
};

describe('desk database schema', () => {
  test('upgrades a skeleton (version 1) database without losing its settings', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    // The database exactly as the walking skeleton created it.
    const skeleton = new Dexie(name);
    skeleton.version(1).stores({ settings: '&key' });
    await skeleton.table('settings').put({ key: 'language', value: 'ru' });
    skeleton.close();

    const db = new DeskDatabase(name);
    await db.open();
    expect(db.verno).toBe(19);
    expect(await db.settings.get('language')).toEqual({ key: 'language', value: 'ru' });
    expect(await db.cases.count()).toBe(0);
    const indexes = db.cases.schema.indexes.map((i) => i.name);
    expect(indexes).toEqual(
      expect.arrayContaining(['number', 'iin', 'openDueDate', 'overdueFrom', 'lateFrom']),
    );
    // v12: names are searched on the name index (caseNames) alone.
    expect(indexes).not.toContain('nameTokens');
    expect(db.people.schema.indexes).toEqual([]);
    await db.delete();
  });

  test('upgrades a version 2 desk: events become version 1, the outbox names its log, rows are rebuilt by the one projection', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(1).stores({ settings: '&key' });
    old.version(2).stores(V2_STORES);
    // A case as the first release stored it: no schema version, no district on the actor.
    const { v: _v, ...event } = sampleEvent('Registered', {
      role: 'specialist',
      counter: 1,
      caseId: 'case-old',
      payload: sampleRegistered({
        serviceId: 'targeted-social-assistance',
        ruleSetId: '001-timiryazev-2012-n302',
        receivedAt: '2026-11-23T10:00',
        registrationDate: '2026-11-23',
        registrationNumber: 'KZL01-1-0001/2026',
        dueDate: '2026-12-24',
      }),
    });
    const { districtId: _d, ...actor } = event.actor;
    await old.table('events').add({ ...event, actor });
    await old.table('outbox').add({ eventId: event.id, caseId: 'case-old', createdAtMs: 1 });
    await old.table('cases').add({
      id: 'case-old',
      number: 'KZL01-1-0001/2026',
      date: '2026-11-23',
      receivedAt: '2026-11-23T10:00',
      serviceId: 'targeted-social-assistance',
      stage: 'registered',
      iin: event.payload.applicant.iin,
      applicantName: 'Old row',
      nameTokens: [],
      dueDate: '2026-12-24',
      openDueDate: '2026-12-24',
      flagged: false,
      updatedAtMs: 1,
    });
    old.close();

    const db = new DeskDatabase(name);
    await db.open();
    expect(db.verno).toBe(19);
    expect(eventOfRow(await db.events.get(event.id), event.id)?.v).toBe(1);
    expect(await db.outbox.get({ eventId: event.id })).toEqual({
      eventId: event.id,
      caseId: 'case-old',
      stream: 'case',
      streamId: 'case-old',
      createdAtMs: 1,
    });
    // v17: the outbox is keyed by its log, then its event.
    expect(await db.outbox.toCollection().primaryKeys()).toEqual([['case-old', event.id]]);
    const row = await db.cases.get('case-old');
    expect(row?.applicantName).toBe('Сейітова Әйгерім Қайратқызы');
    expect(row?.due).toBe('2026-12-24');
    expect(row?.termPhase).toBe('running');
    expect(row?.overdueFrom).toBe('2026-12-25T00:00');
    // A case opened before offices had districts has none; its office is its opener's.
    expect(row?.officeId).toBe('office-1');
    // The journal's own counters and late index, made by the ready step (journal-tallies, late-index).
    expect(await db.counters.bulkGet(['journal:cases', 'journal:open'])).toEqual([
      { key: 'journal:cases', value: 1 },
      { key: 'journal:open', value: 1 },
    ]);
    expect(await db.caseLate.toCollection().primaryKeys()).toEqual(row ? [lateKeyOf(row)] : []);
    expect(row?.lateFrom).toBeDefined();
    await db.delete();
  });
});
