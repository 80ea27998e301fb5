// Realistic cases for `npm run bench`: applicants with Kazakh and Russian names and valid IINs, the four
// services an akimat registers, registration dates across 2024–2026 on the working-day calendar, due
// dates from the real registration plan, and the events a case gets as it moves (resolution, commission,
// forwarding, the district's result, issue; a few withdrawn; a few stuck, so some are overdue). The
// cases come from the district's ten okrugs in uneven shares, each opened and moved by its own akimat's
// staff (the district desk's view; the bench registers as the first okrug's specialist), and every month
// has results decided in it, granted and refused (the monthly report's figures). Events follow the
// transition table, so the fold applies all of them; journal rows come from the same projection the
// desk uses (shared/journal journalRowOf). Not part of the desk: built only into the bench page.
import {
  TERMINAL_STAGES,
  foldCase,
  formatRegistrationNumber,
  parseCaseEvent,
  type Actor,
  type CaseEvent,
  type CaseEventType,
  type EventSignature,
  type PayloadOf,
} from '../../../shared/case';
import type { WorkingCalendar } from '../../../shared/calendar';
import { documentsFor, findService, ruleSetInForce } from '../../../shared/catalog';
import { formatStamp } from '../../../shared/clock';
import { EVENT_SCHEMA_VERSION } from '../../../shared/events/envelope';
import { iinControlDigit } from '../../../shared/identity';
import { planRegistration, type RegistrationPlan } from '../../../shared/intake';
import { searchTokens } from '../../../shared/text';
import { addDays, addMinutes, type LocalDate, type LocalDateTime } from '../../../shared/time';
import {
  addJournalRows,
  journalRowOf,
  personRowOf,
  type CaseRow,
  type DeskDatabase,
  type PersonRow,
} from '../db';

/** A small fast PRNG (mulberry32): the same seed gives the same database. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  };
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof createRandom>;

// ---- people -----------------------------------------------------------------------------------------

/** Surname stems: Kazakh and Russian surnames take -ов/-ев/-ин + а for women; some do not change. */
// prettier-ignore
const SURNAMES = [
  'Ахметов', 'Әбенов', 'Сейітов', 'Нұрланов', 'Жұмабаев', 'Қасымов', 'Оспанов', 'Серікбаев',
  'Төлеуов', 'Бекмұхамбетов', 'Ермеков', 'Мұхтаров', 'Сәрсенбаев', 'Әлімжанов', 'Құрманғалиев',
  'Тоқтаров', 'Есенов', 'Ысқақов', 'Үсенов', 'Ұлықбеков', 'Өмірзақов', 'Ғабдуллин', 'Исаев',
  'Байжанов', 'Шәкенов', 'Дәулетов', 'Қалиев', 'Жақсылықов', 'Мамыров', 'Тұрсынов', 'Рахымов',
  'Сұлтанов', 'Кенжебаев', 'Нұрмағамбетов', 'Әмірханов', 'Бейсенов', 'Смағұлов', 'Ілиясов',
  'Иванов', 'Петров', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков',
  'Фёдоров', 'Морозов', 'Волков', 'Лебедев', 'Козлов', 'Степанов', 'Никитин',
];
const UNCHANGED_SURNAMES = ['Ким', 'Пак', 'Шевченко', 'Бондаренко', 'Цой', 'Ли'];
// prettier-ignore
const MALE_NAMES = [
  'Нұрлан', 'Ерлан', 'Бақыт', 'Дәурен', 'Асқар', 'Ержан', 'Серік', 'Қайрат', 'Мұрат', 'Талғат',
  'Әсет', 'Бауыржан', 'Ғалым', 'Жандос', 'Арман', 'Ілияс', 'Өмірзақ', 'Үмбет', 'Ұлан', 'Айдос',
  'Болат', 'Санжар', 'Нұржан', 'Ақылбек', 'Александр', 'Сергей', 'Виктор', 'Андрей', 'Дмитрий',
  'Николай', 'Владимир', 'Юрий',
];
// prettier-ignore
const FEMALE_NAMES = [
  'Әйгерім', 'Гүлнар', 'Сәуле', 'Айгүл', 'Динара', 'Жанар', 'Мөлдір', 'Ақбота', 'Гүлжан',
  'Назерке', 'Айжан', 'Қарлығаш', 'Зәуре', 'Ләззат', 'Үміт', 'Іңкәр', 'Шынар', 'Ботагөз', 'Ұлжан',
  'Меруерт', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Людмила', 'Валентина',
];
const RUSSIAN_FATHER_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  Александр: ['Александрович', 'Александровна'],
  Сергей: ['Сергеевич', 'Сергеевна'],
  Виктор: ['Викторович', 'Викторовна'],
  Андрей: ['Андреевич', 'Андреевна'],
  Дмитрий: ['Дмитриевич', 'Дмитриевна'],
  Николай: ['Николаевич', 'Николаевна'],
  Владимир: ['Владимирович', 'Владимировна'],
  Юрий: ['Юрьевич', 'Юрьевна'],
};
const VILLAGES = ['Қызылсай', 'Жаңақала', 'Байтерек', 'Ақжар', 'Көктөбе', 'Новоалексеевка'];
const STREETS = ['Бейбітшілік', 'Абай', 'Тәуелсіздік', 'Мектеп', 'Жастар', 'Орталық', 'Мира'];
const MOBILE_CODES = ['701', '702', '705', '707', '747', '771', '775', '777'];

