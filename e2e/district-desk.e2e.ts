// The district department's desk in Chromium (issue 9's e2e): an akimat desk (in Kazakh) and a district
// desk (in Russian, photographed in both languages) in two browser contexts at 1366×768, and a real hub
// on a throwaway PostgreSQL cluster between them. The steps, dates and payloads are those of the Node
// test e2e/sync/district-loop.e2e.ts, here typed into the desks' own screens. What it shows:
// - The akimat, offline, registers three applications (each applicant's mobile number in the mobile
//   citizens' database), the akim resolves them and signs a covering register, and the specialist
//   forwards it; back online the desk joins the hub from the system page and syncs.
// - The district desk, joined with its own code, shows the register in its inbound queue and receives
//   it; computes two families' per-capita income; grants one; refuses one through the whole hearing of
//   seed 003 (notice, oral objection, protocol, familiarization, remarks: 003:38-47), a refusal
//   before the remarks window closes being refused on the desk (R-HEAR-6); returns the third for a
//   missing document (R-ROUTE-6); the head signs both results with the PIN (R-DEC-5).
// - The hub's SMS round queues and hands over one notice for each signed result (R-DEC-2, 003:49),
//   and the district desk's SMS outbox lists them.
// - The akimat syncs, sees both signed results and the returned case, takes the results back and
//   issues them; the district's monthly report counts the month.
// - Each notice's print view is printed to PDF by Chromium, and pdftotext finds the decision number,
//   the applicant and the signer.
// - At the end the hub's state hash of the akimat's scope equals the akimat desk's, and that of the
//   district's scope equals the district desk's (printed).
// The clocks: each desk's clock is Playwright's, set to the legal times of the Node test (7–15
// December 2026), so the hearing's working-day windows pass as they would; the hub keeps its own.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import type { RunningHub } from '../server/src/hub';
import { outboxGateway } from '../server/src/sms/gateway';
import { queueSignedResults, sendDue } from '../server/src/sms/outbox';
import { launchChromium } from './support/browser';
import {
  imposeResolution,
  KYZYLSAI_OFFICE,
  moveOfficeClock,
  switchUser,
  type DeskOffice,
  type DeskUser,
} from './support/desk';
import {
  AKKOL_DEPARTMENT,
  DISTRICT_CODE,
  DISTRICT_FORMS_RU as F,
  DISTRICT_HEAD,
  DISTRICT_SPECIALIST,
  DISTRICT_UI,
  enrollmentCode as codeFor,
  installDesk as install,
  joinFromSystemPage,
  openAction,
  openCase,
  openScreen,
  photographFailure,
  printToPdf,
  registerWithMobile,
  shot,
  startDistrictHub,
  submitAction,
  switchLanguage,
  syncNow,
  type DistrictHub,
  type MobileApplicant,
} from './support/district';
import { deskStateHash } from './support/fixtures';
import { hubStateHash } from './support/sync-desks';

const PDF_DIR = join(import.meta.dirname, '..', 'test-results', 'pdf');

const SPECIALIST: DeskUser = { name: 'Сейітова Әйгерім', role: 'specialist', pin: '4826' };
const AKIM: DeskUser = { name: 'Жұмабаев Серік', role: 'akim', pin: '739146' };

/** Granted, refused after the hearing, returned for a missing document. */
const APPLICANTS: readonly [MobileApplicant, MobileApplicant, MobileApplicant] = [
  {
    iin: '850315400124',
    lastName: 'Сейітова',
    firstName: 'Әйгерім',
    patronymic: 'Қайратқызы',
    phone: '+7 701 234 56 78',
  },
  {
    iin: '790622300450',
    lastName: 'Нұрланов',
    firstName: 'Ерболат',
    phone: '+7 747 112 23 34',
  },
  {
    iin: '850101301003',
    lastName: 'Әбенов',
    firstName: 'Нұрлан',
    patronymic: 'Қайратұлы',
    phone: '+7 777 300 40 50',
  },
];

/** A legal time in Kazakhstan (UTC+5). */
const at = (localTime: string) => new Date(`${localTime}:00+05:00`);

let district: DistrictHub;
let hub: RunningHub;
let browser: Browser;

