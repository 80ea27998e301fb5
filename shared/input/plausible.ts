// Ages and amounts checked against the service's own bounds (catalog data `inputBounds`, each with its
// reason), never against constants in a form. Pure: the date the age is counted on is passed in (the
// application's receipt date, which is today at the intake).
import type { ServiceDefinition } from '../catalog';
import type { LocalDate } from '../time';
import { INPUT_MESSAGES as M, type InputMessage } from './messages';

/** Full years from `birthDate` to `onDate` (a birthday on 29 February is reached on 1 March). */
export function ageOn(birthDate: LocalDate, onDate: LocalDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

export type AgeCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly message: InputMessage;
      readonly age: number;
      readonly limit: number;
    };

/**
 * An applicant younger than the service's `applicantMinAge` (18, Civil Code art. 17) applies through
 * a legal representative: without one the application is not taken.
 */
export function checkApplicantAge(
  service: Pick<ServiceDefinition, 'inputBounds'>,
  birthDate: LocalDate,
  onDate: LocalDate,
  hasRepresentative: boolean,
): AgeCheck {
  const bound = service.inputBounds?.applicantMinAge;
  if (!bound || hasRepresentative) return { ok: true };
  const age = ageOn(birthDate, onDate);
  return age >= bound.years
    ? { ok: true }
    : { ok: false, message: M.applicantUnderAge, age, limit: bound.years };
}

/**
 * A family member recorded as a child who is `childMaxAge` or older is not a child for the service
 * (the child benefit is for children under 18, 001:7126): the specialist is told, since the member
 * still counts in the family's composition and income.
 */
export function checkChildAge(
  service: Pick<ServiceDefinition, 'inputBounds'>,
  member: { readonly birthDate: LocalDate; readonly relation: string },
  onDate: LocalDate,
): AgeCheck {
  const bound = service.inputBounds?.childMaxAge;
  if (!bound || member.relation !== 'child') return { ok: true };
  const age = ageOn(member.birthDate, onDate);
  return age < bound.years
    ? { ok: true }
    : { ok: false, message: M.childOverAge, age, limit: bound.years };
}

/** Calendar months a period touches: 01.01–31.03 is 3, 15.01–14.02 is 2. */
export function monthsTouched(from: LocalDate, to: LocalDate): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export type AmountCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly field: 'amount' | 'periodTo'; readonly message: InputMessage };

/** A bound of an amount over a period (catalog inputBounds.income and .award). */
export interface PeriodAmountBound {
  readonly maxMonthlyTiyn: number;
  readonly maxPeriodMonths: number;
}

/**
 * The one check of a typed amount over a period against a catalog bound: a period of at most
 * `maxPeriodMonths`, and at most `maxMonthlyTiyn` a month over it (a typing guard: an extra zero,
 * tenge typed as tiyn). An amount without a period counts as one month's. No bound: no check.
 */
export function checkPeriodAmount(
  bound: PeriodAmountBound | undefined,
  row: {
    readonly amountTiyn: number;
    readonly periodFrom?: LocalDate | undefined;
    readonly periodTo?: LocalDate | undefined;
  },
  messages: { readonly tooLarge: InputMessage; readonly periodTooLong: InputMessage } = {
    tooLarge: M.amountTooLarge,
    periodTooLong: M.incomePeriodTooLong,
  },
): AmountCheck {
  if (!bound) return { ok: true };
  const { periodFrom, periodTo } = row;
  let months = 1;
  if (periodFrom !== undefined && periodTo !== undefined) {
    if (periodTo < periodFrom) return { ok: true };
    months = monthsTouched(periodFrom, periodTo);
    if (months > bound.maxPeriodMonths) {
      return { ok: false, field: 'periodTo', message: messages.periodTooLong };
    }
  }
  if (row.amountTiyn > bound.maxMonthlyTiyn * months) {
    return { ok: false, field: 'amount', message: messages.tooLarge };
  }
  return { ok: true };
}

/** An income row against the service's `income` bound (checkPeriodAmount). */
export function checkIncome(
  service: Pick<ServiceDefinition, 'inputBounds'>,
  income: {
    readonly amountTiyn: number;
    readonly periodFrom: LocalDate;
    readonly periodTo: LocalDate;
  },
): AmountCheck {
  return checkPeriodAmount(service.inputBounds?.income, income);
}

/**
 * The amount of a district's grant typed from its paper notice against the service's `award` bound
 * (checkPeriodAmount, the incomes' own check): over its period, or as one month's without one.
 */
export function checkAward(
  service: Pick<ServiceDefinition, 'inputBounds'>,
  award: {
    readonly amountTiyn: number;
    readonly periodFrom?: LocalDate | undefined;
    readonly periodTo?: LocalDate | undefined;
  },
): AmountCheck {
  return checkPeriodAmount(service.inputBounds?.award, award, {
    tooLarge: M.awardTooLarge,
    periodTooLong: M.awardPeriodTooLong,
  });
}
