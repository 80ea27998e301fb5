// Every user-visible reason the case model can give. Each value is a message key of the `case`
// namespace and must exist in locales/kk/case.json and locales/ru/case.json (a test checks both).

/** Why canAppend refused an event. Also the reason a folded event is listed as a conflict. */
export const REJECTION_CODES = [
  'roleNotAllowed',
  'caseClosed',
  'notAccepted',
  'alreadyOpened',
  'notAllowedInStage',
  'notOnThisRoute',
  'routeNotForRole',
  'wrongCase',
  'incompletePackage',
  'packageComplete',
  'consentMissing',
  'notarizedPowerOfAttorneyRequired',
  'suspended',
  'alreadySuspended',
  'notSuspended',
  'alreadyExtended',
  'objectionAlreadyFiled',
  'protocolAlreadyRecorded',
  'protocolNotRecorded',
  'alreadyFamiliarized',
  'notFamiliarized',
  'remarksAlreadyFiled',
  'protocolRequired',
  'remarksWindowOpen',
  'remarksNotConsidered',
  'refusalWithoutNotice',
  'refusalTooEarly',
  'resultNotSigned',
  'noOpenConflict',
  'otherOffice',
  'otherDistrict',
  'noTermToReplan',
  'replanSameDate',
  'replanBeforeRegistration',
  'noticeReceiptAlreadyRecorded',
  'noticeReceiptBeforeNotice',
  'noticeReceiptUnknown',
  'objectionWindowOpen',
  'protocolNotFamiliarized',
  'hearingNotHeld',
  'suspensionNotProvided',
  'suspensionGroundUnknown',
  'outsideIntakeHours',
  'unknownActor',
  'calendarMissing',
  'noApplicationToCorrect',
  'correctionChangesNothing',
  'correctionLeavesGap',
  'notCompletedSinceReturn',
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];
export type RejectionReason = `case:rejections.${RejectionCode}`;

export function rejection(code: RejectionCode): RejectionReason {
  return `case:rejections.${code}`;
}

/** A conflict the fold finds that no single append could cause. */
export const ID_REUSED = 'case:conflicts.idReused';
export type ConflictReason = RejectionReason | typeof ID_REUSED;

/** Messages of schema issues (zod `error`), shown next to the field that failed. */
export const VALIDATION = {
  required: 'case:validation.required',
  listRequired: 'case:validation.listRequired',
  choice: 'case:validation.choice',
  localDate: 'case:validation.localDate',
  localDateTime: 'case:validation.localDateTime',
  iin: 'case:validation.iin',
  phone: 'case:validation.phone',
  phoneRequiredForMobileDb: 'case:validation.phoneRequiredForMobileDb',
  sha256: 'case:validation.sha256',
  base64: 'case:validation.base64',
  amount: 'case:validation.amount',
  count: 'case:validation.count',
  periodOrder: 'case:validation.periodOrder',
  powerOfAttorneyRequired: 'case:validation.representative.powerOfAttorneyRequired',
  registrationNumberFormat: 'case:validation.registrationNumber.format',
  registrationNumberYear: 'case:validation.registrationNumber.yearMismatch',
  registrationBeforeReceipt: 'case:validation.registrationBeforeReceipt',
  dueBeforeRegistration: 'case:validation.dueBeforeRegistration',
  correctionEmpty: 'case:validation.correctionEmpty',
  justificationRequired: 'case:validation.decision.justificationRequired',
  hearingModeRequired: 'case:validation.hearing.modeRequired',
  hearingTimeRequired: 'case:validation.hearing.timeRequired',
  notNormalized: 'case:validation.notNormalized',
  hlc: 'case:validation.hlc',
  schemaVersion: 'case:validation.schemaVersion',
} as const;

export type ValidationMessage = (typeof VALIDATION)[keyof typeof VALIDATION];