export interface SeedPerson {
  iin: string;
  lastName: string;
  firstName: string;
  patronymic?: string;
  birthDate: LocalDate;
  sex: 'M' | 'F';
  address: string;
  phone?: string;
  inMobileCitizensDb: boolean;
}

function iinFor(random: Random, birthDate: LocalDate, sex: 'M' | 'F'): string {
  const year = Number(birthDate.slice(0, 4));
  const centuryDigit = year >= 2000 ? (sex === 'M' ? 5 : 6) : sex === 'M' ? 3 : 4;
  const yymmdd = birthDate.slice(2, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10);
  for (;;) {
    const first11 = `${yymmdd}${centuryDigit}${String(random.int(0, 9999)).padStart(4, '0')}`;
    const control = iinControlDigit(first11);
    if (control !== null) return `${first11}${control.digit}`;
  }
}

export function makePerson(random: Random): SeedPerson {
  const sex = random.chance(0.55) ? 'F' : 'M';
  const surname = random.chance(0.08) ? random.pick(UNCHANGED_SURNAMES) : random.pick(SURNAMES);
  const lastName = sex === 'F' && !UNCHANGED_SURNAMES.includes(surname) ? `${surname}а` : surname;
  const firstName = random.pick(sex === 'F' ? FEMALE_NAMES : MALE_NAMES);
  const father = random.pick(MALE_NAMES);
  const russian = RUSSIAN_FATHER_NAMES[father];
  const patronymic = random.chance(0.1)
    ? undefined
    : russian
      ? russian[sex === 'M' ? 0 : 1]
      : `${father}${sex === 'M' ? 'ұлы' : 'қызы'}`;
  const birthYear = random.int(1950, 2006);
  const birthDate = addDays(`${birthYear}-01-01`, random.int(0, 364));
  const phone = random.chance(0.8)
    ? `+7${random.pick(MOBILE_CODES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`
    : undefined;
  return {
    iin: iinFor(random, birthDate, sex),
    lastName,
    firstName,
    ...(patronymic ? { patronymic } : {}),
    birthDate,
    sex,
    address: `Ақмола облысы, Ақкөл ауданы, ${random.pick(VILLAGES)} ауылы, ${random.pick(STREETS)} көшесі, ${random.int(1, 120)}`,
    ...(phone ? { phone } : {}),
    inMobileCitizensDb: phone !== undefined && random.chance(0.7),
  };
}

// ---- cases ------------------------------------------------------------------------------------------

