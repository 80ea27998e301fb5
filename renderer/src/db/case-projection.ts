import { TERMINAL_STAGES, type CaseState } from '../../../shared/case';
import { searchTokens } from '../../../shared/text';
import type { CaseRow, PersonRow } from './database';

/** The journal row of a folded case, or null for a case with no intake yet. */
export function caseRowOf(state: CaseState, updatedAtMs: number): CaseRow | null {
  const applicant = state.applicant;
  if (state.caseId === null || applicant === null || state.serviceId === null) return null;
  const refusal = state.acceptanceRefusal;
  const number = state.registrationNumber ?? refusal?.receiptNumber ?? '';
  const date =
    state.registrationDate ?? refusal?.refusalDate ?? state.receivedAt?.slice(0, 10) ?? '';
  const applicantName = [applicant.lastName, applicant.firstName, applicant.patronymic]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join(' ');
  const open = !TERMINAL_STAGES.includes(state.stage);
  return {
    id: state.caseId,
    number,
    date,
    receivedAt: state.receivedAt,
    serviceId: state.serviceId,
    stage: state.stage,
    iin: applicant.iin,
    applicantName,
    nameTokens: searchTokens(applicantName),
    dueDate: state.dueDate,
    ...(open && state.dueDate ? { openDueDate: state.dueDate } : {}),
    flagged: state.flagged,
    updatedAtMs,
  };
}

/** What a later intake may fill in for the same IIN. */
export function personRowOf(state: CaseState, updatedAtMs: number): PersonRow | null {
  const a = state.applicant;
  if (!a) return null;
  return {
    iin: a.iin,
    lastName: a.lastName,
    firstName: a.firstName,
    ...(a.patronymic ? { patronymic: a.patronymic } : {}),
    birthDate: a.birthDate,
    sex: a.sex,
    address: a.address,
    ...(a.phone ? { phone: a.phone } : {}),
    inMobileCitizensDb: a.inMobileCitizensDb,
    nameTokens: searchTokens(`${a.lastName} ${a.firstName} ${a.patronymic ?? ''}`),
    updatedAtMs,
  };
}
