import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createWorkingCalendar } from '../../../shared/calendar';
import type { Actor, PayloadOf } from '../../../shared/case';
import { iinControlDigit } from '../../../shared/identity';
import { journalNameTokens } from '../../../shared/journal';
import { sampleApplicant, sampleRegistered } from '../../../shared/case/testing';
import { atRestKeysFromSecret, BLIND_MARK, blindValue, type AtRestKeys } from './at-rest';
import { ATREST, sealAhead, sealStoredRows } from './at-rest-middleware';
import { profileRootKey } from './at-rest-keys';
import { registerApplication, type ActContext } from './case-store';
import { DeskDatabase, type PersonRow } from './database';
import { caseEventsOf } from './event-rows';
import { findPerson, loadAttachment, storeAttachments } from './intake-queries';
import { queryJournal } from './journal-queries';
import { journalKeyTail, nameKeysOf, rebuildNameIndex } from './name-index';
import { findTsaRecipient, importTsaRecipients } from './tsa-register-queries';
import { seedActors } from './testing';

const opened: DeskDatabase[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: 'KZL01',
  districtId: 'AKK',
  deviceId: 'desk-1',
};
const ctx = (nowMs: number): ActContext => ({
  actor: specialist,
  legalTime: '2025-03-03T10:00',
  nowMs,
  newId: () => crypto.randomUUID(),
});
const numbering = { officeCode: 'KZL01', deviceNo: 1 };
const calendar = createWorkingCalendar();
const journalCtx = { now: '2025-03-04T09:00', calendar };
/** The income the sample declares, in tiyn: it must never be stored readable. */
const INCOME = '9000000';

function registration(): Omit<PayloadOf<'Registered'>, 'registrationNumber'> {
  const { registrationNumber: _n, ...rest } = sampleRegistered();
  return rest;
}

async function keysOf(fill: number): Promise<AtRestKeys> {
  return atRestKeysFromSecret(new Uint8Array(32).fill(fill), 'osSecretStore');
}

/** The desk's database sealed with `keys`, and the same database read as IndexedDB stores it. */
function databases(keys: AtRestKeys): { sealed: DeskDatabase; raw: DeskDatabase } {
  const name = `at-rest-${crypto.randomUUID()}`;
  const sealed = new DeskDatabase(name, keys);
  const raw = new DeskDatabase(name);
  opened.push(sealed);
  return { sealed, raw };
}

/** Everything the raw database holds, as one text (blobs and sealed bytes are not text). */
async function rawText(raw: DeskDatabase): Promise<string> {
  const parts: string[] = [];
  for (const table of raw.tables) {
    parts.push(JSON.stringify(await table.toArray()));
    parts.push(JSON.stringify(await table.toCollection().primaryKeys()));
  }
  raw.close();
  return parts.join('\n');
}