beforeAll(async () => {
  district = await startDistrictHub(inject('deskDir'), 'district_desk', [
    KYZYLSAI_OFFICE,
    AKKOL_DEPARTMENT,
  ]);
  hub = district.hub;
  browser = await launchChromium();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await photographFailure(browser, 'district-desk');
});

afterAll(async () => {
  await browser?.close();
  await district?.stop();
});

const enrollmentCode = (officeCode: string) => codeFor(hub, officeCode);

/** A laptop whose clock starts at `start`, with the desk loaded from the hub and set up. */
const installDesk = (
  start: Date,
  language: 'kk' | 'ru',
  office: DeskOffice,
  users: readonly DeskUser[],
) => install(browser, hub.url, { start, language, office, users });

describe('the district department’s desk in the browser, with an akimat desk and a hub on PostgreSQL', () => {
  test('forward offline, receive, compute, grant, hear and refuse, return, sign, SMS, issue; screenshots and PDFs in kk and ru; every state hash agrees', async () => {
    const shots: string[] = [];
    const pdfs: string[] = [];
    const kk = DISTRICT_UI.kk;

    // ---- the akimat, Monday 7 December, offline ------------------------------------------------
    const akimat = await installDesk(at('2026-12-07T08:30'), 'kk', KYZYLSAI_OFFICE, [
      SPECIALIST,
      AKIM,
    ]);
    const a = akimat.page;
    await akimat.context.setOffline(true);
    const cases = [];
    for (const applicant of APPLICANTS) cases.push(await registerWithMobile(a, 'kk', applicant));
    const [granted, refused, returned] = cases as [
      (typeof cases)[number],
      (typeof cases)[number],
      (typeof cases)[number],
    ];
    await switchUser(a, 'kk', AKIM);
    for (const c of cases) await imposeResolution(a, 'kk', c.caseId, AKIM.pin);
    await switchUser(a, 'kk', SPECIALIST);
    await openScreen(a, kk.registers);
    await a.getByRole('button', { name: kk.newRegister }).click();
    await a.getByLabel(kk.selectAll).check();
    await a.getByRole('button', { name: kk.createRegister }).click();
    const registerNumber = 'KZL01-1-R0001/2026';
    await a.getByRole('heading', { name: new RegExp(registerNumber) }).waitFor();
    await switchUser(a, 'kk', AKIM);
    await openScreen(a, kk.akimInbox);
    await a.getByRole('link', { name: kk.openAndSign }).first().click();
    await a.getByRole('button', { name: kk.signRegister }).click();
    const registerDialog = a.getByRole('dialog');
    await registerDialog.getByLabel('ПИН-код').fill(AKIM.pin);
    await registerDialog.getByRole('button', { name: kk.sign, exact: true }).click();
    await a.getByRole('status').filter({ hasText: kk.signed }).waitFor({ timeout: 30_000 });
    await switchUser(a, 'kk', SPECIALIST);
    await openScreen(a, kk.registers);
    await a.getByRole('link', { name: registerNumber }).click();
    await a.getByRole('button', { name: kk.forward }).click();
    await a.getByRole('button', { name: kk.confirmForward }).click();
    await a.getByRole('status').filter({ hasText: kk.forwarded }).waitFor();
    // Nothing reached the hub while the desk was offline.
    expect((await hubStateHash(hub.db, DISTRICT_CODE, KYZYLSAI_OFFICE.code)).events).toBe(0);

    // Online: it joins and syncs.
    await akimat.context.setOffline(false);
    expect(await joinFromSystemPage(a, 'kk', await enrollmentCode(KYZYLSAI_OFFICE.code))).toBe(1);
    await syncNow(a, 'kk');
    expect((await hubStateHash(hub.db, DISTRICT_CODE, KYZYLSAI_OFFICE.code)).caseIds).toEqual(
      cases.map((c) => c.caseId).sort(),
    );

    // ---- the district department's desk, in Russian ----------------------------------------------
    const district = await installDesk(at('2026-12-07T12:00'), 'ru', AKKOL_DEPARTMENT, [
      DISTRICT_SPECIALIST,
      DISTRICT_HEAD,
    ]);
    const d = district.page;
    const ru = DISTRICT_UI.ru;
    expect(await joinFromSystemPage(d, 'ru', await enrollmentCode(AKKOL_DEPARTMENT.code))).toBe(1);
    await syncNow(d, 'ru');

    // Tuesday 8 December: the inbound queue shows the register and its three cases.
    await moveOfficeClock(d, 'ru', at('2026-12-08T09:00'), DISTRICT_SPECIALIST);
    await openScreen(d, ru.inbound);
    const receive = d.getByRole('button', { name: F.receive(3) });
    await receive.waitFor({ timeout: 20_000 });
    const queueText = await d.locator('.inbound-screen').innerText();
    expect(queueText).toContain(registerNumber);
    for (const c of cases) expect(queueText).toContain(c.number);
    shots.push(await shot(d, 'district-inbound-ru'));
    await switchLanguage(d, 'kk');
    await d.getByRole('heading', { name: kk.inbound, level: 1 }).waitFor();
    shots.push(await shot(d, 'district-inbound-kk'));
    await switchLanguage(d, 'ru');
    await d.getByLabel(F.incomingNumber, { exact: true }).fill('К-17');
    await receive.click();
    await d.getByRole('heading', { name: F.received }).waitFor();

    // Per-capita income within a working day of receipt (R-ROUTE-2), for the two cases decided.
    await moveOfficeClock(d, 'ru', at('2026-12-08T10:00'), DISTRICT_SPECIALIST);
    for (const c of [granted, refused]) {
      await openCase(d, 'ru', c.caseId);
      const form = await openAction(d, F.income, F.incomeTitle);
      await submitAction(d, form, F.incomeSubmit);
    }

    // The third goes back to the akimat for a missing document (R-ROUTE-6).
    await moveOfficeClock(d, 'ru', at('2026-12-08T11:00'), DISTRICT_SPECIALIST);
    await openCase(d, 'ru', returned.caseId);
    {
      const form = await openAction(
        d,
        'Вернуть в аппарат акима на дополнение',
        'Возврат в аппарат акима на дополнение',
      );
      await form
        .getByLabel('Другие недостающие документы', { exact: true })
        .fill('Жұбайының табысы туралы анықтама');
      await submitAction(d, form, 'Вернуть в аппарат акима');
    }

    // Wednesday 9 December: a grant needs no hearing (R-HEAR-7).
    await moveOfficeClock(d, 'ru', at('2026-12-09T10:00'), DISTRICT_SPECIALIST);
    await openCase(d, 'ru', granted.caseId);
    {
      const form = await openAction(d, F.decision);
      await form.getByLabel(F.grant, { exact: true }).check();
      await form.getByLabel(F.decisionNumber, { exact: true }).fill('41');
      await form.getByLabel(F.decisionDate, { exact: true }).fill('09.12.2026');
      await form.getByLabel(F.amount, { exact: true }).fill('18 500');
      await form.getByLabel(F.periodFrom, { exact: true }).fill('01.01.2027');
      await form.getByLabel(F.periodTo, { exact: true }).fill('31.03.2027');
      await submitAction(d, form, F.decisionSubmit);
    }

    // The refusal hearing (003:38-47): the notice, received the same day, the hearing on the 10th.
    await moveOfficeClock(d, 'ru', at('2026-12-09T11:00'), DISTRICT_SPECIALIST);
    await openCase(d, 'ru', refused.caseId);
    {
      const form = await openAction(d, F.notice);
      await form.getByRole('group', { name: F.grounds }).getByRole('checkbox').first().check();
      await form.getByLabel(F.sameDay, { exact: true }).check();
      await form.getByLabel(F.hearingDate, { exact: true }).fill('10.12.2026');
      await form.getByLabel(F.hearingTime, { exact: true }).fill('15:00');
      await form.getByLabel(F.video, { exact: true }).check();
      await submitAction(d, form, F.noticeSubmit);
    }
    // Thursday 10 December: an oral objection at the hearing, its protocol, the familiarization.
    await moveOfficeClock(d, 'ru', at('2026-12-10T15:00'), DISTRICT_SPECIALIST);
    await openCase(d, 'ru', refused.caseId);
    {
      const form = await openAction(d, F.objection);
      await form.getByLabel(F.oral, { exact: true }).check();
      await form.getByLabel(F.objectionDate, { exact: true }).fill('10.12.2026');
      await form
        .getByLabel(F.objectionSummary, { exact: true })
        .fill('Заявитель не согласен: доход супруга временный');
      await submitAction(d, form, F.objectionSubmit);
    }
    await moveOfficeClock(d, 'ru', at('2026-12-10T15:40'), DISTRICT_SPECIALIST);
    {
      const form = await openAction(d, F.protocol);
      await form.getByLabel(F.protocolDate, { exact: true }).fill('10.12.2026');
      await form.getByLabel(F.protocolNumber, { exact: true }).fill('Х-3');
      await form
        .getByLabel(F.protocolSummary, { exact: true })
        .fill(
          'Заявитель оспорил доход супруга; справка о доходах подтверждает постоянный заработок.',
        );
      await submitAction(d, form, F.protocolSubmit);
    }
    await moveOfficeClock(d, 'ru', at('2026-12-10T16:00'), DISTRICT_SPECIALIST);
    {
      const form = await openAction(d, F.familiarized);
      await form.getByLabel(F.familiarizedDate, { exact: true }).fill('10.12.2026');
      await submitAction(d, form, F.saveDate);
    }

    // Friday 11 December, 09:00: the remarks window (3 working days from the 10th) is open and no
    // remarks were filed, so the desk refuses the refusal (R-HEAR-6) and nothing is saved.
    await moveOfficeClock(d, 'ru', at('2026-12-11T09:00'), DISTRICT_SPECIALIST);
    await openCase(d, 'ru', refused.caseId);
    {
      const form = await openAction(d, F.decision);
      await form.getByLabel(F.refuse, { exact: true }).check();
      await form.getByLabel(F.decisionNumber, { exact: true }).fill('42');
      await form.getByLabel(F.decisionDate, { exact: true }).fill('11.12.2026');
      await form
        .getByLabel(F.justification, { exact: true })
        .fill('Среднедушевой доход превышает черту бедности');
      await form.getByRole('button', { name: F.decisionSubmit, exact: true }).click();
      await expect
        .poll(async () => (await form.getByRole('alert').allInnerTexts()).join(' '), {
          timeout: 15_000,
        })
        .toContain(F.remarksWindowOpen);
      await form.getByRole('button', { name: F.cancel, exact: true }).click();
      await form.waitFor({ state: 'detached' });
      // Nothing was saved: the decision is still to be made.
      await d.getByRole('button', { name: F.decision, exact: true }).waitFor();
      expect(await d.getByText(F.saved).count()).toBe(0);
    }
    // The remarks come at 10:00.
    await moveOfficeClock(d, 'ru', at('2026-12-11T10:00'), DISTRICT_SPECIALIST);
    {
      const form = await openAction(d, F.remarks);
      await form.getByLabel(F.remarksDate, { exact: true }).fill('11.12.2026');
      await form.getByLabel(F.remarksText, { exact: true }).fill('Доход супруга временный');
      await submitAction(d, form, F.remarksSubmit);
    }
    const hearingCard = d.getByRole('heading', { name: F.hearingCard });
    await hearingCard.scrollIntoViewIfNeeded();
    shots.push(await shot(d, 'district-hearing-ru'));
    await switchLanguage(d, 'kk');
    await d.getByRole('heading', { name: 'Бас тарту алдындағы тыңдау' }).waitFor();
    shots.push(await shot(d, 'district-hearing-kk'));
    await switchLanguage(d, 'ru');

    // Monday 14 December: three working days after the notice, remarks considered: the refusal.
    await moveOfficeClock(d, 'ru', at('2026-12-14T11:00'), DISTRICT_SPECIALIST);
    await openCase(d, 'ru', refused.caseId);
    {
      const form = await openAction(d, F.decision);
      await form.getByLabel(F.refuse, { exact: true }).check();
      await form.getByLabel(F.decisionNumber, { exact: true }).fill('42');
      await form.getByLabel(F.decisionDate, { exact: true }).fill('14.12.2026');
      await form
        .getByLabel(F.justification, { exact: true })
        .fill('Среднедушевой доход превышает черту бедности');
      await form
        .getByLabel(F.remarksConsideration, { exact: true })
        .fill('Замечания рассмотрены: доход супруга постоянный');
      await submitAction(d, form, F.decisionSubmit);
    }

    // 14:00: the head signs both results with the PIN (R-DEC-5).
    await moveOfficeClock(d, 'ru', at('2026-12-14T14:00'), DISTRICT_SPECIALIST);
    await switchUser(d, 'ru', DISTRICT_HEAD);
    for (const c of [granted, refused]) {
      await openCase(d, 'ru', c.caseId);
      await d.getByRole('button', { name: F.signResult, exact: true }).click();
      const dialog = d.getByRole('dialog');
      await dialog.getByLabel('ПИН-код').fill(DISTRICT_HEAD.pin);
      await dialog.getByRole('button', { name: F.signDialogSubmit, exact: true }).click();
      await d.getByRole('heading', { name: F.signed }).waitFor({ timeout: 30_000 });
      await d.getByText(F.verified).waitFor({ timeout: 20_000 });
    }
    await syncNow(d, 'ru');

    // The signed notices' print views, in both languages: screenshots, and PDFs read by pdftotext.
    // The notice is addressed to the applicant in the dative, as each language declines the name.
    const notices = [
      {
        kind: 'grant',
        c: granted,
        number: '41',
        to: { ru: 'Сейітовой Әйгерім Қайратқызы', kk: 'Сейітова Әйгерім Қайратқызына' },
      },
      {
        kind: 'refusal',
        c: refused,
        number: '42',
        to: { ru: 'Нұрланову Ерболату', kk: 'Нұрланов Ерболатқа' },
      },
    ] as const;
    for (const notice of notices) {
      for (const lang of ['ru', 'kk'] as const) {
        await openCase(d, 'ru', notice.c.caseId);
        await d.getByRole('link', { name: F.printIn(lang), exact: true }).click();
        await d.waitForURL(/#\/print\/notice\//);
        await d.getByText(DISTRICT_HEAD.name).first().waitFor({ timeout: 20_000 });
        // The Kazakh notice is photographed with the interface in Kazakh too.
        if (lang === 'kk') await switchLanguage(d, 'kk');
        shots.push(
          await shot(
            d,
            notice.kind === 'refusal'
              ? `district-signed-notice-${lang}`
              : `district-signed-notice-grant-${lang}`,
          ),
        );
        const pdf = await printToPdf(d, PDF_DIR, `district-notice-${notice.kind}-${lang}`);
        pdfs.push(pdf.file);
        const text = pdf.text.replace(/\s+/g, ' ');
        expect(text).toContain(`№ ${notice.number}`);
        expect(text).toContain(notice.to[lang]);
        expect(text).toContain(notice.c.number);
        expect(text).toContain(DISTRICT_HEAD.name);
        // Only the document is printed: none of the frame's notes (the backup reminder, the warning
        // that this desk's clock runs ahead of the hub's) above the print view.
        expect(text).not.toMatch(
          /Резервная копия|Сақтық көшірме|Часы компьютера|Компьютердің сағаты/,
        );
        console.log(`printed notice ${notice.kind} (${lang}): ${pdf.file}\n${pdf.text}`);
        if (lang === 'kk') await switchLanguage(d, 'ru');
      }
    }

    // SMS (R-DEC-2, 003:49): the hub's sender loop (server/src/sms/sender.ts, started with the hub)
    // queues one notice a signed result and hands it to the default outbox gateway every few
    // seconds; one round of the same is run here so the test need not wait for the loop's timer.
    await queueSignedResults(hub.db);
    await sendDue(hub.db, outboxGateway);
    await expect
      .poll(
        async () =>
          (
            await hub.db.query<{ case_id: string; state: string; language: string }>(
              `select case_id, state, language from sms_messages order by case_id`,
            )
          ).rows,
        { timeout: 20_000 },
      )
      .toEqual(
        [granted.caseId, refused.caseId]
          .sort()
          .map((id) => ({ case_id: id, state: 'recorded', language: 'kk' })),
      );
    await openScreen(d, ru.sms);
    const smsRows = d.locator('.sms-table tbody tr');
    await expect.poll(() => smsRows.count(), { timeout: 15_000 }).toBe(2);
    const smsText = await smsRows.allInnerTexts();
    expect(smsText.join('\n')).toContain(granted.number);
    expect(smsText.join('\n')).toContain(refused.number);
    shots.push(await shot(d, 'district-sms-outbox-ru'));
    await switchLanguage(d, 'kk');
    await d.getByRole('heading', { name: kk.sms, level: 1 }).waitFor();
    await expect.poll(() => smsRows.count(), { timeout: 15_000 }).toBe(2);
    shots.push(await shot(d, 'district-sms-outbox-kk'));
    await switchLanguage(d, 'ru');

    // ---- the akimat, Monday 14 December, 16:00: the results are back -----------------------------
    await moveOfficeClock(a, 'kk', at('2026-12-14T16:00'), SPECIALIST);
    await syncNow(a, 'kk');
    for (const c of [granted, refused]) {
      await openCase(a, 'kk', c.caseId);
      // The signed result, its signature checked against the head's registered key.
      await a.getByRole('heading', { name: 'Нәтижеге қол қойылды' }).waitFor({ timeout: 20_000 });
      await a.getByText(/^Қолтаңба расталды/).waitFor({ timeout: 20_000 });
      const form = await openAction(a, kk.returnedToAkimat);
      await submitAction(a, form, kk.returnedSubmit);
    }
    // The third is the akimat's again, with what is missing.
    await openCase(a, 'kk', returned.caseId);
    await a.getByText('Жұбайының табысы туралы анықтама').first().waitFor({ timeout: 20_000 });

    // Tuesday 15 December: both results issued and the cases closed.
    await moveOfficeClock(a, 'kk', at('2026-12-15T10:00'), SPECIALIST);
    for (const c of [granted, refused]) {
      await openCase(a, 'kk', c.caseId);
      const form = await openAction(a, kk.issue);
      await submitAction(a, form, kk.issueAndClose);
    }
    await syncNow(a, 'kk');

    // ---- the district: the month's report -------------------------------------------------------
    await moveOfficeClock(d, 'ru', at('2026-12-15T11:00'), DISTRICT_HEAD);
    await syncNow(d, 'ru');
    await openScreen(d, ru.reports, /^Отчёт за /);
    await d.getByRole('button', { name: /^Следующий месяц/ }).click();
    await d.getByRole('heading', { name: /декабрь 2026/i, level: 1 }).waitFor();
    // December by hand: 3 received (7.12), 2 decided (9.12 and 14.12), 1 granted, 1 refused, both in
    // time (due 12.01.2027), average (2 + 7) / 2 = 4.5 calendar days from registration to decision;
    // the returned case is not decided. The first cells: service, okrug.
    const expectedRow = ['3', '2', '1', '1', '2', '0', '4,5'];
    // The okrug is named from the district's office directory the hub gives, in the interface language.
    const okrugRow = (name: string) => d.getByRole('row').filter({ hasText: name });
    await expect
      .poll(
        async () =>
          (await okrugRow(KYZYLSAI_OFFICE.nameRu).locator('td').allInnerTexts()).slice(-7),
        {
          timeout: 15_000,
        },
      )
      .toEqual(expectedRow);
    shots.push(await shot(d, 'district-monthly-report-ru'));
    await switchLanguage(d, 'kk');
    await d.getByRole('heading', { name: /2026 жылғы желтоқсан/, level: 1 }).waitFor();
    await expect
      .poll(
        async () =>
          (await okrugRow(KYZYLSAI_OFFICE.nameKk).locator('td').allInnerTexts()).slice(-7),
        {
          timeout: 15_000,
        },
      )
      .toEqual(expectedRow);
    shots.push(await shot(d, 'district-monthly-report-kk'));
    await switchLanguage(d, 'ru');

    // ---- every party agrees ---------------------------------------------------------------------
    const hubAkimat = await hubStateHash(hub.db, DISTRICT_CODE, KYZYLSAI_OFFICE.code);
    const hubDistrict = await hubStateHash(hub.db, DISTRICT_CODE, null);
    const hashes = {
      hubAkimat: hubAkimat.hash,
      akimat: await deskStateHash(a, `${hub.url}/`),
      hubDistrict: hubDistrict.hash,
      district: await deskStateHash(d, `${hub.url}/`),
    };
    console.log(
      `district desk e2e state hashes (akimat scope: ${hubAkimat.caseIds.length} cases, ${hubAkimat.events} events; district scope: ${hubDistrict.caseIds.length} cases, ${hubDistrict.events} events)`,
      hashes,
    );
    console.log(`screenshots:\n${shots.join('\n')}\nprinted notices:\n${pdfs.join('\n')}`);
    expect(hubAkimat.caseIds).toEqual(cases.map((c) => c.caseId).sort());
    expect(hashes.akimat).toBe(hashes.hubAkimat);
    expect(hashes.district).toBe(hashes.hubDistrict);
  });
});
