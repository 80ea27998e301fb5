// The family's average per-capita monthly income (R-ROUTE-2, 003:35-36): what the district department
// computes within one working day of receiving the documents, under the Rules of calculating aggregate
// income (order No. 181 of 26.05.2023, cited at 003:36): the total income of all members over the
// accounting period ÷ the number of months of the period ÷ the number of family members.
// What must stay true:
// - Pure and deterministic: the application (as registered and corrected, the fold's
//   state.application) and the period come in; no clock.
// - Every step is returned as data (a line per member and income, each member's sum, the total, the
//   months, the family size, the result), so the screen shows the arithmetic and the event records
//   the same numbers.
// - Money is whole tiyn; the only division is the last one (see perCapitaOf for the rounding).
import { VALIDATION, type ApplicationData, type FamilyMember, type Income } from '../case';
import { monthsTouched } from '../input';
import { daysInMonth, type LocalDate } from '../time';

export interface IncomePeriod {
  readonly periodFrom: LocalDate;
  readonly periodTo: LocalDate;
}

/** Who an income belongs to: the applicant, or a family member with their relation. */
export type MemberRole = 'applicant' | FamilyMember['relation'];

/**
 * Why an income of the application is not in the total: its period is not wholly inside the
 * accounting period (the specialist changes the period or corrects the application).
 */
export type ExclusionReason = 'outsidePeriod' | 'partlyOutsidePeriod';

export interface IncomeLine {
  /** The income as the application gives it (its source is the kind of income). */
  readonly income: Income;
  /** null: counted in the total. */
  readonly excluded: ExclusionReason | null;
}

export interface MemberIncome {
  /** 0 is the applicant, then the family members in the application's order from 1. */
  readonly index: number;
  readonly role: MemberRole;
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic?: string | undefined;
  readonly lines: readonly IncomeLine[];
  /** The sum of this member's counted lines. */
  readonly countedTiyn: number;
}

export interface PerCapitaIncome {
  readonly period: IncomePeriod;
  readonly members: readonly MemberIncome[];
  /** Σ of every member's counted lines. */
  readonly totalIncomeTiyn: number;
  /** Calendar months of the accounting period (shared/input monthsTouched: 01.01–31.03 is 3). */
  readonly months: number;
  /** The applicant and every family member of the application. */
  readonly familySize: number;
  /** totalIncomeTiyn ÷ months ÷ familySize, rounded as perCapitaOf says. */
  readonly perCapitaIncomeTiyn: number;
}

/** The period ends before it starts: the event schema's own message (shared/case VALIDATION). */
export type PerCapitaFailure = typeof VALIDATION.periodOrder;

/**
 * total ÷ (months × familySize) in whole tiyn, rounded half up (a remainder of half a tiyn or more
 * adds one tiyn). One division of the exact integer total, so no rounding of an intermediate sum
 * (the monthly family income) can move the result. Integers throughout: a family's income over a
 * year is far below 2^53 tiyn.
 */
export function perCapitaOf(totalTiyn: number, months: number, familySize: number): number {
  const divisor = months * familySize;
  const whole = Math.floor(totalTiyn / divisor);
  const remainder = totalTiyn - whole * divisor;
  return remainder * 2 >= divisor ? whole + 1 : whole;
}

function lineOf(income: Income, period: IncomePeriod): IncomeLine {
  const inside = income.periodFrom >= period.periodFrom && income.periodTo <= period.periodTo;
  if (inside) return { income, excluded: null };
  const disjoint = income.periodTo < period.periodFrom || income.periodFrom > period.periodTo;
  return { income, excluded: disjoint ? 'outsidePeriod' : 'partlyOutsidePeriod' };
}

function memberOf(
  index: number,
  role: MemberRole,
  person: { lastName: string; firstName: string; patronymic?: string | undefined },
  incomes: readonly Income[],
  period: IncomePeriod,
): MemberIncome {
  const lines = incomes.map((i) => lineOf(i, period));
  const countedTiyn = lines.reduce((sum, l) => (l.excluded ? sum : sum + l.income.amountTiyn), 0);
  return {
    index,
    role,
    lastName: person.lastName,
    firstName: person.firstName,
    patronymic: person.patronymic,
    lines,
    countedTiyn,
  };
}

/**
 * The per-capita income of the family of `application` over `period`. An income counts when its
 * period lies wholly inside the accounting period; any other is listed with the reason it is left out
 * (an income's amount is for its own period, so a part of it cannot be told without guessing).
 */
export function computePerCapitaIncome(
  application: Pick<ApplicationData, 'applicant' | 'familyMembers' | 'applicantIncomes'>,
  period: IncomePeriod,
):
  | { readonly ok: true; readonly value: PerCapitaIncome }
  | { readonly ok: false; readonly reason: PerCapitaFailure } {
  if (period.periodTo < period.periodFrom) {
    return { ok: false, reason: VALIDATION.periodOrder };
  }
  const members: MemberIncome[] = [
    memberOf(0, 'applicant', application.applicant, application.applicantIncomes, period),
    ...application.familyMembers.map((m, i) => memberOf(i + 1, m.relation, m, m.incomes, period)),
  ];
  const totalIncomeTiyn = members.reduce((sum, m) => sum + m.countedTiyn, 0);
  const months = monthsTouched(period.periodFrom, period.periodTo);
  const familySize = members.length;
  return {
    ok: true,
    value: {
      period,
      members,
      totalIncomeTiyn,
      months,
      familySize,
      perCapitaIncomeTiyn: perCapitaOf(totalIncomeTiyn, months, familySize),
    },
  };
}

/**
 * The accounting period the form offers first: from the earliest start to the latest end of the
 * application's incomes, so every income it gives counts. Without any income: the three calendar
 * months before the month of `anchor` (the case's registration), a quarter as the incomes at intake
 * usually are; the specialist changes it to the period the rules require.
 */
export function defaultIncomePeriod(
  application: Pick<ApplicationData, 'familyMembers' | 'applicantIncomes'>,
  anchor: LocalDate,
): IncomePeriod {
  const incomes = [
    ...application.applicantIncomes,
    ...application.familyMembers.flatMap((m) => m.incomes),
  ];
  if (incomes.length > 0) {
    return {
      periodFrom: incomes.map((i) => i.periodFrom).reduce((a, b) => (b < a ? b : a)),
      periodTo: incomes.map((i) => i.periodTo).reduce((a, b) => (b > a ? b : a)),
    };
  }
  const [y, m] = anchor.split('-').map(Number) as [number, number];
  // Months counted from year 0, so the year boundary needs no special case.
  const monthIndex = y * 12 + (m - 1);
  const yearOfIndex = (index: number): number => Math.floor(index / 12);
  const monthOfIndex = (index: number): number => (index % 12) + 1;
  const ym = (index: number): string =>
    `${String(yearOfIndex(index)).padStart(4, '0')}-${String(monthOfIndex(index)).padStart(2, '0')}`;
  const last = monthIndex - 1;
  const lastDay = daysInMonth(yearOfIndex(last), monthOfIndex(last));
  return {
    periodFrom: `${ym(monthIndex - 3)}-01`,
    periodTo: `${ym(last)}-${String(lastDay).padStart(2, '0')}`,
  };
}
