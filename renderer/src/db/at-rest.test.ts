import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../shared/calendar';
import type { Actor, PayloadOf } from '../../../shared/case';
import { sampleApplicant, sampleRegistered } from '../../../shared/case/testing';
import { atRestKeysFromSecret, blindValue, type AtRestKeys } from './at-rest';
import { ATREST, sealStoredRows } from './at-rest-middleware';
import { profileRootKey } from './at-rest-keys';
import { registerApplication, type ActContext } from './case-store';
import { DeskDatabase } from './database';
import { findPerson, loadAttachment, storeAttachments } from './intake-queries';
import { queryJournal } from './journal-queries';
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
    const events = await sealed.events.where('caseId').equals('case-1').toArray();
    const registered = events.find((e) => e.type === 'Registered');
    expect(JSON.stringify(registered?.payload)).toContain(INCOME);
    // A cursor read (anyOf walks one) opens rows too.
    const viaCursor = await sealed.cases.where('stage').anyOf(['registered', 'x']).toArray();
    expect(viaCursor.map((r) => r.iin)).toEqual([sampleApplicant.iin]);
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
    await sealed.transaction('rw', sealed.tables, (tx) => sealStoredRows(tx));
    const text = await rawText(new DeskDatabase(name));
    expect(text).not.toContain(sampleApplicant.iin);
    expect(text).not.toContain(sampleApplicant.lastName);
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
