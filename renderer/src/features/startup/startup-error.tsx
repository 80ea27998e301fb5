import type { TFunction } from 'i18next';
import type { Language } from '../../../../shared/ipc';
import type { OpenFailureReason } from '../../db';
import { startupSteps } from './startup-model';
import './startup.css';

export interface StartupText {
  readonly language: Language;
  /** The `common` namespace in that language. */
  readonly t: TFunction;
}

export interface StartupErrorProps {
  reason: OpenFailureReason;
  /** One section per language: the saved one, or Kazakh and Russian both. */
  texts: readonly StartupText[];
  onRetry: () => void;
}

/**
 * The plain page shown when the desk's database does not open: what happened and what to do, with a
 * retry. It needs no store, router or database, only the texts.
 */
export function StartupError({ reason, texts, onRetry }: StartupErrorProps) {
  const steps = startupSteps(reason);
  return (
    <main className="startup-error">
      {texts.map(({ language, t }) => (
        <section key={language} lang={language} aria-labelledby={`startup-title-${language}`}>
          <h1 id={`startup-title-${language}`}>{t('startup.title')}</h1>
          <p>
            {t('startup.intro')} {t(reason)}
          </p>
          <h2>{t('startup.whatToDo')}</h2>
          <ol>
            {steps.map((step) => (
              <li key={step}>{t(`startup.steps.${step}`)}</li>
            ))}
          </ol>
        </section>
      ))}
      <button type="button" className="startup-retry" onClick={onRetry}>
        {texts.map(({ t }) => t('startup.retry')).join(' / ')}
      </button>
    </main>
  );
}
