import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { Actor } from '../../../shared/case';
import { sampleRegistrationDraft } from '../../../shared/case/testing';
import { loadCase, registerApplication, type ActContext } from './case-store';
import { sampleOfficeProfile } from '../../../shared/office/testing';
import { DeskDatabase } from './database';
import { allCaseEvents } from './event-rows';
import { saveOfficeProfile } from './office-repository';
import { checkResolution, imposeResolution } from './resolution-commands';
import { seedActors } from './testing';
import { createUser, PIN_ATTEMPTS_BEFORE_WAIT } from './users-queries';

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

const place = { officeId: 'KZL01', districtId: 'AKK', deviceId: 'desk-1' };
const specialist: Actor = { userId: 'u-spec', role: 'specialist', ...place };
const AKIM_PIN = '739146';

function context(actor: Actor, nowMs = Date.UTC(2025, 2, 3, 5, 10)): ActContext {
  return { actor, legalTime: '2025-03-03T10:10', nowMs, newId: () => crypto.randomUUID() };
}

/** A desk with a specialist, an akim with a real PIN, and one registered case. */
async function deskWithCase(): Promise<{ d: DeskDatabase; akim: Actor }> {
  const d = new DeskDatabase(`t-${crypto.randomUUID()}`);
  db = d;
  await saveOfficeProfile(d, sampleOfficeProfile({ officeId: 'KZL01', districtId: 'AKK' }));
  await seedActors(d, specialist);
  const row = await createUser(
    d,
    { name: 'Жұмабаев Серік', role: 'akim', pin: AKIM_PIN },
    { nowMs: 0, iterations: 1 },
  );
  const draft = sampleRegistrationDraft();
  const registered = await registerApplication(
    d,
    'case-1',
    draft,
    { officeCode: 'KZL01', deviceNo: 1 },
    context(specialist),
  );
  expect(registered.ok).toBe(true);
  return { d, akim: { userId: row.id, role: 'akim', ...place } };
}

const draft = {
  executorUserId: specialist.userId,
  text: 'Заңнамада белгіленген тәртіппен қарауға',
};

async function resolutions(d: DeskDatabase): Promise<number> {
  return (await allCaseEvents(d)).filter((e) => e.type === 'ResolutionImposed').length;
}

describe('the akim imposes a resolution with the PIN', () => {
  test('with the right PIN the resolution is saved', async () => {
    const { d, akim } = await deskWithCase();
    const result = await imposeResolution(d, 'case-1', draft, AKIM_PIN, context(akim));
    expect(result.ok).toBe(true);
    expect((await loadCase(d, 'case-1')).resolution).toMatchObject(draft);
  });

  test('a wrong PIN saves nothing and says so, and counts towards the wait', async () => {
    const { d, akim } = await deskWithCase();
    const wrong = await imposeResolution(d, 'case-1', draft, '1593', context(akim));
    expect(wrong).toEqual({
      ok: false,
      reason: 'identity:pin.wrong',
      attemptsLeft: PIN_ATTEMPTS_BEFORE_WAIT - 1,
    });
    expect(await resolutions(d)).toBe(0);
    for (let i = 1; i < PIN_ATTEMPTS_BEFORE_WAIT; i++) {
      await imposeResolution(d, 'case-1', draft, '1593', context(akim));
    }
    // After five wrong PINs even the right one waits.
    const waiting = await imposeResolution(d, 'case-1', draft, AKIM_PIN, context(akim));
    expect(waiting).toMatchObject({ ok: false, reason: 'session:pin.wait' });
    expect(await resolutions(d)).toBe(0);
  });

  test('a draft the schema refuses is refused before the PIN is tried', async () => {
    const { d, akim } = await deskWithCase();
    const blank = await imposeResolution(
      d,
      'case-1',
      { ...draft, text: '   ' },
      '0000',
      context(akim),
    );
    expect(blank).toEqual({ ok: false, reason: 'case:validation.required', field: 'text' });
    const notSpecialist = await imposeResolution(
      d,
      'case-1',
      { ...draft, executorUserId: akim.userId },
      AKIM_PIN,
      context(akim),
    );
    expect(notSpecialist).toMatchObject({ ok: false, field: 'executorUserId' });
    // No wrong PIN was counted: the next wrong one still leaves all but one attempt.
    const wrong = await imposeResolution(d, 'case-1', draft, '0000', context(akim));
    expect(wrong).toMatchObject({ attemptsLeft: PIN_ATTEMPTS_BEFORE_WAIT - 1 });
    expect(await resolutions(d)).toBe(0);
  });

  test('the store still checks who acts: a specialist’s right PIN imposes nothing', async () => {
    const { d } = await deskWithCase();
    const row = await createUser(
      d,
      { name: 'Ахметова Дана', role: 'specialist', pin: '2468' },
      { nowMs: 0, iterations: 1 },
    );
    const asSpecialist: Actor = { userId: row.id, role: 'specialist', ...place };
    const result = await imposeResolution(d, 'case-1', draft, '2468', context(asSpecialist));
    expect(result).toMatchObject({ ok: false, reason: 'case:rejections.roleNotAllowed' });
    expect(await resolutions(d)).toBe(0);
  });

  test('text typed with a decomposed letter is saved as NFC', async () => {
    const typed = 'Қарауға: Майлыбаева Айгүл'.normalize('NFD');
    const checked = checkResolution({ ...draft, text: ` ${typed} ` });
    expect(checked).toEqual({
      ok: true,
      payload: { executorUserId: specialist.userId, text: 'Қарауға: Майлыбаева Айгүл' },
    });
    const { d, akim } = await deskWithCase();
    await imposeResolution(d, 'case-1', { ...draft, text: typed }, AKIM_PIN, context(akim));
    expect((await loadCase(d, 'case-1')).resolution?.text).toBe('Қарауға: Майлыбаева Айгүл');
  });
});
