import type { BrowserContext, Page } from 'playwright-core';
import type { CaseEventType, PayloadOf } from '../../shared/case';

/** What the intake hands to registration (renderer/src/db RegistrationDraft): the store adds the rest. */
export type RegistrationDraft = Omit<
  PayloadOf<'Registered'>,
  'registrationNumber' | 'registrationDate' | 'dueDate' | 'ruleSetId'
>;

// Brings a set-up desk to a given day's state through the desk's own commands (the fixtures page,
// renderer/src/e2e-fixtures): every case is registered and moved on by the case store with all its
// checks, and its journal row comes from the one projection. Run after the office is set up.

interface Fixtures {
  register(input: {
    caseId: string;
    userName: string;
    draft: RegistrationDraft;
    nowMs: number;
  }): Promise<{ ok: boolean; reason?: string }>;
  append(input: {
    caseId: string;
    userName: string;
    type: CaseEventType;
    payload: unknown;
    legalTime: string;
    nowMs: number;
  }): Promise<{ ok: boolean; reason?: string }>;
  importEvents(
    events: readonly unknown[],
    nowMs: number,
  ): Promise<{ stored: number; duplicates: number; held: number; invalid: string[] }>;
  office(): Promise<{ officeId: string; districtId: string; deviceId: string } | null>;
  users(): Promise<{ id: string; name: string; role: string }[]>;
  stateHash(): Promise<string>;
}
type FixturesWindow = { akimatFixtures: Fixtures };

/** A page of the same origin as the desk (so the same IndexedDB) with the fixtures loaded. */
export async function openFixtures(
  context: BrowserContext,
  deskUrl: string,
): Promise<DeskFixtures> {
  const page = await context.newPage();
  await page.goto(`${deskUrl}e2e-fixtures.html`);
  await page.waitForFunction(() => 'akimatFixtures' in window);
  return new DeskFixtures(page);
}

const legalMs = (legalTime: string) => Date.parse(`${legalTime}:00+05:00`);

export class DeskFixtures {
  constructor(readonly page: Page) {}

  async register(caseId: string, userName: string, draft: RegistrationDraft): Promise<void> {
    const result = await this.page.evaluate(
      (input) => (window as unknown as FixturesWindow).akimatFixtures.register(input),
      { caseId, userName, draft, nowMs: legalMs(draft.receivedAt) },
    );
    if (!result.ok) throw new Error(`${caseId} not registered: ${result.reason ?? '?'}`);
  }

  async append<T extends CaseEventType>(
    caseId: string,
    userName: string,
    type: T,
    payload: PayloadOf<T>,
    legalTime: string,
  ): Promise<void> {
    const result = await this.page.evaluate(
      (input) => (window as unknown as FixturesWindow).akimatFixtures.append(input),
      { caseId, userName, type, payload, legalTime, nowMs: legalMs(legalTime) },
    );
    if (!result.ok) throw new Error(`${caseId} ${type} refused: ${result.reason ?? '?'}`);
  }

  async importEvents(events: readonly unknown[], nowMs: number) {
    return this.page.evaluate(
      ({ events, nowMs }) =>
        (window as unknown as FixturesWindow).akimatFixtures.importEvents(events, nowMs),
      { events, nowMs },
    );
  }

  async office() {
    const office = await this.page.evaluate(() =>
      (window as unknown as FixturesWindow).akimatFixtures.office(),
    );
    if (!office) throw new Error('the desk is not set up');
    return office;
  }

  /** The desk's case state hash (db deskCaseStateHash), read through its own at-rest layer. */
  async stateHash(): Promise<string> {
    return this.page.evaluate(() =>
      (window as unknown as FixturesWindow).akimatFixtures.stateHash(),
    );
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

/**
 * The case state hash of the desk open in `page` (db deskCaseStateHash) over what its own database
 * holds: payloads are sealed in IndexedDB, so a fixtures page of the same origin reads them.
 */
export async function deskStateHash(page: Page, deskUrl: string): Promise<string> {
  const fixtures = await openFixtures(page.context(), deskUrl);
  try {
    return await fixtures.stateHash();
  } finally {
    await fixtures.close();
  }
}