/** The services an akimat registers, with their share of applications. */
const SERVICE_MIX: readonly (readonly [string, number])[] = [
  ['targeted-social-assistance', 0.4],
  ['child-benefit-under-18', 0.3],
  ['asp-recipient-certificate', 0.2],
  ['fuel-aid-rural-social-specialists', 0.1],
];

export const DISTRICT_ID = 'KZL';

/** An okrug's akimat: its office and the share of the district's applications it registers. */
export interface SeedOkrug {
  readonly officeId: string;
  readonly officeCode: string;
  readonly share: number;
}
/**
 * The district's okrugs, largest first (a district centre and rural okrugs: shares sum to 1). The
 * first is the desk's own office: the bench registers there, and only its counters are written.
 */
export const OKRUGS: readonly SeedOkrug[] = [
  0.22, 0.14, 0.12, 0.1, 0.09, 0.08, 0.07, 0.07, 0.06, 0.05,
].map((share, i) => {
  const code = `KZL${String(i + 1).padStart(2, '0')}`;
  return { officeId: code.toLowerCase(), officeCode: code, share };
});
const OWN_OKRUG = OKRUGS[0] ?? { officeId: 'kzl01', officeCode: 'KZL01', share: 1 };
export const OFFICE_CODE = OWN_OKRUG.officeCode;
export const OFFICE_ID = OWN_OKRUG.officeId;

/** An okrug's staff: two specialists at desks 1 and 2, and the akim. */
interface OkrugStaff {
  readonly okrug: SeedOkrug;
  readonly specialists: readonly [Actor, Actor];
  readonly akim: Actor;
}
function staffOf(okrug: SeedOkrug): OkrugStaff {
  const own = okrug.officeId === OFFICE_ID;
  // The desk's own users keep their plain ids (the bench acts as 'user-specialist-1' on 'desk-1').
  const user = (name: string) => (own ? `user-${name}` : `user-${okrug.officeId}-${name}`);
  const device = (n: number) => (own ? `desk-${n}` : `${okrug.officeId}-desk-${n}`);
  const actor = (name: string, role: Actor['role'], deviceNo: number): Actor => ({
    userId: user(name),
    role,
    officeId: okrug.officeId,
    districtId: DISTRICT_ID,
    deviceId: device(deviceNo),
  });
  return {
    okrug,
    specialists: [actor('specialist-1', 'specialist', 1), actor('specialist-2', 'specialist', 2)],
    akim: actor('akim', 'akim', 1),
  };
}
const STAFF: readonly OkrugStaff[] = OKRUGS.map(staffOf);
const OWN_STAFF = STAFF[0] ?? staffOf(OWN_OKRUG);

function pickStaff(random: Random): OkrugStaff {
  let roll = random.next();
  for (const staff of STAFF) {
    roll -= staff.okrug.share;
    if (roll < 0) return staff;
  }
  return OWN_STAFF;
}

function pickService(random: Random): string {
  let roll = random.next();
  for (const [id, share] of SERVICE_MIX) {
    roll -= share;
    if (roll < 0) return id;
  }
  return SERVICE_MIX[0]?.[0] ?? 'targeted-social-assistance';
}

/** Office wall time (UTC+5) as the HLC's physical reading. */
function wallMs(at: LocalDateTime): number {
  return (
    Date.UTC(
      Number(at.slice(0, 4)),
      Number(at.slice(5, 7)) - 1,
      Number(at.slice(8, 10)),
      Number(at.slice(11, 13)),
      Number(at.slice(14, 16)),
    ) -
    5 * 3_600_000
  );
}

function base64Of(random: Random, bytes: number): string {
  let binary = '';
  for (let i = 0; i < bytes; i++) binary += String.fromCharCode(random.int(0, 255));
  return btoa(binary);
}

const at = (date: LocalDate, time: string): LocalDateTime => `${date}T${time}`;

