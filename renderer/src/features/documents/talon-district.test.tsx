import i18next, { type TFunction } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, test } from 'vitest';
import { createWorkingCalendar } from '../../../../shared/calendar';
import { foldCase, type CaseState } from '../../../../shared/case';
import { sampleEvent, sampleRegistered } from '../../../../shared/case/testing';
import { acceptanceRefusalFacts } from '../../../../shared/documents';
import type { Language } from '../../../../shared/ipc';
import { sampleOfficeProfile } from '../../../../shared/office/testing';
import { localeResources } from '../../i18n';
import { AcceptanceRefusalDocument } from './acceptance-refusal-view';
import { officeLines } from './common';
import { serviceOfCase, talonFacts } from './talon';
import { TalonDocument } from './talon-view';

// Issue 9 §9: the talon (R-REG-5, 003:24 «көрсетілетін қызметті берушіде немесе ауылдық округ
// әкімінде … үзбелі талоны беріледі») and the 2-1 receipt (R-REG-6, 003:27) of an application filed at
// the district department: the department's own name and district, its number, in kk and ru, and not
// a word of the akim. Rendered with the real locale files, as static markup.

const calendar = createWorkingCalendar();
const office = sampleOfficeProfile({
  officeId: 'office-akkd',
  kind: 'district',
  code: 'AKKD',
  deviceNo: 2,
  nameKk: 'Ақкөл ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
  nameRu: 'Отдел занятости и социальных программ Аккольского района',
});
const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: localeResources(),
    lng: 'kk',
    fallbackLng: false,
    ns: Object.keys(localeResources().kk),
    defaultNS: 'documents',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
});
const tFor = (lang: Language): TFunction => i18n.getFixedT(lang, 'documents');

/** The sheet's text without tags; no key left untranslated. */
function text(markup: string): string {
  const plain = markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  expect(plain).not.toMatch(/\b(talon|acceptanceRefusal|common|case)\.[a-zA-Z_]+/);
  return plain;
}

/** Registered at the district desk as submitIntake writes it (intake-commands.district.test.ts). */
const registered: CaseState = foldCase([
  sampleEvent('Registered', {
    role: 'districtSpecialist',
    counter: 1,
    payload: sampleRegistered({
      route: 'district',
      receivedAt: '2025-04-03T10:00',
      registrationDate: '2025-04-03',
      dueDate: '2025-04-14',
      registrationNumber: 'AKKD-2-0001/2025',
    }),
  }),
]);

const refused: CaseState = foldCase([
  sampleEvent('AcceptanceRefused', {
    role: 'districtSpecialist',
    counter: 1,
    payload: {
      ...sampleEvent('AcceptanceRefused', { role: 'districtSpecialist', counter: 1 }).payload,
      route: 'district',
      receiptNumber: 'AKKD-2-Q0001/2025',
    },
  }),
]);

const OFFICE_NAME = { kk: office.nameKk, ru: office.nameRu } as const;
const DISTRICT = { kk: office.districtKk, ru: office.districtRu } as const;
const AKIM_WORDS = /әкім|аким/i;

describe('the talon of a direct application at the district (R-REG-5)', () => {
  test.each(['kk', 'ru'] as const)(
    'R-REG-5 names the department, its number and the dates (%s)',
    (lang) => {
      const check = talonFacts(registered, 'Жұмабаева Гүлнар', calendar);
      if (!check.ok) throw new Error(check.reason);
      const plain = text(
        renderToStaticMarkup(
          <TalonDocument
            t={tFor(lang)}
            office={officeLines(office, lang)}
            service="—"
            state={registered}
            facts={check.facts}
          />,
        ),
      );
      expect(plain).toContain(OFFICE_NAME[lang]);
      expect(plain).toContain(DISTRICT[lang]);
      // Both parts: the stub kept with the case and the tear-off part handed to the applicant.
      expect(plain.split('AKKD-2-0001/2025').length - 1).toBe(2);
      expect(plain).toContain('03.04.2025');
      expect(plain).toContain('14.04.2025');
      expect(plain).toContain('Жұмабаева Гүлнар');
      expect(plain).not.toMatch(AKIM_WORDS);
    },
  );
});

describe('the 2-1 receipt of a package refused at the district (R-REG-6)', () => {
  test.each(['kk', 'ru'] as const)(
    'R-REG-6 names the department and its receipt number (%s)',
    (lang) => {
      const facts = acceptanceRefusalFacts(refused);
      if (facts === null) throw new Error('not refused');
      const plain = text(
        renderToStaticMarkup(
          <AcceptanceRefusalDocument
            t={tFor(lang)}
            lang={lang}
            office={officeLines(office, lang)}
            service={serviceOfCase(refused)}
            state={refused}
            facts={facts}
            specialist="Жұмабаева Гүлнар"
          />,
        ),
      );
      expect(plain).toContain(OFFICE_NAME[lang]);
      expect(plain).toContain('AKKD-2-Q0001/2025');
      expect(plain).toContain('03.03.2025');
      expect(plain).not.toMatch(AKIM_WORDS);
    },
  );
});
