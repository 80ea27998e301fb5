// What waits for the akim: cases that need a resolution, certificates to sign, covering registers to
// sign. Derived on every read from the journal rows and the folded events, never stored, so the inbox
// can never disagree with the cases themselves.
import {
  allowedEvents,
  type ActingAs,
  foldCase,
  type CaseStage,
  type CaseState,
  type PayloadOf,
} from '../../../shared/case';
import { allRuleSets, type Step } from '../../../shared/catalog';
import type { Due } from '../../../shared/deadlines';
import { rowDue } from '../../../shared/journal';
import { caseSchedule, stepAwaiting } from '../../../shared/schedule';
import type { LocalDateTime } from '../../../shared/time';
import type { CaseRow, DeskDatabase, RegisterRow, UserRow } from './database';
import { caseLogsOf } from './event-rows';
import { deskCalendar } from './desk-calendar';
import { viewOf } from './registers-queries';

/** A case in one of the akim's lists. */
export interface AkimInboxCase {
  readonly row: CaseRow;
  readonly route: CaseState['route'];
  readonly ruleSetId: string | null;
  /** Legal time of the Registered event: the akim's resolution step runs from it (R-REG-8). */
  readonly registeredAt: LocalDateTime | null;
  /** The resolution in force, when one was imposed (a certificate case may already carry one). */
  readonly resolution: PayloadOf<'ResolutionImposed'> | null;
  /** When the akim's resolution is due, where the case's rule-set times it (shared/schedule). */
  readonly resolutionDue: Due | null;
  /**
   * What the lists are ordered by: the due point of the step that waits for the akim (the resolution,
   * or the certificate's preparation), else the case's whole term (the journal row's due).
   */
  readonly deadline: Due | null;
}

export interface AkimInbox {
  /** Cases registered and waiting for the akim's resolution, nearest deadline first. */
  readonly resolutions: readonly AkimInboxCase[];
  /** TSA-recipient certificates the akim may sign now, nearest deadline first (the case page signs them). */
  readonly certificates: readonly AkimInboxCase[];
  /** Covering registers waiting for the akim's signature, oldest first. */
  readonly registers: readonly RegisterRow[];
}

/** Stages in which anything can wait for the akim. */
const AKIM_STAGES: readonly CaseStage[] = ['registered', 'resolutionImposed'];

/** The akim process steps of the rule-set a case was registered under (empty when unknown). */
export function akimStepsOf(ruleSetId: string | null, serviceId: string): readonly Step[] {
  if (ruleSetId === null) return [];
  const ruleSet = allRuleSets().find((rs) => rs.id === ruleSetId);
  const service = ruleSet?.services.find((s) => s.id === serviceId);
  return service?.akimProcess?.steps ?? [];
}

/** The akim's resolution step of a case's rule-set, if its regulation has one. */
export function resolutionStepOf(ruleSetId: string | null, serviceId: string): Step | null {
  return akimStepsOf(ruleSetId, serviceId).find((s) => s.id === 'resolution') ?? null;
}

/** A due point as a sortable moment: a day's due is its end, after any time that day. */
const dueMoment = (due: Due): string => (due.kind === 'date' ? `${due.date}T24:00` : due.at);

/**
 * Nearest deadline first, so what is already late (its due point passed) leads; a case with no timed
 * step or term after the rest; then the older registration, then the book's number.
 */
export function nearestDeadlineFirst(a: AkimInboxCase, b: AkimInboxCase): number {
  if (a.deadline !== null || b.deadline !== null) {
    if (a.deadline === null) return 1;
    if (b.deadline === null) return -1;
    const ad = dueMoment(a.deadline);
    const bd = dueMoment(b.deadline);
    if (ad !== bd) return ad < bd ? -1 : 1;
  }
  const at = a.registeredAt ?? a.row.date;
  const bt = b.registeredAt ?? b.row.date;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.row.number < b.row.number ? -1 : a.row.number > b.row.number ? 1 : 0;
}

/**
 * The akim's inbox. A case is listed once: a certificate case whose regulation puts the akim's
 * resolution before the certificate (seed 001 №15) waits for the resolution first; one without that
 * step (seed 002) goes straight to signing. The transition table decides what the akim may do, so a
 * suspended or conflicting case shows up only where the akim can really act on it.
 */
export async function loadAkimInbox(db: DeskDatabase, akim: ActingAs): Promise<AkimInbox> {
  const rows = await db.cases
    .where('stage')
    .anyOf([...AKIM_STAGES])
    .toArray();
  const byCase = await caseLogsOf(
    db,
    rows.map((r) => r.id),
  );
  const calendar = await deskCalendar(db);
  const resolutions: AkimInboxCase[] = [];
  const certificates: AkimInboxCase[] = [];
  for (const row of rows) {
    const state = foldCase(byCase.get(row.id) ?? []);
    const allowed = allowedEvents(state, akim);
    const schedule = caseSchedule(state, calendar);
    const resolutionDue = stepAwaiting(schedule, 'ResolutionImposed')?.due ?? null;
    const item = (stepDue: Due | null): AkimInboxCase => ({
      row,
      route: state.route,
      ruleSetId: state.ruleSetId,
      registeredAt: state.stepTimes.Registered ?? null,
      resolution: state.resolution,
      resolutionDue,
      deadline: stepDue ?? rowDue(row),
    });
    const mayResolve = allowed.includes('ResolutionImposed') && state.stage === 'registered';
    const resolutionFirst =
      mayResolve &&
      (!allowed.includes('CertificateIssued') ||
        resolutionStepOf(state.ruleSetId, row.serviceId) !== null);
    if (resolutionFirst) resolutions.push(item(resolutionDue));
    else if (allowed.includes('CertificateIssued')) {
      certificates.push(item(stepAwaiting(schedule, 'CertificateIssued')?.due ?? null));
    }
  }
  // A cancelled draft stays in the list (registers are logs) but waits for nobody.
  const registers = (
    await db.registers.filter((r) => r.signature === null && viewOf(r).status === 'draft').toArray()
  ).sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.number < b.number ? -1 : 1));
  return {
    resolutions: resolutions.sort(nearestDeadlineFirst),
    certificates: certificates.sort(nearestDeadlineFirst),
    registers,
  };
}

/** The specialists a resolution may name as executor: active accounts, by name. */
export async function activeSpecialists(db: DeskDatabase): Promise<UserRow[]> {
  const users = await db.users.where('role').equals('specialist').toArray();
  return users.filter((u) => u.active).sort((a, b) => a.name.localeCompare(b.name, ['kk', 'ru']));
}
