// Every message the input checks can give: message keys of the `inputChecks` namespace
// (locales/{kk,ru}/inputChecks.json; a test checks both languages have each key). Forms show them
// under the field with t(key); none takes parameters, so a key alone is the whole message.

export const INPUT_MESSAGES = {
  dateRequired: 'inputChecks:date.required',
  dateFormat: 'inputChecks:date.format',
  dateNoSuchDate: 'inputChecks:date.noSuchDate',
  dateYear: 'inputChecks:date.year',
  dateFuture: 'inputChecks:date.future',
  dateBeforeRegistration: 'inputChecks:date.beforeRegistration',
  dateBeforeReceipt: 'inputChecks:date.beforeReceipt',
  dateBeforeDecision: 'inputChecks:date.beforeDecision',
  nameLatin: 'inputChecks:name.latinLookalike',
  nameNotCyrillic: 'inputChecks:name.notCyrillic',
  nameTooLong: 'inputChecks:name.tooLong',
  applicantUnderAge: 'inputChecks:age.applicantUnderAge',
  childOverAge: 'inputChecks:age.childOverAge',
  amountTooLarge: 'inputChecks:amount.tooLarge',
  incomePeriodTooLong: 'inputChecks:amount.periodTooLong',
  awardTooLarge: 'inputChecks:award.tooLarge',
  awardPeriodTooLong: 'inputChecks:award.periodTooLong',
  scanNotImage: 'inputChecks:scan.notImage',
  scanNotPdf: 'inputChecks:scan.notPdf',
  scanUnknown: 'inputChecks:scan.unknown',
  scanUndecodable: 'inputChecks:scan.undecodable',
  tsaRegisterMissing: 'inputChecks:tsa.registerMissing',
} as const;

export type InputMessage = (typeof INPUT_MESSAGES)[keyof typeof INPUT_MESSAGES];