function intakeTime(random: Random): string {
  // Intake hours 09:00–17:30 with lunch 13:00–14:30.
  const minutes = random.chance(0.55)
    ? random.int(9 * 60, 12 * 60 + 55)
    : random.int(14 * 60 + 30, 17 * 60 + 25);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export interface SeedContext {
  calendar: WorkingCalendar;
  /** Office date today: nothing is dated after it. */
  today: LocalDate;
  random: Random;
  /** Working days from 2024 on, before today. */
  workingDays: readonly LocalDate[];
  /** Registration sequence per `${officeCode}|${device}|${year}`. */
  counters: Map<string, number>;
  plans: Map<string, RegistrationPlan>;
}

export function createSeedContext(
  calendar: WorkingCalendar,
  today: LocalDate,
  seed = 2024,
): SeedContext {
  const workingDays: LocalDate[] = [];
  for (let d = '2024-01-03'; d < today; d = addDays(d, 1)) {
    if (calendar.isWorkingDay(d)) workingDays.push(d);
  }
  return {
    calendar,
    today,
    random: createRandom(seed),
    workingDays,
    counters: new Map(),
    plans: new Map(),
  };
}

function planFor(ctx: SeedContext, serviceId: string, day: LocalDate): RegistrationPlan {
  const key = `${serviceId}|${day}`;
  let plan = ctx.plans.get(key);
  if (!plan) {
    const planned = planRegistration({
      serviceId,
      receivedAt: at(day, '10:00'),
      calendar: ctx.calendar,
    });
    if (!planned.ok)
      throw new Error(`No registration plan for ${serviceId} on ${day}: ${planned.reason}`);
    plan = planned.plan;
    ctx.plans.set(key, plan);
  }
  return plan;
}

function nextNumber(ctx: SeedContext, officeCode: string, deviceNo: number, year: number): string {
  const key = `${officeCode}|${deviceNo}|${year}`;
  const seq = (ctx.counters.get(key) ?? 0) + 1;
  ctx.counters.set(key, seq);
  return formatRegistrationNumber({ officeCode, deviceNo, seq, year });
}

/** The payload a specialist's intake form produces for this person and service. */
export function registrationDraft(
  random: Random,
  person: SeedPerson,
  serviceId: string,
  receivedAt: LocalDateTime,
  plan: RegistrationPlan,
): Omit<PayloadOf<'Registered'>, 'registrationNumber'> {
  const found = ruleSetInForce(serviceId, plan.start.date);
  if (!found.ok) throw new Error(`No rule-set for ${serviceId}`);
  const documents = documentsFor(found.service, 'akim').map((d) => ({
    documentId: d.id,
    state:
      d.requirement === 'conditional'
        ? ('notApplicable' as const)
        : d.id === 'identity-document' && random.chance(0.6)
          ? ('confirmedByInformationSystem' as const)
          : ('presented' as const),
  }));
  const family =
    serviceId === 'targeted-social-assistance' || serviceId === 'child-benefit-under-18';
  const children = family ? random.int(1, 4) : 0;
  const year = Number(receivedAt.slice(0, 4));
  return {
    serviceId,
    ruleSetId: plan.ruleSetId,
    route: plan.caseRoute,
    channel: 'office',
    applicant: person,
    documents,
    consents: { personalData: true, protectedInformation: true },
    ...(family
      ? {
          familyMembers: Array.from({ length: children }, () => {
            const sex = random.chance(0.5) ? 'F' : 'M';
            return {
              lastName:
                sex === 'F' && !person.lastName.endsWith('а')
                  ? `${person.lastName}а`
                  : person.lastName,
              firstName: random.pick(sex === 'F' ? FEMALE_NAMES : MALE_NAMES),
              birthDate: addDays(`${year - random.int(1, 17)}-01-01`, random.int(0, 364)),
              relation: 'child' as const,
              incomes: [],
            };
          }),
        }
      : {}),
    ...(serviceId === 'targeted-social-assistance'
      ? {
          applicantIncomes: [
            {
              source: random.pick(['wages', 'pension', 'benefits', 'farming']),
              amountTiyn: random.int(30_000, 300_000) * 100,
              periodFrom: `${year - 1}-07-01`,
              periodTo: `${year - 1}-09-30`,
            },
          ],
        }
      : {}),
    attachments: [],
    receivedAt,
    registrationDate: plan.start.date,
    dueDate: plan.dueDate,
  };
}

export interface SeededCase {
  events: CaseEvent[];
  row: CaseRow;
  person: PersonRow | null;
}

/** One case and the events it has had by today. */
export function seedCase(ctx: SeedContext, person: SeedPerson, index: number): SeededCase {
  const { random, calendar } = ctx;
  const serviceId = pickService(random);
  const day = random.pick(ctx.workingDays);
  const receivedAt = at(day, intakeTime(random));
  const plan = planFor(ctx, serviceId, day);
  // The okrug's own staff act on its case (an akimat acts only on the cases it opened).
  const { okrug, specialists, akim } = pickStaff(random);
  const deviceNo = random.chance(0.7) ? 1 : 2;
  const specialist = deviceNo === 1 ? specialists[0] : specialists[1];
  const caseId = `bench-${String(index).padStart(6, '0')}`;
  const number = nextNumber(ctx, okrug.officeCode, deviceNo, Number(plan.start.date.slice(0, 4)));
  const draft = registrationDraft(random, person, serviceId, receivedAt, plan);
  const now = at(ctx.today, '08:30');

  const events: CaseEvent[] = [];
  const add = <T extends CaseEventType>(
    type: T,
    payload: PayloadOf<T>,
    actor: Actor,
    legalTime: LocalDateTime,
    signature?: EventSignature,
  ): boolean => {
    if (legalTime >= now) return false;
    const event = {
      id: `${caseId}-${events.length + 1}`,
      v: EVENT_SCHEMA_VERSION,
      caseId,
      type,
      payload,
      actor,
      legalTime,
      hlc: formatStamp({
        wallMs: wallMs(legalTime),
        counter: events.length,
        nodeId: actor.deviceId,
      }),
      ...(signature ? { signature } : {}),
    };
    // Sound by construction: type and payload match T (the bench checks a sample with the schema).
    events.push(event as unknown as CaseEvent);
    return true;
  };

  add('Registered', { ...draft, registrationNumber: number }, specialist, receivedAt);
  const workDay = (n: number) => calendar.addWorkingDays(plan.start.date, n);
  const applicantName = `${person.lastName} ${person.firstName.slice(0, 1)}.`;
  // A few cases stop at some step: the ones still open past their due date are the overdue ones.
  const stuckAt = random.chance(0.015) ? random.int(1, 5) : Infinity;

  if (plan.caseRoute === 'akimLocal') {
    // The certificate is given on the spot: the akim signs it within the 15 minutes.
    const signedAt = addMinutes(receivedAt, random.int(5, 12));
    if (stuckAt <= 1) return finish();
    const belongs = random.chance(0.7);
    add(
      'CertificateIssued',
      {
        result: belongs ? 'belongs' : 'doesNotBelong',
        number: `А-${number.split('-')[2] ?? '1'}`,
        date: plan.start.date,
        documentDigest: base64Of(random, 32),
      },
      akim,
      signedAt,
      {
        keyId: 'akim-key-1',
        algorithm: 'ECDSA-P256-SHA256',
        value: base64Of(random, 64),
        signedDigest: base64Of(random, 32),
      },
    );
    if (stuckAt <= 2) return finish();
    add(
      'ResultIssued',
      { date: plan.start.date, way: 'inPerson', to: { kind: 'applicant', name: applicantName } },
      specialist,
      addMinutes(signedAt, 2),
    );
    return finish();
  }

  if (stuckAt <= 1) return finish();
  if (
    !add(
      'ResolutionImposed',
      { executorUserId: specialist.userId, text: 'Қарап, белгіленген мерзімде орындалсын.' },
      akim,
      at(workDay(1), '10:15'),
    )
  ) {
    return finish();
  }
  if (random.chance(0.02)) {
    add(
      'Withdrawn',
      { reason: 'Өтініш берушінің жазбаша өтініші', requestDate: workDay(2) },
      specialist,
      at(workDay(2), '11:00'),
    );
    return finish();
  }
  const commission =
    serviceId === 'targeted-social-assistance'
      ? random.chance(0.6)
      : serviceId === 'child-benefit-under-18' && random.chance(0.2);
  let step = 1;
  if (commission) {
    if (stuckAt <= 2) return finish();
    if (!add('SentToCommission', {}, specialist, at(workDay(2), '09:40'))) return finish();
    if (stuckAt <= 3) return finish();
    const actDay = workDay(5);
    if (
      !add(
        'CommissionActRecorded',
        {
          actDate: actDay,
          members: [
            { name: 'Бекова Г. С.', position: 'комиссия төрағасы' },
            { name: 'Омаров Қ. Т.', position: 'хатшы' },
          ],
          findings: 'Отбасының тұрмыс жағдайы тексерілді, тексеру актісі жасалды.',
          conclusion: random.chance(0.7) ? 'needed' : 'notNeeded',
        },
        specialist,
        at(actDay, '16:00'),
      )
    ) {
      return finish();
    }
    step = 5;
  }
  if (stuckAt <= 4) return finish();
  const forwardDay = workDay(step + 1);
  if (
    !add(
      'ForwardedToDistrict',
      {
        registerId: `register-${forwardDay}`,
        registerNumber: `Т-${forwardDay.slice(5).replace('-', '')}/${forwardDay.slice(0, 4)}`,
      },
      specialist,
      at(forwardDay, '15:00'),
    )
  ) {
    return finish();
  }
  if (stuckAt <= 5) return finish();
  // The district decides before the due date (a few working days after the documents arrive); the
  // paper notice reaches the akimat the next working day.
  const soonest = calendar.addWorkingDays(forwardDay, random.int(3, 8));
  const decided =
    soonest < plan.dueDate ? soonest : plan.dueDate < forwardDay ? forwardDay : plan.dueDate;
  const received = calendar.nextWorkingDay(decided);
  const grant = random.chance(0.8);
  if (
    !add(
      'DistrictResultRecorded',
      {
        decision: grant
          ? {
              outcome: 'grant',
              number: String(random.int(100, 999)),
              date: decided,
              amountTiyn: random.int(5_000, 90_000) * 100,
            }
          : {
              outcome: 'refuse',
              number: String(random.int(100, 999)),
              date: decided,
              justification:
                'Отбасының жан басына шаққандағы орташа табысы кедейлік шегінен асады.',
            },
        receivedOn: received,
      },
      specialist,
      at(received, '10:30'),
    )
  ) {
    return finish();
  }
  const issued = calendar.addWorkingDays(received, random.int(0, 3));
  add(
    'ResultIssued',
    {
      date: issued,
      way: person.inMobileCitizensDb && random.chance(0.6) ? 'sms' : 'inPerson',
      to: { kind: 'applicant', name: applicantName },
    },
    specialist,
    at(issued, '14:45'),
  );
  return finish();

  function finish(): SeededCase {
    const state = foldCase(events);
    const last = events[events.length - 1];
    const updatedAtMs = last ? wallMs(last.legalTime) : 0;
    const row = journalRowOf(state, calendar, updatedAtMs);
    if (!row) throw new Error(`Case ${caseId} has no journal row`);
    return { events, row, person: personRowOf(state, updatedAtMs) };
  }
}

/** Checks seeded cases with the shared schema and the fold: every event valid and applied. */
export function checkSeededCase(seeded: SeededCase): void {
  for (const event of seeded.events) {
    const parsed = parseCaseEvent(event);
    if (!parsed.ok) {
      throw new Error(`Invalid ${event.type}: ${JSON.stringify(parsed.error.issues[0])}`);
    }
  }
  const state = foldCase(seeded.events);
  if (state.conflicts.length > 0) {
    throw new Error(
      `Conflicts in ${seeded.row.id}: ${state.conflicts.map((c) => c.reason).join(', ')}`,
    );
  }
  if (!findService(seeded.row.serviceId).ok)
    throw new Error(`Unknown service ${seeded.row.serviceId}`);
}

export interface SeedResult {
  cases: number;
  events: number;
  openCases: number;
  /** Open cases late at 08:30 today, the term or the current step (the journal's overdue filter). */
  overdue: number;
  ms: number;
  /** IINs and name prefixes of seeded applicants, to search for. */
  iins: string[];
  namePrefixes: string[];
}

/**
 * Writes `total` cases in chunks: events, journal rows and people in bulk, one transaction per chunk,
 * and the desks' registration counters at the end.
 */
export async function seedDatabase(
  db: DeskDatabase,
  ctx: SeedContext,
  total: number,
  onProgress: (done: number) => void = () => {},
  chunk = 2000,
): Promise<SeedResult> {
  const started = performance.now();
  const { random } = ctx;
  // About two applications per person over the years: people come back.
  const people: SeedPerson[] = Array.from({ length: Math.ceil(total / 1.8) }, () =>
    makePerson(random),
  );
  const iins: string[] = [];
  const prefixes = new Set<string>();
  let events = 0;
  let openCases = 0;
  let overdue = 0;
  for (let start = 0; start < total; start += chunk) {
    const batch: SeededCase[] = [];
    for (let i = start; i < Math.min(total, start + chunk); i++) {
      const person = random.pick(people);
      const seeded = seedCase(ctx, person, i + 1);
      // The first cases are checked against the event schemas and the fold.
      if (i < 300) checkSeededCase(seeded);
      batch.push(seeded);
      if (i % 500 === 0) iins.push(person.iin);
      const first = searchTokens(person.lastName)[0];
      if (first && first.length >= 4) prefixes.add(first.slice(0, 4));
      if (!TERMINAL_STAGES.includes(seeded.row.stage)) {
        openCases += 1;
        const now = `${ctx.today}T08:30`;
        if (seeded.row.lateFrom !== undefined && seeded.row.lateFrom <= now) overdue += 1;
      }
    }
    const allEvents = batch.flatMap((b) => b.events);
    events += allEvents.length;
    await db.transaction(
      'rw',
      [db.events, db.cases, db.caseNames, db.caseLate, db.counters, db.people],
      async () => {
        // Events bulk-loaded; their journal rows come from journalRowOf like every row (seedCase), and
        // are written with their name-index keys as the desk writes them.
        await db.events.bulkAdd(allEvents);
        await addJournalRows(
          db,
          batch.map((b) => b.row),
        );
        await db.people.bulkPut(batch.flatMap((b) => (b.person ? [b.person] : [])));
      },
    );
    onProgress(Math.min(total, start + chunk));
  }
  // The desk's users, so the store accepts their acts (it checks the actor is a user of the desk).
  await db.users.bulkPut(
    [...OWN_STAFF.specialists, OWN_STAFF.akim].map((actor) => ({
      id: actor.userId,
      name: actor.userId,
      role: actor.role,
      pinHash: { algorithm: 'PBKDF2-SHA256' as const, iterations: 1, salt: '', hash: '' },
      signingKey: null,
      createdAt: `${ctx.today}T08:00:00.000Z`,
      active: true,
    })),
  );
  await db.counters.bulkPut(
    [...ctx.counters].flatMap(([key, value]) => {
      const [officeCode, device, year] = key.split('|');
      // Only the own office's counters: the other okrugs number their cases on their own desks.
      if (officeCode !== OFFICE_CODE) return [];
      // Only this desk's counter matters to it; the other desk's numbers arrived by sync.
      return [
        {
          key: device === '1' ? `registration:${year}` : `registration:desk${device}:${year}`,
          value,
        },
      ];
    }),
  );
  return {
    cases: total,
    events,
    openCases,
    overdue,
    ms: performance.now() - started,
    iins,
    namePrefixes: [...prefixes].sort(),
  };
}
