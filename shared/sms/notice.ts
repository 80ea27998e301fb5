// The SMS notice of a decision (R-DEC-2, 003:49): when the application gives a mobile number
// registered in the mobile citizens' database, the notice of the decision, a grant or a refusal, goes
// to that number automatically. The hub queues it when it takes in the district head's ResultSigned;
// the desk shows the same text the hub queued. What must stay true:
// - One function says whether a case's notice goes by SMS (shared/case notificationChannelFor, folded
//   into the case state as `notificationChannel`), for the application as registered and corrected.
// - The text is in the applicant's language and says the decision (granted, with amount and period when
//   the decision gives them, or refused), the decision's number and date, the application's number and
//   date, and the office. Never the IIN, a name or an address: an SMS passes through an operator.
// - The decision date is the decision's own, not the day the message leaves (offline: queued and sent
//   on sync, keeping the decision date, R-DEC-2).
// - Pure: no clock, no ids.
import type { CaseState, DecisionState } from '../case';
import { formatDate, type LocalDate } from '../time';

export const SMS_LANGUAGES = ['kk', 'ru'] as const;
export type SmsLanguage = (typeof SMS_LANGUAGES)[number];

/**
 * The language of an applicant who did not say (every application registered before the choice
 * existed): Kazakh, the state language (Constitution art. 7, Law on languages art. 4). A state body
 * answers in it unless the applicant asked for Russian, and a desk has no per-office default document
 * language of its own (its printed documents follow the language chosen at print time).
 */
export const DEFAULT_CORRESPONDENCE_LANGUAGE: SmsLanguage = 'kk';

/**
 * The applicant's language for correspondence: as the application stands after corrections; a
 * correction made by a form that did not carry the language yet keeps the one chosen at intake.
 */
export function correspondenceLanguage(state: CaseState): SmsLanguage {
  return (
    state.application?.applicant.language ??
    state.applicant?.language ??
    state.intake?.applicant.language ??
    DEFAULT_CORRESPONDENCE_LANGUAGE
  );
}

/** An office's name in both languages (the hub's registry, the desk's office profile). */
export interface OfficeNames {
  readonly kk: string;
  readonly ru: string;
}

/** Everything the notice's text says, taken from the case state. */
export interface SmsNoticeContent {
  readonly office: OfficeNames;
  /** Null for a proactive case (003:30): nobody applied. */
  readonly application: { readonly number: string; readonly date: LocalDate } | null;
  readonly decision: {
    readonly outcome: DecisionState['outcome'];
    readonly number: string;
    readonly date: LocalDate;
    /** A grant's, when the decision gives them. */
    readonly amountTiyn?: number | undefined;
    readonly periodFrom?: LocalDate | undefined;
    readonly periodTo?: LocalDate | undefined;
  };
}

export type SmsNoticePlan =
  | {
      readonly kind: 'sms';
      /** E.164, +7 and ten digits (shared/case events: phone). */
      readonly phone: string;
      readonly language: SmsLanguage;
      readonly outcome: DecisionState['outcome'];
      readonly decisionDate: LocalDate;
      readonly text: string;
    }
  | {
      readonly kind: 'none';
      /** noDecision: nothing to notify yet; notSms: printed for pickup or the portal (003:50-51). */
      readonly reason: 'noDecision' | 'notSms';
    };

/** Whether the case's decision notice goes by SMS, and if so to whom, in which language, saying what. */
export function smsNoticeOf(state: CaseState, office: OfficeNames): SmsNoticePlan {
  const decision = state.decision;
  if (decision === null) return { kind: 'none', reason: 'noDecision' };
  const phone = state.applicant?.phone;
  if (state.notificationChannel !== 'sms' || phone === undefined) {
    return { kind: 'none', reason: 'notSms' };
  }
  const language = correspondenceLanguage(state);
  const application =
    state.registrationNumber !== null && state.registrationDate !== null
      ? { number: state.registrationNumber, date: state.registrationDate }
      : null;
  return {
    kind: 'sms',
    phone,
    language,
    outcome: decision.outcome,
    decisionDate: decision.date,
    text: smsNoticeText({ office, application, decision }, language),
  };
}

/** A sum in tiyn as tenge: groups of three digits, and kopecks (tiyn) only when there are any. */
export function tengeText(tiyn: number): string {
  const whole = Math.floor(tiyn / 100);
  const rest = tiyn % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return rest === 0 ? grouped : `${grouped},${String(rest).padStart(2, '0')}`;
}

/** The text of the notice in `language`. */
export function smsNoticeText(content: SmsNoticeContent, language: SmsLanguage): string {
  const { office, application, decision } = content;
  const number = decision.number;
  const date = formatDate(decision.date);
  const grant = decision.outcome === 'grant';
  const amount = grant && decision.amountTiyn !== undefined ? tengeText(decision.amountTiyn) : null;
  const period =
    grant && decision.periodFrom !== undefined && decision.periodTo !== undefined
      ? `${formatDate(decision.periodFrom)}–${formatDate(decision.periodTo)}`
      : null;
  switch (language) {
    case 'kk': {
      const about = application
        ? `${formatDate(application.date)} № ${application.number} өтінішіңіз бойынша `
        : '';
      const what = grant
        ? 'әлеуметтік көмек көрсету туралы'
        : 'әлеуметтік көмек көрсетуден бас тарту туралы';
      return [
        `${office.kk}: ${about}${what} шешім қабылданды (№ ${number}, ${date}).`,
        amount === null ? null : `Сомасы: ${amount} теңге.`,
        period === null ? null : `Кезеңі: ${period}.`,
      ]
        .filter((s) => s !== null)
        .join(' ');
    }
    case 'ru': {
      const about = application
        ? `по вашему заявлению № ${application.number} от ${formatDate(application.date)} `
        : '';
      const what = grant
        ? 'принято решение об оказании социальной помощи'
        : 'принято решение об отказе в оказании социальной помощи';
      return [
        `${office.ru}: ${about}${what} (№ ${number} от ${date}).`,
        amount === null ? null : `Сумма: ${amount} тенге.`,
        period === null ? null : `Период: ${period}.`,
      ]
        .filter((s) => s !== null)
        .join(' ');
    }
  }
}

/** A phone as staff see it: every digit hidden but the last four (+7 *** *** 45 67). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return '*'.repeat(digits.length);
  const last = digits.slice(-4);
  return `+7 *** *** ${last.slice(0, 2)} ${last.slice(2)}`;
}
