import type { Page } from 'playwright-core';

// Helpers that bring a fresh desk to where a spec starts: the office set up through the first-start
// wizard, and a person logged in. They drive the UI by its visible labels, as a person would, in the
// language the wizard is completed in.

export type DeskLanguage = 'kk' | 'ru';
export type DeskRole = 'specialist' | 'akim' | 'admin' | 'districtSpecialist' | 'districtHead';

export interface DeskUser {
  name: string;
  role: DeskRole;
  pin: string;
}

export interface DeskOffice {
  /** An okrug akim's apparatus (the default) or a district department (district mode). */
  kind?: 'akimat' | 'district';
  /** The district's code, the same for every office of the district. */
  districtId: string;
  nameKk: string;
  nameRu: string;
  code: string;
  districtKk: string;
  districtRu: string;
  address: string;
  /** This laptop's number in the office, 1–99. */
  deviceNo: number;
  lockAfterMinutes: number;
}

/** A realistic okrug office (Ақкөл district, Ақмола region). */
export const KYZYLSAI_OFFICE: DeskOffice = {
  districtId: 'AKK',
  nameKk: 'Қызылсай ауылдық округі әкімінің аппараты',
  nameRu: 'Аппарат акима Кызылсайского сельского округа',
  code: 'KZL01',
  districtKk: 'Ақкөл ауданы',
  districtRu: 'Аккольский район',
  address: 'Қызылсай ауылы, Бейбітшілік көшесі, 12',
  deviceNo: 1,
  lockAfterMinutes: 10,
};

export const SPECIALIST: DeskUser = { name: 'Сейітова Әйгерім', role: 'specialist', pin: '4826' };
export const AKIM: DeskUser = { name: 'Жұмабаев Серік', role: 'akim', pin: '739146' };

/** The wizard's and login screen's labels, as the person sees them. */
const LABELS = {
  kk: {
    languageName: 'Қазақша',
    next: 'Әрі қарай',
    save: 'Сақтап, жұмысты бастау',
    loginHeading: 'Жүйеге кіру',
    login: 'Кіру',
    nameKk: 'Аппараттың атауы (қазақша)',
    nameRu: 'Аппараттың атауы (орысша)',
    districtKk: 'Ауданның атауы (қазақша)',
    districtRu: 'Ауданның атауы (орысша)',
    address: 'Аппараттың мекенжайы',
    code: 'Округ коды',
    codeDistrict: 'Бөлім коды',
    districtId: 'Аудан коды',
    nameKkDistrict: 'Бөлімнің атауы (қазақша)',
    nameRuDistrict: 'Бөлімнің атауы (орысша)',
    addressDistrict: 'Бөлімнің мекенжайы',
    kinds: {
      akimat: 'Ауылдық округ әкімінің аппараты',
      district: 'Аудандық жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
    },
    deviceNo: 'Осы компьютердің нөмірі',
    lockAfterMinutes: 'Әрекетсіздіктен кейін бұғаттау, минут',
    user: (n: number) => `${n}-пайдаланушы`,
    addUser: 'Тағы бір пайдаланушы қосу',
    name: 'Тегі, аты',
    role: 'Рөлі',
    pin: 'ПИН-код',
    pinRepeat: 'ПИН-кодты қайталаңыз',
    roles: {
      specialist: 'Маман',
      akim: 'Әкім',
      admin: 'Жүйе әкімшісі',
      districtSpecialist: 'Аудандық бөлімнің маманы',
      districtHead: 'Аудандық бөлімнің басшысы',
    },
  },
  ru: {
    languageName: 'Русский',
    next: 'Далее',
    save: 'Сохранить и начать работу',
    loginHeading: 'Вход в систему',
    login: 'Войти',
    nameKk: 'Наименование аппарата на казахском',
    nameRu: 'Наименование аппарата на русском',
    districtKk: 'Наименование района на казахском',
    districtRu: 'Наименование района на русском',
    address: 'Адрес аппарата',
    code: 'Код округа',
    codeDistrict: 'Код отдела',
    districtId: 'Код района',
    nameKkDistrict: 'Наименование отдела на казахском',
    nameRuDistrict: 'Наименование отдела на русском',
    addressDistrict: 'Адрес отдела',
    kinds: {
      akimat: 'Аппарат акима сельского округа',
      district: 'Районный отдел занятости и социальных программ',
    },
    deviceNo: 'Номер этого компьютера',
    lockAfterMinutes: 'Блокировка при бездействии, минут',
    user: (n: number) => `Пользователь ${n}`,
    addUser: 'Добавить ещё пользователя',
    name: 'Фамилия, имя',
    role: 'Роль',
    pin: 'ПИН-код',
    pinRepeat: 'Повторите ПИН-код',
    roles: {
      specialist: 'Специалист',
      akim: 'Аким',
      admin: 'Администратор',
      districtSpecialist: 'Специалист районного отдела',
      districtHead: 'Руководитель районного отдела',
    },
  },
} as const;

