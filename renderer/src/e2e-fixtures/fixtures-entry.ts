// The page the e2e tests use to bring the desk to a given day's state without typing every earlier
// case: it opens the desk's own database and writes through the desk's own commands (the case store's
// registration and append, with every check they make, and its import of events from elsewhere), so
// every journal row comes from the one projection, as in use. Built only into the e2e tests' copy of
// the desk (e2e/global-setup.ts); the desk never links to it.
import type { CaseEventType, PayloadOf } from '../../../shared/case';
import {
  appendEvent,
  DeskDatabase,
  deskCaseStateHash,
  importCaseEvents,
  loadOfficeProfile,
  openAtRestKeys,
  registerApplication,
  type ActContext,
  type AppendResult,
  type ImportResult,
  type RegistrationDraft,
} from '../db';
import { actContextFor } from '../features/session';

import { getPlatform } from '../platform';

// The desk's own database with the desk's own sealing keys (db/at-rest.ts): the same origin's
// profile key, so what the fixtures write the desk reads, sealed as the desk seals it.
const db = new DeskDatabase('akimat-desk', await openAtRestKeys(await getPlatform().dataKey()));

/** The act of the user named `userName` at `legalTime`, with the office of this desk. */
async function act(userName: string, legalTime: string, nowMs: number): Promise<ActContext> {
  const office = await loadOfficeProfile(db);
  if (!office) throw new Error('the desk is not set up');
  const user = (await db.users.toArray()).find((u) => u.name === userName && u.active);
  if (!user) throw new Error(`no active user named ${userName}`);
  return actContextFor(user, office, nowMs, legalTime);
}

const api = {
  async register(input: {
    caseId: string;
    userName: string;
    draft: RegistrationDraft;
    nowMs: number;
  }): Promise<AppendResult> {
    const office = await loadOfficeProfile(db);
    if (!office) throw new Error('the desk is not set up');
    const ctx = await act(input.userName, input.draft.receivedAt, input.nowMs);
    return registerApplication(
      db,
      input.caseId,
      input.draft,
      { officeCode: office.code, deviceNo: office.deviceNo },
      { ...ctx, newId: () => `${input.caseId}-${crypto.randomUUID()}` },
    );
  },

  async append<T extends CaseEventType>(input: {
    caseId: string;
    userName: string;
    type: T;
    payload: PayloadOf<T>;
    legalTime: string;
    nowMs: number;
  }): Promise<AppendResult> {
    const ctx = await act(input.userName, input.legalTime, input.nowMs);
    return appendEvent(db, { caseId: input.caseId, type: input.type, payload: input.payload }, ctx);
  },

  /** Events from elsewhere (another desk's earlier cases), through the desk's import. */
  importEvents(events: readonly unknown[], nowMs: number): Promise<ImportResult> {
    return importCaseEvents(db, events, nowMs);
  },

  /** The desk's case state hash (db deskCaseStateHash), read through the desk's at-rest layer. */
  stateHash(): Promise<string> {
    return deskCaseStateHash(db);
  },

  /** The office of this desk, so tests build events in its name. */
  async office() {
    return loadOfficeProfile(db);
  },

  /** The ids of the users of this desk, by name. */
  async users() {
    return (await db.users.toArray()).map((u) => ({ id: u.id, name: u.name, role: u.role }));
  },
};

export type FixturesApi = typeof api;
Object.assign(window, { akimatFixtures: api });
