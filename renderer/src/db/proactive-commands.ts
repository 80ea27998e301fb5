// Proactive assistance for holidays and memorable dates (R-PRO-1, 003:30; issue 9 §12): the district
// department opens, without any application, one case per recipient it chose from its register of
// targeted-assistance recipients. What must stay true:
// - One transaction per batch: every case of it is opened, or none (a failed check names its recipient).
// - Each case goes through the case store's append (appendInTransaction), so the transition table, the
//   actor check and the event schema judge it as any other act; time and ids come from the ActContext.
// - A recipient already given a case for the same occasion (code and date) is not given another: they
//   are skipped and named, with the case they have.
// - The case belongs to the recipient's okrug (payload officeId, shared/case openingOfficeOf), so the
//   akimat of the okrug sees it; the district department decides, signs and notifies as for any case.
import { foldCase, type Applicant, type CaseEvent, type PayloadOf } from '../../../shared/case';
import { ruleSetInForce } from '../../../shared/catalog';
import { validateIin } from '../../../shared/identity/iin';
import { compareKazakh } from '../../../shared/text';
import { datePart, isLocalDate, type LocalDate } from '../../../shared/time';
import { blindValuesAhead } from './at-rest';
import { appendInTransaction, CASE_WRITE_TABLES, type ActContext } from './case-store';
import type { DeskDatabase, PersonRow } from './database';
import { caseEventsOf } from './event-rows';

export interface ProactiveOccasion {
  /** A short code of the occasion (e.g. `victory-day`): with the date, what makes two cases repeats. */
  readonly code: string;
  /** The occasion's name as it is printed on the case's documents. */
  readonly name: string;
  readonly date: LocalDate;
}

/** A recipient as the district's register lists them, with an address typed where the desk has none. */
export interface ProactiveRecipientInput {
  readonly iin: string;
  readonly fullName: string;
  readonly address?: string;
}

export interface ProactiveBatch {
  readonly serviceId: string;
  readonly occasion: ProactiveOccasion;
  /** The okrug (akimat office) whose recipients these are: the cases are its. */
  readonly officeId: string;
  readonly recipients: readonly ProactiveRecipientInput[];
}

export interface ProactiveOpened {
  readonly caseId: string;
  readonly iin: string;
  readonly name: string;
}

export interface ProactiveSkipped {
  readonly iin: string;
  readonly name: string;
  /** The case the recipient already has for the occasion, or null for a repeat within the batch. */
  readonly caseId: string | null;
}

export type ProactiveBatchResult =
  | {
      readonly ok: true;
      readonly opened: readonly ProactiveOpened[];
      readonly skipped: readonly ProactiveSkipped[];
    }
  /** `reason` is a message key (`proactive:errors.*`, `case:rejections.*`, `case:validation.*`). */
  | { readonly ok: false; readonly reason: string; readonly iin?: string; readonly field?: string };

/**
 * The recipient as a case names them: the desk's person row when it has one (the data of their last
 * case here), else the register's name, the birth date and sex the IIN carries and the address typed.
 */
export function recipientApplicant(
  input: ProactiveRecipientInput,
  person: PersonRow | undefined,
): { ok: true; applicant: Applicant } | { ok: false; reason: string } {
  const iin = validateIin(input.iin);
  if (!iin.ok) return { ok: false, reason: iin.reason };
  const typed = input.address?.trim() ?? '';
  if (person) {
    const applicant: Applicant = {
      iin: iin.iin,
      lastName: person.lastName,
      firstName: person.firstName,
      ...(person.patronymic ? { patronymic: person.patronymic } : {}),
      birthDate: person.birthDate,
      sex: person.sex,
      address: typed === '' ? person.address : typed,
      ...(person.phone ? { phone: person.phone } : {}),
      inMobileCitizensDb: person.inMobileCitizensDb,
    };
    return { ok: true, applicant };
  }
  const [lastName, firstName, ...rest] = input.fullName.trim().split(/\s+/u);
  if (!lastName || !firstName) return { ok: false, reason: 'proactive:errors.nameIncomplete' };
  if (typed === '') return { ok: false, reason: 'proactive:errors.addressMissing' };
  const patronymic = rest.join(' ');
  return {
    ok: true,
    applicant: {
      iin: iin.iin,
      lastName,
      firstName,
      ...(patronymic ? { patronymic } : {}),
      birthDate: iin.birthDate,
      sex: iin.sex,
      address: typed,
      // Nothing tells the register's people are in the mobile citizens' database: the notice is printed.
      inMobileCitizensDb: false,
    },
  };
}

/** The IINs (of `iins`) the desk holds a person row for: those need no address typed. */
export async function knownRecipients(
  db: DeskDatabase,
  iins: readonly string[],
): Promise<ReadonlySet<string>> {
  await blindValuesAhead(db.atRest, iins, []);
  const rows = await db.people.bulkGet([...iins]);
  return new Set(rows.flatMap((r) => (r ? [r.iin] : [])));
}

const sameOccasion = (a: ProactiveOccasion, b: ProactiveOccasion): boolean =>
  a.code === b.code && a.date === b.date;

/** The case among `logs` that already gives the occasion's assistance under the service, if any. */
function caseForOccasion(
  logs: readonly CaseEvent[][],
  serviceId: string,
  occasion: ProactiveOccasion,
): string | null {
  for (const log of logs) {
    const opening = foldCase(log).proactiveOpening;
    if (opening && opening.serviceId === serviceId && sameOccasion(opening.occasion, occasion)) {
      return log[0]?.caseId ?? null;
    }
  }
  return null;
}

