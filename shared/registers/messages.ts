// Every user-visible reason the register model can give. Each value is a message key of the
// `registers` namespace and must exist in locales/kk/registers.json and locales/ru/registers.json
// (locales.test.ts checks both).

/** Why checkRegisterEvent refused an event. Also the reason a folded event is listed as a conflict. */
export const REGISTER_REJECTION_CODES = [
  /** No RegisterCreated yet: nothing can happen to a register that does not exist. */
  'notCreated',
  'alreadyCreated',
  'roleNotAllowed',
  /** The actor's office is not the office that built the register. */
  'otherOffice',
  /** Signed: its cases no longer change, and it is not signed twice. */
  'signed',
  /** Forwarding needs the akim's signature first. */
  'notSigned',
  'forwarded',
  'cancelled',
  /** The signature covers another list of cases than the register holds now. */
  'changedSinceSigning',
  /** The signed digest is not the document digest the event states. */
  'digestMismatch',
  /** A signed register is cancelled only with a reason. */
  'reasonRequired',
] as const;

export type RegisterRejectionCode = (typeof REGISTER_REJECTION_CODES)[number];
export type RegisterRejection = `registers:rejections.${RegisterRejectionCode}`;

export function registerRejection(code: RegisterRejectionCode): RegisterRejection {
  return `registers:rejections.${code}`;
}

/** A conflict the fold finds that no single append could cause: one id, two contents. */
export const REGISTER_ID_REUSED = 'registers:conflicts.idReused';
export type RegisterConflictReason = RegisterRejection | typeof REGISTER_ID_REUSED;

/** Messages of schema issues (zod `error`) of register events. */
export const REGISTER_VALIDATION = {
  number: 'registers:validation.number',
  numberYear: 'registers:validation.numberYear',
  caseListEmpty: 'registers:validation.caseListEmpty',
  caseListDuplicate: 'registers:validation.caseListDuplicate',
  signedCases: 'registers:validation.signedCases',
} as const;
