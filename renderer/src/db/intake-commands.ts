// The intake's one command: an application received at the desk becomes a case. What must stay true:
// - The scans and the Registered (or AcceptanceRefused, form 2-1) event are written in ONE transaction:
//   a case never names a scan the desk does not have, and a refused or failed save leaves no scan
//   behind.
// - Hashing happens before the transaction opens: IndexedDB commits a transaction by itself while
//   it awaits anything that is not IndexedDB (Web Crypto here).
// - The moment of receipt is the moment of saving, the act's legal time (R-CAL-6). The route and the
//   rule-set come from planRegistration with the desk's calendar, on the catalog route of the desk's
//   office (intakeRouteOf: the akim's at an akimat; the district department's own at the district,
//   003:13, whose cases are then the district's own, route 'district'); the registration date, the due
//   date and the journal number from registerInTransaction, as for every registration.
// - Expected refusals are values; a write the database refuses throws (see write-errors).
// - What refuses a registration before anything is typed (registrationBlock: the certificate without
//   this quarter's TSA list) is one function: the screen asks it when the service is chosen and
//   submitIntake asks it again in its transaction, so no other caller can register around it.
import type {
  Applicant,
  CaseEvent,
  CaseState,
  Consents,
  DeskNumbering,
  DocumentCheck,
  FamilyMember,
  Income,
  PayloadOf,
  Representative,
} from '../../../shared/case';
import { CalendarDataMissingError } from '../../../shared/calendar';
import { ruleSetInForce } from '../../../shared/catalog';
import { INPUT_MESSAGES, needsTsaRegister } from '../../../shared/input';
import type { RouteKind } from '../../../shared/catalog';
import { intakeRouteOf, planRegistration } from '../../../shared/intake';
import { officeHoursOf } from '../../../shared/office';
import { deskCounterKey, nextDeskNumber } from '../../../shared/numbering';
import type { LocalDate } from '../../../shared/time';
import { quarterOf, type Quarter } from '../../../shared/tsa-register';
import {
  appendInTransaction,
  CASE_WRITE_TABLES,
  registerInTransaction,
  type ActContext,
} from './case-store';
import { NUMBERING_HELD, numberingHold } from './backup';
import type { DeskDatabase } from './database';
import { deskCalendar } from './desk-calendar';
import { loadOfficeProfile } from './office-repository';
import { tsaQuarterSize } from './tsa-register-queries';
import {
  attachmentsOf,
  prepareAttachments,
  putAttachmentRows,
  type AttachmentFile,
} from './intake-queries';

/** The application as the intake form's check gives it (features/intake checkIntake). */
export interface IntakeSubmission {
  readonly serviceId: string;
  /** 'refuse': a document is missing or expired, the 2-1 receipt is given (R-REG-6). */
  readonly mode: 'register' | 'refuse';
  readonly applicant: Applicant;
  readonly representative?: Representative | undefined;
  readonly documents: readonly DocumentCheck[];
  /** Registration only (R-REG-7). */
  readonly consents: Consents;
  readonly familyMembers?: readonly FamilyMember[] | undefined;
  readonly applicantIncomes?: readonly Income[] | undefined;
}

export type SubmitIntakeResult =
  | {
      readonly ok: true;
      readonly caseId: string;
      readonly mode: IntakeSubmission['mode'];
      readonly event: CaseEvent;
      readonly state: CaseState;
    }
  | {
      readonly ok: false;
      /** A message key: intake:attachments.errors.*, catalog:errors.*, calendar:errors.*, case:*. */
      readonly reason: string;
      /** The file a refused attachment came from. */
      readonly name?: string;
      readonly params?: { readonly year: number };
      readonly field?: string;
    }
  | RegistrationBlock;

/**
 * Why the desk does not register an application of this service today, whatever is typed:
 * the certificate of belonging to the TSA recipients is answered from the quarter's recipients list
 * (002:16, R-CERT-3), so without that list it is not registered (a 2-1 refusal is still given).
 * `reason` is a message key with the quarter as its parameter (the screen words the quarter).
 */
export interface RegistrationBlock {
  readonly ok: false;
  readonly reason: typeof INPUT_MESSAGES.tsaRegisterMissing;
  readonly quarter: Quarter;
}

/**
 * The one answer to "may an application of `serviceId` be registered on `date`?" before the form is
 * checked: null when it may, else the block. A refusal (form 2-1) is never blocked. Asked by the
 * intake screen as soon as the service is chosen, and by submitIntake inside its transaction.
 */
export async function registrationBlock(
  db: DeskDatabase,
  serviceId: string,
  mode: IntakeSubmission['mode'],
  date: LocalDate,
): Promise<RegistrationBlock | null> {
  if (mode !== 'register') return null;
  const inForce = ruleSetInForce(serviceId, date);
  if (!inForce.ok || !needsTsaRegister(inForce.service)) return null;
  const quarter = quarterOf(date);
  if ((await tsaQuarterSize(db, quarter)) > 0) return null;
  return { ok: false, reason: INPUT_MESSAGES.tsaRegisterMissing, quarter };
}