/** Hashing PINs with 600 000 PBKDF2 rounds and making the akim's key takes a few seconds. */
const SAVE_TIMEOUT_MS = 60_000;

export interface SetUpOfficeOptions {
  language?: DeskLanguage;
  office?: DeskOffice;
  /** The first users the kind of office needs; defaults to SPECIALIST and AKIM. */
  users?: readonly DeskUser[];
  /** Runs on the summary step, before saving (to look at or photograph the summary). */
  beforeSave?: (page: Page) => Promise<void>;
}

/**
 * Completes the first-start wizard on a desk that shows it (a fresh browser context), in the given
 * language, and waits for the login screen.
 */
export async function setUpOffice(page: Page, options: SetUpOfficeOptions = {}): Promise<void> {
  const language = options.language ?? 'kk';
  const office = options.office ?? KYZYLSAI_OFFICE;
  const users = options.users ?? [SPECIALIST, AKIM];
  const l = LABELS[language];

  await page.getByRole('button', { name: l.languageName, exact: true }).click();
  await page.getByRole('button', { name: l.next, exact: true }).click();

  const district = office.kind === 'district';
  if (district) await page.getByLabel(l.kinds.district, { exact: true }).check();
  await page
    .getByLabel(district ? l.nameKkDistrict : l.nameKk, { exact: true })
    .fill(office.nameKk);
  await page
    .getByLabel(district ? l.nameRuDistrict : l.nameRu, { exact: true })
    .fill(office.nameRu);
  await page.getByLabel(l.districtKk, { exact: true }).fill(office.districtKk);
  await page.getByLabel(l.districtRu, { exact: true }).fill(office.districtRu);
  await page
    .getByLabel(district ? l.addressDistrict : l.address, { exact: true })
    .fill(office.address);
  await page.getByLabel(district ? l.codeDistrict : l.code, { exact: true }).fill(office.code);
  await page.getByLabel(l.districtId, { exact: true }).fill(office.districtId);
  await page.getByLabel(l.deviceNo, { exact: true }).fill(String(office.deviceNo));
  await page.getByLabel(l.lockAfterMinutes, { exact: true }).fill(String(office.lockAfterMinutes));
  await page.getByRole('button', { name: l.next, exact: true }).click();

  for (const [index, user] of users.entries()) {
    if (index >= 2) await page.getByRole('button', { name: l.addUser, exact: true }).click();
    const group = page.getByRole('group', { name: l.user(index + 1), exact: true });
    await group.getByLabel(l.name, { exact: true }).fill(user.name);
    await group.getByLabel(l.role, { exact: true }).selectOption({ label: l.roles[user.role] });
    await group.getByLabel(l.pin, { exact: true }).fill(user.pin);
    await group.getByLabel(l.pinRepeat, { exact: true }).fill(user.pin);
  }
  await page.getByRole('button', { name: l.next, exact: true }).click();

  const save = page.getByRole('button', { name: l.save, exact: true });
  await save.waitFor();
  await options.beforeSave?.(page);
  await save.click();
  await page
    .getByRole('heading', { name: l.loginHeading, exact: true })
    .waitFor({ timeout: SAVE_TIMEOUT_MS });
}

/**
 * Logs in from the login screen (in whichever language it shows): picks the person, types the PIN,
 * and waits for the desk's navigation.
 */
export async function logIn(page: Page, userName: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: userName }).click();
  await page.getByLabel('ПИН-код', { exact: true }).fill(pin);
  await page.getByRole('button', { name: /^(Кіру|Войти)$/ }).click();
  await page.getByRole('navigation', { name: /^(Бөлімдер|Разделы)$/ }).waitFor();
}

/** An applicant as the intake form asks for one (the IIN must be a valid one). */
export interface DeskApplicant {
  iin: string;
  lastName: string;
  firstName: string;
  patronymic?: string;
}

/** The intake's, the case page's and the session menu's labels, as the person sees them. */
const WORK_LABELS = {
  kk: {
    intake: 'Өтініш қабылдау',
    service: 'Қызмет',
    iin: 'ЖСН',
    lastName: 'Тегі',
    firstName: 'Аты',
    patronymic: 'Әкесінің аты',
    address: 'Мекенжайы',
    allPresented: 'Барлық міндетті құжаттар ұсынылды',
    consent: /келісім/i,
    register: 'Өтінішті тіркеу',
    switchUser: 'Пайдаланушыны ауыстыру',
    caseHeading: /^№ .+ іс$/,
    impose: 'Бұрыштама қою',
    confirmResolution: 'Бұрыштаманы ПИН-кодпен растау',
    confirm: 'Растау',
    imposed: 'Әкім бұрыштама қойды',
    locked: 'Бағдарлама бұғатталған',
    unlock: 'Бұғаттан шығару',
  },
  ru: {
    intake: 'Приём заявления',
    service: 'Услуга',
    iin: 'ИИН',
    lastName: 'Фамилия',
    firstName: 'Имя',
    patronymic: 'Отчество',
    address: 'Адрес',
    allPresented: 'Все обязательные документы представлены',
    consent: /согласие/i,
    register: 'Зарегистрировать заявление',
    switchUser: 'Сменить пользователя',
    caseHeading: /^Дело № /,
    impose: 'Наложить резолюцию',
    confirmResolution: 'Подтверждение резолюции ПИН-кодом',
    confirm: 'Подтвердить',
    imposed: 'Аким наложил резолюцию',
    locked: 'Программа заблокирована',
    unlock: 'Разблокировать',
  },
} as const;

