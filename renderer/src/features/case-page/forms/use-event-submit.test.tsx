import 'fake-indexeddb/auto';
import { configureStore } from '@reduxjs/toolkit';
import { renderToStaticMarkup } from 'react-dom/server';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createWorkingCalendar } from '../../../../../shared/calendar';
import type { Actor, CaseEventType } from '../../../../../shared/case';
import { sampleRegistered } from '../../../../../shared/case/testing';
import { sampleOfficeProfile } from '../../../../../shared/office/testing';
import { DeskProvider, type DeskStartServices } from '../../../app/desk-context';
import { caseEventsOf, DeskDatabase, registerApplication } from '../../../db';
import { preferencesSlice } from '../../preferences';
import { sessionSlice } from '../../session';
import { useEventSubmit } from './form-kit';

// The submit of a form its payloadResolver validated (saveParsed), through the real hook on a real
// desk database: rendered once as static markup (the unit tests run without a DOM), then called as
// the form's submit calls it.

const LEGAL_TIME = '2025-03-03T10:00';
const office = sampleOfficeProfile();
const specialist: Actor = {
  userId: 'u-spec',
  role: 'specialist',
  officeId: office.officeId,
  districtId: office.districtId,
  deviceId: office.deviceId,
};

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

type Submit = ReturnType<typeof useEventSubmit>;

/** A desk with one registered case, and the hook of a form on it as the specialist. */
async function formOnCase(
  onDone: (type: CaseEventType) => void,
): Promise<Submit & { db: DeskDatabase }> {
  db = new DeskDatabase(`t-${crypto.randomUUID()}`);
  const d = db;
  // The person the form acts as (features reach db only through its index, so no db/testing here).
  await d.users.put({
    id: specialist.userId,
    name: specialist.userId,
    role: specialist.role,
    pinHash: { algorithm: 'PBKDF2-SHA256', iterations: 1, salt: '', hash: specialist.userId },
    signingKey: null,
    createdAt: '2000-01-01T00:00:00.000Z',
    active: true,
  });
  const { registrationNumber: _n, ...draft } = sampleRegistered();
  await registerApplication(
    d,
    'case-1',
    draft,
    { officeCode: office.code, deviceNo: office.deviceNo },
    {
      actor: specialist,
      legalTime: LEGAL_TIME,
      nowMs: Date.UTC(2025, 2, 3, 5),
      newId: () => crypto.randomUUID(),
    },
  );
  const store = configureStore({
    reducer: { preferences: preferencesSlice.reducer, session: sessionSlice.reducer },
    preloadedState: {
      preferences: { language: 'kk' as const },
      session: {
        user: { id: specialist.userId, name: 'Сейітова Әйгерім', role: 'specialist' as const },
        locked: false,
      },
    },
  });
  const services = {
    db: d,
    calendar: createWorkingCalendar(),
    office,
    clock: {
      nowMs: () => Date.UTC(2025, 2, 3, 5),
      nowLocal: () => LEGAL_TIME,
      today: () => LEGAL_TIME.slice(0, 10),
    },
  } as unknown as DeskStartServices;
  let submit: Submit | undefined;
  function Probe() {
    submit = useEventSubmit('case-1', onDone);
    return null;
  }
  renderToStaticMarkup(
    <Provider store={store}>
      <DeskProvider services={services}>
        <Probe />
      </DeskProvider>
    </Provider>,
  );
  if (submit === undefined) throw new Error('the form did not render');
  return { ...submit, db: d };
}

describe('saveParsed: the submit of a resolver-validated form', () => {
  test('a payload the schema accepts is saved in NFC, and the form is done', async () => {
    const onDone = vi.fn();
    const { saveParsed, db: d } = await formOnCase(onDone);
    const reason = 'Өтініш беруші өтінішін кері қайтарды: үйге көшті';
    await saveParsed('Withdrawn', { reason: reason.normalize('NFD'), requestDate: '2025-03-03' });
    expect(onDone).toHaveBeenCalledWith('Withdrawn');
    const events = await caseEventsOf(d, 'case-1');
    const withdrawn = events.find((e) => e.type === 'Withdrawn');
    expect(withdrawn?.type === 'Withdrawn' && withdrawn.payload.reason).toBe(reason);
  });

  test('a payload the schema refuses is not saved, and the form stays open', async () => {
    const onDone = vi.fn();
    const { saveParsed, db: d } = await formOnCase(onDone);
    const before = (await caseEventsOf(d, 'case-1')).length;
    await saveParsed('Withdrawn', { reason: '', requestDate: '31.02.2025' });
    expect(onDone).not.toHaveBeenCalled();
    expect(await caseEventsOf(d, 'case-1')).toHaveLength(before);
  });
});
