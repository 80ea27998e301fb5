import 'fake-indexeddb/auto';
import type { FieldErrors } from 'react-hook-form';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Actor, CaseEventType } from '../../../../../shared/case';
import { sampleRegistered } from '../../../../../shared/case/testing';
import {
  appendEvent,
  caseEventsOf,
  DeskDatabase,
  loadCase,
  registerApplication,
  type ActContext,
  type AppendResult,
  type EventDraft,
  type UserRow,
} from '../../../db';
import {
  parsePayload,
  payloadResolver,
  saveCaseEvent,
  shownErrors,
  typedDate,
  typedName,
} from './form-kit';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
  vi.restoreAllMocks();
});

const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: 'KZL01',
  districtId: 'AKK',
  deviceId: 'desk-1',
};

/** The specialist as an active user of the desk (the store checks who acts). */
const specialistRow: UserRow = {
  id: specialist.userId,
  name: 'Сейітова Әйгерім',
  role: 'specialist',
  pinHash: { algorithm: 'PBKDF2-SHA256', iterations: 1, salt: '', hash: '' },
  signingKey: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  active: true,
};

function context(): ActContext {
  return {
    actor: specialist,
    legalTime: '2025-03-03T10:00',
    nowMs: Date.UTC(2025, 2, 3, 5),
    newId: () => crypto.randomUUID(),
  };
}

/** A reason typed with a decomposed letter: "и" + U+0306 instead of "й". */
const DECOMPOSED = 'Өтініш беруші өтінішін кері қайтарды: үйге көшті'.normalize('NFD');
const COMPOSED = 'Өтініш беруші өтінішін кері қайтарды: үйге көшті';

describe('the action forms save through one path', () => {
  test('the resolver does not refuse a decomposed letter, and the parsed payload is NFC', async () => {
    expect(DECOMPOSED).not.toBe(COMPOSED);
    const resolver = payloadResolver('TermSuspended', (v: { reason: string }) => ({
      payload: { reason: v.reason },
    }));
    const checked = await resolver({ reason: DECOMPOSED }, undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    } as never);
    expect(checked.errors).toEqual({});
    expect(parsePayload('TermSuspended', { reason: DECOMPOSED })).toEqual({ reason: COMPOSED });
  });

  test('a reason typed decomposed is stored as NFC', async () => {
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await db.users.put(specialistRow);
    const { registrationNumber: _n, ...draft } = sampleRegistered();
    const d = db;
    await registerApplication(d, 'case-1', draft, { officeCode: 'KZL01', deviceNo: 1 }, context());
    const append = <T extends CaseEventType>(e: EventDraft<T>) => appendEvent(d, e, context());
    const saved = await saveCaseEvent(append, 'case-1', 'Withdrawn', {
      reason: DECOMPOSED,
      requestDate: '2025-03-03',
    });
    expect(saved.ok).toBe(true);
    const withdrawn = (await caseEventsOf(d, 'case-1')).find((e) => e.type === 'Withdrawn');
    expect(withdrawn?.type === 'Withdrawn' && withdrawn.payload.reason).toBe(COMPOSED);
    expect((await loadCase(d, 'case-1')).stage).toBe('withdrawn');
  });

  test('a write the database refuses becomes a message key; the store’s refusals pass through', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const refused: AppendResult = { ok: false, reason: 'case:rejections.roleNotAllowed' };
    expect(
      await saveCaseEvent(() => Promise.resolve(refused), 'c', 'TermSuspended', { reason: 'x' }),
    ).toEqual(refused);
    db = new DeskDatabase(`t-${crypto.randomUUID()}`);
    await db.open();
    db.close();
    const d = db;
    const closed = await saveCaseEvent((e) => appendEvent(d, e, context()), 'c', 'TermSuspended', {
      reason: 'x',
    });
    expect(closed).toEqual({ ok: false, reason: 'common:writeErrors.closed' });
    const aborted = await saveCaseEvent(
      () => Promise.reject(new DOMException('The transaction was aborted.', 'AbortError')),
      'c',
      'TermSuspended',
      { reason: 'x' },
    );
    expect(aborted).toEqual({ ok: false, reason: 'common:writeErrors.aborted' });
  });
});

describe('when errors show, and one reading of a typed date', () => {
  const errors: FieldErrors<{ actDate: string; members: { name: string }[] }> = {
    actDate: { type: 'validate', message: 'inputChecks:date.noSuchDate' },
    members: [{ name: { type: 'validate', message: 'case:validation.required' } }],
  };

  test('only fields left by the person, until the form is submitted', () => {
    expect(shownErrors({ errors, touchedFields: {}, isSubmitted: false })).toEqual({});
    expect(shownErrors({ errors, touchedFields: { actDate: true }, isSubmitted: false })).toEqual({
      actDate: errors.actDate,
    });
    // A row just added (validated by react-hook-form as a whole list) shows nothing until touched.
    expect(
      shownErrors({ errors, touchedFields: { members: [{ name: true }] }, isSubmitted: false }),
    ).toEqual({ members: [{ name: errors.members?.[0]?.name }] });
    expect(shownErrors({ errors, touchedFields: {}, isSubmitted: true })).toBe(errors);
  });

  test('31.02 is no such date, and an act before the registration is refused, in every form', () => {
    const found: Record<string, string> = {};
    expect(typedDate('31.02.2026', 'actDate', found)).toBe('31.02.2026');
    expect(found).toEqual({ actDate: 'inputChecks:date.noSuchDate' });
    const limits = {
      notAfter: '2026-11-23',
      notBefore: { date: '2026-11-20', kind: 'registration' as const },
    };
    const early: Record<string, string> = {};
    typedDate('19.11.2026', 'date', early, limits);
    expect(early).toEqual({ date: 'inputChecks:date.beforeRegistration' });
    const fine: Record<string, string> = {};
    expect(typedDate('20.11.2026', 'date', fine, limits)).toBe('2026-11-20');
    expect(fine).toEqual({});
  });
});

describe('typedName: a name typed whole on a case-page form (commission member, handed to)', () => {
  test('checked as every person’s name: a Latin look-alike and Latin letters are refused, Cyrillic passes', () => {
    const errors: Record<string, string> = {};
    expect(typedName('Ceйітова Әйгерім', 'name', errors)).toBe('Ceйітова Әйгерім');
    expect(errors).toEqual({ name: 'inputChecks:name.latinLookalike' });
    const latin: Record<string, string> = {};
    typedName('Seitova', 'members.0.name', latin);
    expect(latin).toEqual({ 'members.0.name': 'inputChecks:name.notCyrillic' });
    const fine: Record<string, string> = {};
    typedName('Сейітова Әйгерім Қайратқызы', 'name', fine);
    // A commission member as the act writes them: surname and initials.
    typedName('Ахметов Б. К.', 'members.0.name', fine);
    expect(fine).toEqual({});
  });
});
