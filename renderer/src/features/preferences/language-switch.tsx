import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../../shared/ipc';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { languageChosen } from './preferences-slice';

/** Қаз / Рус toggle in the frame; the choice is saved and survives restarts. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = useAppSelector((s) => s.preferences.language);
  const dispatch = useAppDispatch();
  return (
    <div className="language-switch" role="group" aria-label={t('frame.language')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={current === lang}
          className={current === lang ? 'active' : undefined}
          onClick={() => dispatch(languageChosen(lang))}
        >
          {t(`frame.languageName.${lang}`)}
        </button>
      ))}
    </div>
  );
}