describe('citizens’ data at rest (issue 11 §1)', () => {
  test('a registered case leaves no IIN, name, address or income readable, and is still found by IIN and name prefix', async () => {
    const keys = await keysOf(7);
    const { sealed, raw } = databases(keys);
    await seedActors(sealed, specialist);
    await registerApplication(sealed, 'case-1', registration(), numbering, ctx(1_000));

    const text = await rawText(raw);
    for (const secret of [
      sampleApplicant.iin,
      sampleApplicant.lastName,
      sampleApplicant.firstName,
      sampleApplicant.address,
      INCOME,
      'Нұрлан',
      'сейіт', // a folded name word, as the name index would keep it in plain
    ]) {
      expect(text).not.toContain(secret);
    }
    // What the search meets is the blind value of the IIN, kept in the journal row.
    expect(text).toContain(await blindValue(keys, sampleApplicant.iin));

    expect(await findPerson(sealed, sampleApplicant.iin)).toMatchObject({
      lastName: sampleApplicant.lastName,
      address: sampleApplicant.address,
    });
    const byIin = await queryJournal(sealed, { search: sampleApplicant.iin }, journalCtx);
    expect(byIin.total).toBe(1);
    const [row] = await byIin.window(0, 10);
    expect(row?.applicantName).toContain(sampleApplicant.lastName);
    expect(row?.iin).toBe(sampleApplicant.iin);
    for (const sort of ['dateDesc', 'nameAsc'] as const) {
      const byName = await queryJournal(sealed, { search: 'сейі', sort }, journalCtx);
      expect(byName.total, sort).toBe(1);
    }
    expect((await queryJournal(sealed, { search: 'ким' }, journalCtx)).total).toBe(0);
    // The case's events open to what was registered (the case page folds them).
    const events = await caseEventsOf(sealed, 'case-1');
    const registered = events.find((e) => e.type === 'Registered');
    expect(JSON.stringify(registered?.payload)).toContain(INCOME);
    // A cursor read (anyOf walks one) opens rows too.
    const viaCursor = await sealed.cases.where('stage').anyOf(['registered', 'x']).toArray();
    expect(viaCursor.map((r) => r.iin)).toEqual([sampleApplicant.iin]);
  });

  test('the name index under sealing finds exactly what the plain index finds, for a prefix of every length, with one key a word', async () => {
    const keys = await keysOf(5);
    const { sealed, raw } = databases(keys);
    const plain = new DeskDatabase(`plain-${crypto.randomUUID()}`);
    opened.push(plain);
    const first11 = '85031540013';
    const control = iinControlDigit(first11);
    if (!control) throw new Error('no control digit');
    // Two names that share long prefixes and part ways at different places of a three-prefix chain.
    const applicants = [
      sampleApplicant,
      {
        ...sampleApplicant,
        iin: `${first11}${control.digit}`,
        lastName: 'Сейітқалиева',
        firstName: 'Әйгерімгүл',
        patronymic: 'Қайратовна',
      },
    ];
    for (const database of [sealed, plain]) {
      await seedActors(database, specialist);
      for (const [i, applicant] of applicants.entries()) {
        const payload = { ...registration(), applicant };
        await registerApplication(database, `case-${i}`, payload, numbering, ctx(1_000 + i));
      }
    }
    const words = applicants.map((a) => [...new Set(journalNameTokens([a]))]);
    const prefixes = new Set(words.flat().flatMap((w) => [...w].map((_, n) => w.slice(0, n + 1))));
    const found = async (database: DeskDatabase, search: string, sort: 'dateDesc' | 'nameAsc') => {
      const result = await queryJournal(database, { search, sort }, journalCtx);
      return (await result.window(0, 10)).map((r) => r.id).sort();
    };
    for (const prefix of prefixes) {
      const expected = words.flatMap((list, i) =>
        list.some((w) => w.startsWith(prefix)) ? [`case-${i}`] : [],
      );
      for (const sort of ['dateDesc', 'nameAsc'] as const) {
        expect(await found(sealed, prefix, sort), `${prefix} ${sort}`).toEqual(expected);
        expect(await found(plain, prefix, sort), `${prefix} ${sort} plain`).toEqual(expected);
      }
    }
    // One key a word, whatever its length.
    const expectedKeys = words.flat().length;
    expect(await raw.caseNames.count()).toBe(expectedKeys);
    raw.close();
  });

  test('the version 15 upgrade replaces the multi-entry name index with keys, one a word, built from the rows', async () => {
    const keys = await keysOf(6);
    const { sealed, raw } = databases(keys);
    await seedActors(sealed, specialist);
    await registerApplication(sealed, 'case-1', registration(), numbering, ctx(1_000));
    const [row] = await sealed.cases.toArray();
    if (!row) throw new Error('no row');
    // The same rows as stored, in a database of version 14 with its multi-entry name index.
    const name = `v14-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(14).stores({
      ...Object.fromEntries(
        raw.tables
          .filter((t) => t.name !== 'caseNames')
          .map((t) => [
            t.name,
            [t.schema.primKey, ...t.schema.indexes].map((i) => i.src).join(','),
          ]),
      ),
      nameIndex: 'k, *w',
      outbox: '&eventId, caseId, createdAtMs, rejectedAtMs',
    });
    await old.open();
    for (const t of raw.tables) {
      if (t.name === 'caseNames') continue;
      const rows = await t.toArray();
      if (t.schema.primKey.keyPath) await old.table(t.name).bulkPut(rows);
      else await old.table(t.name).bulkPut(rows, await t.toCollection().primaryKeys());
    }
    raw.close();
    await old.table('nameIndex').put({ k: '\u0001x', w: [await blindValue(keys, 'с')] });
    old.close();

    const upgraded = new DeskDatabase(name, keys);
    opened.push(upgraded);
    await upgraded.open();
    expect(upgraded.verno).toBe(19);
    expect(upgraded.tables.map((t) => t.name)).not.toContain('nameIndex');
    for (const search of ['с', 'сей', 'сейі', 'сейітова', 'әйгері', 'қайратқ']) {
      const result = await queryJournal(upgraded, { search }, journalCtx);
      expect(result.total, search).toBe(1);
    }
    expect((await queryJournal(upgraded, { search: 'ким' }, journalCtx)).total).toBe(0);
    // One key a word, each blind (no plain word is stored), each ending with the case's place.
    const words = nameKeysOf(row).map((k) => k.slice(0, k.indexOf('\u0001')));
    const stored = (await new DeskDatabase(name).caseNames.toCollection().primaryKeys()).map(
      String,
    );
    expect(stored).toHaveLength(words.length);
    for (const key of stored) {
      expect(key.startsWith(BLIND_MARK)).toBe(true);
      expect(key.endsWith(journalKeyTail(row))).toBe(true);
      for (const word of words) expect(key.includes(word)).toBe(false);
    }
  });

  test('a row sealed ahead is written without WebCrypto and reads back as the row; one not sealed ahead is sealed by the write', async () => {
    const keys = await keysOf(7);
    const { sealed, raw } = databases(keys);
    const person = (iin: string): PersonRow => ({
      iin,
      lastName: sampleApplicant.lastName,
      firstName: sampleApplicant.firstName,
      birthDate: sampleApplicant.birthDate,
      sex: sampleApplicant.sex,
      address: sampleApplicant.address,
      inMobileCitizensDb: false,
      updatedAtMs: 1_000,
    });
    const ahead = person(sampleApplicant.iin);
    const later = person(`${sampleApplicant.iin.slice(0, 11)}9`);
    await sealAhead(keys, 'people', [ahead]);
    await sealed.open();
    const calls = () => encrypt.mock.calls.length + sign.mock.calls.length;
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt');
    const sign = vi.spyOn(crypto.subtle, 'sign');
    // A transaction held open for WebCrypto is kept busy with reads (holdTransaction).
    const reads = vi.spyOn(IDBObjectStore.prototype, 'get');
    try {
      await sealed.people.put(ahead);
      expect(calls()).toBe(0);
      expect(reads).not.toHaveBeenCalled();
      await sealed.people.put(later);
      expect(calls()).toBeGreaterThan(0);
    } finally {
      encrypt.mockRestore();
      sign.mockRestore();
      reads.mockRestore();
    }
    // The caller's rows keep their plain keys (Dexie writes the stored key back into a put row).
    expect([ahead.iin, later.iin]).toEqual([
      sampleApplicant.iin,
      `${sampleApplicant.iin.slice(0, 11)}9`,
    ]);
    expect(await sealed.people.get(ahead.iin)).toEqual(ahead);
    expect(await sealed.people.get(later.iin)).toEqual(later);
    const text = await rawText(raw);
    expect(text).not.toContain(sampleApplicant.lastName);
    expect(text).not.toContain(sampleApplicant.iin);
  });

  test('another data key opens nothing: a copy of the profile without the key reveals no person', async () => {
    const { sealed } = databases(await keysOf(7));
    await seedActors(sealed, specialist);
    await registerApplication(sealed, 'case-1', registration(), numbering, ctx(1_000));
    sealed.close();
    const thief = new DeskDatabase(sealed.name, await keysOf(8));
    opened.push(thief);
    expect(await findPerson(thief, sampleApplicant.iin)).toBeUndefined();
    await expect(thief.cases.toArray()).rejects.toThrow();
  });

  test('scans, the recipients register and PINs are sealed; a blind key is looked up, not scanned', async () => {
    const keys = await keysOf(7);
    const { sealed, raw } = databases(keys);
    const scan = new Blob(['%PDF-1.4 Сейітова Әйгерім 850315400124'], { type: 'application/pdf' });
    const stored = await storeAttachments(
      sealed,
      [{ name: 'Сейітова-өтініш.pdf', blob: scan }],
      1_000,
    );
    expect(stored.ok).toBe(true);
    await importTsaRecipients(
      sealed,
      [
        {
          iin: sampleApplicant.iin,
          quarter: '2026-Q4',
          fullName: 'Сейітова Әйгерім',
          familyMembers: ['Сейітов Нұрлан'],
        },
      ],
      { mode: 'replaceQuarters', nowMs: 1, source: 'tsa.csv' },
    );
    await seedActors(sealed, {
      ...specialist,
      userId: 'u-akim',
      role: 'akim',
    });
    const text = await rawText(raw);
    expect(text).not.toContain('Сейітова');
    expect(text).not.toContain(sampleApplicant.iin);
    expect(text).not.toContain('PBKDF2');

    const hash = stored.ok ? (stored.attachments[0]?.sha256 ?? '') : '';
    const back = await loadAttachment(sealed, hash);
    expect(back?.name).toBe('Сейітова-өтініш.pdf');
    expect(await back?.blob.text()).toBe(await scan.text());
    expect(back?.blob.type).toBe('application/pdf');
    expect(await findTsaRecipient(sealed, sampleApplicant.iin, '2026-Q4')).toMatchObject({
      fullName: 'Сейітова Әйгерім',
    });
    expect((await sealed.users.get('u-akim'))?.signingKey?.wrapped).toBeDefined();
    await expect(sealed.cases.where('iin').between('1', '9').toArray()).rejects.toThrow(
      /blind index/,
    );
  });

  test('the version 10 upgrade seals rows stored in plain, under blind keys only', async () => {
    const name = `at-rest-${crypto.randomUUID()}`;
    const plain = new DeskDatabase(name);
    await seedActors(plain, specialist);
    await registerApplication(plain, 'case-1', registration(), numbering, ctx(1_000));
    expect(await rawText(plain)).toContain(sampleApplicant.iin);
    const keys = await keysOf(7);
    const sealed = new DeskDatabase(name, keys);
    opened.push(sealed);
    await sealed.transaction('rw', sealed.tables, async (tx) => {
      await sealStoredRows(tx);
      // The name index of then is dropped by v14; v15 builds its successor from the sealed rows.
      await rebuildNameIndex(tx.table('caseNames'), await tx.table('cases').toArray());
    });
    const text = await rawText(new DeskDatabase(name));
    expect(text).not.toContain(sampleApplicant.iin);
    expect(text).not.toContain(sampleApplicant.lastName);
    for (const word of journalNameTokens([sampleApplicant])) expect(text).not.toContain(word);
    expect(text).toContain(ATREST);
    expect(await findPerson(sealed, sampleApplicant.iin)).toMatchObject({
      firstName: sampleApplicant.firstName,
    });
    expect((await queryJournal(sealed, { search: 'сейі' }, journalCtx)).total).toBe(1);
    expect((await queryJournal(sealed, { search: sampleApplicant.iin }, journalCtx)).total).toBe(1);
  });

  test('a browser profile keeps one non-extractable root key', async () => {
    const first = await profileRootKey();
    const again = await profileRootKey();
    expect(first.extractable).toBe(false);
    const a = await atRestKeysFromSecret(new Uint8Array(32).fill(1), 'browserProfile');
    expect(a.seal.extractable).toBe(false);
    expect(a.blind.extractable).toBe(false);
    expect(again.algorithm.name).toBe('HKDF');
  });
});