/** A registration number as the desk prints it: office, laptop, sequence, year. */
const REGISTRATION_NUMBER = /[A-Z]{3}\d{2}-\d{1,2}-\d{4}\/\d{4}/;

/**
 * Registers a complete application through the intake screen, as the specialist logged in does it
 * (every required document presented, the rest marked not applicable, both consents), and waits for
 * its talon. Works offline: it moves by the navigation, never by loading a page.
 */
export async function registerApplication(
  page: Page,
  language: DeskLanguage,
  applicant: DeskApplicant,
  serviceId = 'targeted-social-assistance',
): Promise<{ caseId: string; number: string }> {
  const l = WORK_LABELS[language];
  const field = (label: string) => page.getByLabel(label, { exact: true });
  await page.getByRole('navigation').getByRole('link', { name: l.intake, exact: true }).click();
  await page.getByRole('heading', { name: l.intake, level: 1 }).waitFor();
  await field(l.service).selectOption(serviceId);
  await field(l.iin).fill(applicant.iin);
  await field(l.lastName).fill(applicant.lastName);
  await field(l.firstName).fill(applicant.firstName);
  if (applicant.patronymic) await field(l.patronymic).fill(applicant.patronymic);
  await field(l.address).fill('Қызылсай ауылы, Бейбітшілік көшесі, 12');
  await page.getByRole('button', { name: l.allPresented }).click();
  for (const select of await page.locator('.intake-document select').all()) {
    if ((await select.inputValue()) === '') await select.selectOption('notApplicable');
  }
  for (const consent of await page.getByRole('checkbox', { name: l.consent }).all()) {
    await consent.check();
  }
  await page.getByRole('button', { name: l.register }).last().click();
  await page.waitForURL(/#\/print\/talon\/[0-9a-f-]{36}/);
  const caseId = /#\/print\/talon\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!caseId) throw new Error(`no case id in ${page.url()}`);
  const shown = await page.getByText(REGISTRATION_NUMBER).first().innerText();
  const number = REGISTRATION_NUMBER.exec(shown)?.[0];
  if (!number) throw new Error(`no registration number on the talon: ${shown}`);
  return { caseId, number };
}

/** Quick user switch from the session menu, then the other person's login. */
export async function switchUser(
  page: Page,
  language: DeskLanguage,
  user: Pick<DeskUser, 'name' | 'pin'>,
): Promise<void> {
  await page.locator('.session-menu-button').click();
  await page.getByRole('menuitem', { name: WORK_LABELS[language].switchUser }).click();
  await logIn(page, user.name, user.pin);
}

/**
 * The akim logged in imposes the resolution the form offers on a case, from its page, and confirms
 * it with the PIN. Opens the case by its address without loading a page (works offline).
 */
export async function imposeResolution(
  page: Page,
  language: DeskLanguage,
  caseId: string,
  akimPin: string,
): Promise<void> {
  const l = WORK_LABELS[language];
  await page.evaluate((id) => {
    window.location.hash = `#/cases/${id}`;
  }, caseId);
  await page.getByRole('heading', { name: l.caseHeading }).first().waitFor();
  await page.getByRole('button', { name: l.impose }).first().click();
  await page.getByRole('button', { name: l.impose }).last().click();
  const dialog = page.getByRole('dialog', { name: l.confirmResolution });
  await dialog.getByLabel('ПИН-код').fill(akimPin);
  await dialog.getByRole('button', { name: l.confirm, exact: true }).click();
  await page.getByText(l.imposed).first().waitFor();
}

/**
 * Moves the office clock to `time` (hours or weeks later). The person is at the desk, so they touch
 * the mouse at once. The idle lock checks every few seconds: if its check ran between the jump and
 * the touch, the desk is locked (rightly: the desk saw hours without activity), and the person
 * unlocks it with their PIN. After the touch no check can lock, so the test goes on either way.
 */
export async function moveOfficeClock(
  page: Page,
  language: DeskLanguage,
  time: Date,
  user: Pick<DeskUser, 'pin'>,
): Promise<void> {
  const l = WORK_LABELS[language];
  await page.clock.setSystemTime(time);
  await page.mouse.move(10, 10);
  await page.mouse.move(20, 20);
  const lock = page.getByRole('heading', { name: l.locked });
  if (await lock.isVisible()) {
    await page.getByRole('dialog').getByLabel('ПИН-код').fill(user.pin);
    await page.getByRole('button', { name: l.unlock }).click();
    await lock.waitFor({ state: 'detached' });
  }
}