/** The batch's own faults, before anything is read; else the rule-set in force for its service. */
function checkBatch(
  batch: ProactiveBatch,
  today: LocalDate,
): { ok: true; ruleSetId: string } | { ok: false; reason: string } {
  const { occasion } = batch;
  const no = (reason: string) => ({ ok: false as const, reason: `proactive:errors.${reason}` });
  if (occasion.code.trim() === '') return no('codeMissing');
  if (occasion.name.trim() === '') return no('nameMissing');
  if (!isLocalDate(occasion.date)) return no('dateMissing');
  if (batch.officeId.trim() === '') return no('okrugMissing');
  if (batch.recipients.length === 0) return no('noRecipients');
  const inForce = ruleSetInForce(batch.serviceId, today);
  if (!inForce.ok || inForce.service.proactive === null) return no('serviceNotProactive');
  return { ok: true, ruleSetId: inForce.ruleSet.id };
}

/**
 * Opens one proactive case per recipient of the batch in one transaction (see the file's head). The
 * rule-set is the one in force for the service on the day of the act.
 */
export async function openProactiveCases(
  db: DeskDatabase,
  batch: ProactiveBatch,
  ctx: ActContext,
): Promise<ProactiveBatchResult> {
  const today = datePart(ctx.legalTime);
  const checked = checkBatch(batch, today);
  if (!checked.ok) return checked;
  const { ruleSetId } = checked;
  const occasion = {
    code: batch.occasion.code.trim(),
    name: batch.occasion.name.trim(),
    date: batch.occasion.date,
  };
  const iins = batch.recipients.map((r) => r.iin.trim());
  // The blind values of the IINs, made before the transaction so it waits on no WebCrypto.
  await blindValuesAhead(db.atRest, iins, []);
  let failure: ProactiveBatchResult | null = null;
  const opened: ProactiveOpened[] = [];
  const skipped: ProactiveSkipped[] = [];
  try {
    await db.transaction('rw', CASE_WRITE_TABLES(db), async (tx) => {
      const people = await db.people.bulkGet(iins);
      const seen = new Set<string>();
      for (const [i, input] of batch.recipients.entries()) {
        const made = recipientApplicant(input, people[i]);
        if (!made.ok) {
          failure = { ok: false, reason: made.reason, iin: input.iin.trim() };
          tx.abort();
          return;
        }
        const { applicant } = made;
        const name = input.fullName.trim();
        if (seen.has(applicant.iin)) {
          skipped.push({ iin: applicant.iin, name, caseId: null });
          continue;
        }
        seen.add(applicant.iin);
        const caseIds = (await db.cases.where('iin').equals(applicant.iin).primaryKeys()).map(
          String,
        );
        const logs = await Promise.all(caseIds.map((id) => caseEventsOf(db, id)));
        const existing = caseForOccasion(logs, batch.serviceId, occasion);
        if (existing !== null) {
          skipped.push({ iin: applicant.iin, name, caseId: existing });
          continue;
        }
        const caseId = ctx.newId();
        const payload: PayloadOf<'ProactiveCaseOpened'> = {
          serviceId: batch.serviceId,
          ruleSetId,
          occasion,
          recipient: applicant,
          officeId: batch.officeId,
        };
        const result = await appendInTransaction(
          db,
          { caseId, type: 'ProactiveCaseOpened', payload },
          ctx,
        );
        if (!result.ok) {
          failure = {
            ok: false,
            reason: result.reason,
            iin: applicant.iin,
            ...(result.field ? { field: result.field } : {}),
          };
          tx.abort();
          return;
        }
        opened.push({ caseId, iin: applicant.iin, name });
      }
    });
  } catch (error) {
    if (failure === null) throw error;
  }
  return failure ?? { ok: true, opened, skipped };
}

/** A recipient of the register's quarter, as the proactive screen lists them. */
export interface ProactiveCandidate {
  readonly iin: string;
  readonly fullName: string;
  /** The desk holds the person's data (an earlier case): no address needs typing. */
  readonly known: boolean;
  /** The okrugs whose cases of the person the desk holds, sorted ([]: no case here). */
  readonly okrugs: readonly string[];
  /**
   * The okrugs whose lists at the hub name the recipient for the quarter (TsaRecipientRow officeIds),
   * or null while the desk does not know them (a row from a file, or stored before the hub sent the
   * okrug: the next sync brings it).
   */
  readonly registerOkrugs: readonly string[] | null;
}

/**
 * The register's recipients of `quarter`, by name, each with what the desk knows of them: their
 * okrugs by the register and by their cases here. Which are listed for an okrug is the screen's
 * (proactive-form shownCandidates).
 */
export async function proactiveCandidates(
  db: DeskDatabase,
  quarter: string,
): Promise<ProactiveCandidate[]> {
  const rows = await db.tsaRecipients.where('quarter').equals(quarter).toArray();
  const iins = rows.map((r) => r.iin);
  const known = await knownRecipients(db, iins);
  const okrugs = await Promise.all(
    iins.map(async (iin) => {
      const cases = await db.cases.where('iin').equals(iin).toArray();
      return [...new Set(cases.flatMap((c) => (c.officeId === null ? [] : [c.officeId])))].sort();
    }),
  );
  return rows
    .map((r, i) => ({
      iin: r.iin,
      fullName: r.fullName,
      known: known.has(r.iin),
      okrugs: okrugs[i] ?? [],
      registerOkrugs: r.officeIds ?? null,
    }))
    .sort((a, b) => compareKazakh(a.fullName, b.fullName) || a.iin.localeCompare(b.iin));
}