type Plan = Extract<ReturnType<typeof planRegistration>, { ok: true }>['plan'];

function planOf(
  input: Parameters<typeof planRegistration>[0] & { readonly route: RouteKind },
): { ok: true; plan: Plan } | { ok: false; reason: string; params?: { year: number } } {
  try {
    return planRegistration(input);
  } catch (error) {
    if (error instanceof CalendarDataMissingError) {
      return { ok: false, reason: error.messageKey, params: { year: error.year } };
    }
    throw error;
  }
}

/**
 * Records a refused application (R-REG-6): the AcceptanceRefused event with the number of its form 2-1
 * receipt (seed 003:27), from this desk's 'Q' counter for the refusal's year, taken in the caller's
 * transaction and bumped only when the event was accepted, as a registration number is.
 */
async function refuseInTransaction(
  db: DeskDatabase,
  caseId: string,
  intake: Omit<PayloadOf<'AcceptanceRefused'>, 'ruleSetId' | 'refusalDate'>,
  ruleSetId: string,
  attachments: NonNullable<PayloadOf<'AcceptanceRefused'>['attachments']>,
  numbering: DeskNumbering,
  ctx: ActContext,
) {
  const refusalDate = intake.receivedAt.slice(0, 10);
  const year = Number(refusalDate.slice(0, 4));
  const last = (await db.counters.get(deskCounterKey('Q', year)))?.value ?? 0;
  const { seq, number, counterKey } = nextDeskNumber(last, numbering, 'Q', year);
  const result = await appendInTransaction<'AcceptanceRefused'>(
    db,
    {
      caseId,
      type: 'AcceptanceRefused',
      payload: {
        ...intake,
        ruleSetId,
        refusalDate,
        receiptNumber: number,
        ...(attachments.length > 0 ? { attachments } : {}),
      },
    },
    ctx,
  );
  if (result.ok) await db.counters.put({ key: counterKey, value: seq });
  return result;
}

/**
 * Saves an application received at the desk: checks the files, hashes them, then in one transaction
 * writes the case's first event (checked by the case store like every event) and the scans it names.
 * The case id is the act's first new id.
 */
export async function submitIntake(
  db: DeskDatabase,
  submission: IntakeSubmission,
  files: readonly AttachmentFile[],
  numbering: DeskNumbering,
  ctx: ActContext,
): Promise<SubmitIntakeResult> {
  const prepared = await prepareAttachments(files, ctx.nowMs);
  if (!prepared.ok) return prepared;
  const { rows } = prepared;
  const attachments = attachmentsOf(rows);
  const receivedAt = ctx.legalTime;
  const caseId = ctx.newId();

  return db.transaction(
    'rw',
    [...CASE_WRITE_TABLES(db), db.attachments, db.tsaRecipients],
    async (): Promise<SubmitIntakeResult> => {
      const block = await registrationBlock(
        db,
        submission.serviceId,
        submission.mode,
        receivedAt.slice(0, 10),
      );
      if (block) return block;
      // A desk restored from a backup numbers nothing until it enrolled again (backup.ts).
      if ((await numberingHold(db)) !== null) return { ok: false, reason: NUMBERING_HELD };
      // A desk without a profile yet (no kind) registers as an akimat did before district mode.
      const profile = await loadOfficeProfile(db);
      const planned = planOf({
        serviceId: submission.serviceId,
        receivedAt,
        calendar: await deskCalendar(db),
        hours: officeHoursOf(profile).working,
        route: intakeRouteOf(profile?.kind ?? 'akimat'),
      });
      if (!planned.ok) return planned;
      const { plan } = planned;
      const intake = {
        serviceId: submission.serviceId,
        route: plan.caseRoute,
        channel: 'office' as const,
        applicant: submission.applicant,
        ...(submission.representative ? { representative: submission.representative } : {}),
        documents: [...submission.documents],
        receivedAt,
      };
      const result =
        submission.mode === 'register'
          ? await registerInTransaction(
              db,
              caseId,
              {
                ...intake,
                consents: submission.consents,
                ...(submission.familyMembers
                  ? { familyMembers: [...submission.familyMembers] }
                  : {}),
                ...(submission.applicantIncomes
                  ? { applicantIncomes: [...submission.applicantIncomes] }
                  : {}),
                attachments,
              },
              numbering,
              ctx,
            )
          : await refuseInTransaction(
              db,
              caseId,
              intake,
              plan.ruleSetId,
              attachments,
              numbering,
              ctx,
            );
      // A refused event wrote nothing; the scans are stored only with the event that names them.
      if (!result.ok) return result;
      await putAttachmentRows(db, rows);
      return {
        ok: true,
        caseId,
        mode: submission.mode,
        event: result.event,
        state: result.state,
      };
    },
  );
}
