import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { languageSchema, type Language } from '../../../../shared/ipc';
import { useAppSelector } from '../../app/hooks';

/**
 * The language the applicant chose for the document (?lang=kk|ru), independent of the interface
 * language, which is the default.
 */
export function useDocumentLanguage(): readonly [Language, (lang: Language) => void] {
  const [params, setParams] = useSearchParams();
  const interfaceLanguage = useAppSelector((s) => s.preferences.language);
  const asked = languageSchema.safeParse(params.get('lang'));
  const lang = asked.success ? asked.data : interfaceLanguage;
  const choose = useCallback(
    (next: Language) =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          updated.set('lang', next);
          return updated;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [lang, choose] as const;
}
