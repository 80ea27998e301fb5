import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseState } from '../../../../shared/case';
import { LANGUAGES } from '../../../../shared/ipc';
import { printPath, type PrintKind } from '../../app/paths';

/** The documents of this case that exist at its stage. */
export function printableDocuments(state: CaseState): PrintKind[] {
  const kinds: PrintKind[] = [];
  if (state.intake) kinds.push('talon');
  if (state.acceptanceRefusal) kinds.push('acceptance-refusal');
  if (state.decision) kinds.push('notice');
  if (state.certificate) kinds.push('certificate');
  return kinds;
}

/** Links to the print views, in either language the applicant asks for. */
export function PrintLinks({ caseId, state }: { caseId: string; state: CaseState }) {
  const { t } = useTranslation('casePage');
  const kinds = printableDocuments(state);
  return (
    <article className="card cp-card cp-print">
      <h2>{t('print.heading')}</h2>
      {kinds.length === 0 ? (
        <p className="cp-muted">{t('print.none')}</p>
      ) : (
        <ul>
          {kinds.map((kind) => (
            <li key={kind}>
              <span>
                {kind === 'notice' && state.decision
                  ? t(`case:noticeForms.${state.decision.noticeForm}`)
                  : t(`print.${kind}`)}
              </span>
              <span className="cp-print-langs">
                {LANGUAGES.map((lang) => (
                  <Link
                    key={lang}
                    to={printPath(kind, caseId, lang)}
                    className="cp-print-link"
                    aria-label={t('print.linkLabel', {
                      document: t(`print.${kind}`),
                      lang: t(`print.langName.${lang}`),
                    })}
                  >
                    {t(`print.lang.${lang}`)}
                  </Link>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
