import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { foldCase } from '../../../../shared/case';
import { sampleApplicant, sampleEvent, sampleRegistered } from '../../../../shared/case/testing';
import type { Language } from '../../../../shared/ipc';
import { localeResources } from '../../i18n';
import { CorrespondenceLanguageFact } from './correspondence-language';

// The application card's language fact in both interface languages, with the real locale files.

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: localeResources(),
    lng: 'kk',
    fallbackLng: false,
    ns: Object.keys(localeResources().kk),
    defaultNS: 'sms',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
});

async function shown(language: 'kk' | 'ru' | undefined, lang: Language): Promise<string> {
  const applicant = language === undefined ? sampleApplicant : { ...sampleApplicant, language };
  const state = foldCase([
    sampleEvent('Registered', {
      role: 'specialist',
      counter: 1,
      payload: sampleRegistered({ applicant }),
    }),
  ]);
  await i18n.changeLanguage(lang);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <dl>
        <CorrespondenceLanguageFact state={state} />
      </dl>
    </I18nextProvider>,
  );
}

describe('the applicant’s language on the application card', () => {
  test('the chosen language, named in the interface language', async () => {
    expect(await shown('ru', 'kk')).toContain('<dt>Хат алмасу тілі</dt><dd>орыс тілі</dd>');
    expect(await shown('kk', 'ru')).toContain('<dt>Язык переписки</dt><dd>казахский</dd>');
  });

  test('none given (registered before the choice): the state language, marked as not given', async () => {
    const kk = await shown(undefined, 'kk');
    expect(kk).toContain('қазақ тілі');
    expect(kk).toContain('өтініште көрсетілмеген — мемлекеттік тіл');
    expect(await shown(undefined, 'ru')).toContain(
      'казахский<span class="cp-muted"> (в заявлении не указан — государственный язык)</span>',
    );
  });
});
