import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseState } from '../../../../shared/case';
import { LANGUAGES } from '../../../../shared/ipc';
import { printPath, type PrintKind } from '../../app/paths';
import { caseDocumentPath, type CaseDocumentPrint } from '../documents';

/** The documents of this case that exist at its stage. */
export function printableDocuments(state: CaseState): PrintKind[] {
  const kinds: PrintKind[] = [];
  if (state.intake) kinds.push('talon');
  if (state.acceptanceRefusal) kinds.push('acceptance-refusal');
  if (state.decision) kinds.push('notice');
  if (state.certificate) kinds.push('certificate');
  return kinds;
}

/**
 * The hearing and decision documents the district department made on this case (003:38-47): the
 * preliminary refusal notice once sent, the hearing protocol once recorded, the app. 5 decision once
 * taken on this desk's log (a result copied from a paper notice has no app. 5 of ours).
 */
export function printableCaseDocuments(state: CaseState): CaseDocumentPrint[] {
  const kinds: CaseDocumentPrint[] = [];
  if (state.hearing) kinds.push('preliminary-refusal');
  if (state.hearing?.protocol) kinds.push('hearing-protocol');
  if (state.decision && state.events.some((e) => e.type === 'DecisionMade')) kinds.push('decision');
  return kinds;
}

const DOCUMENT_TITLES: Readonly<Record<CaseDocumentPrint, string>> = {
  'preliminary-refusal': 'documents:titles.preliminaryRefusal',
  'hearing-protocol': 'documents:titles.hearingProtocol',
  decision: 'documents:titles.decision',
};

/** Links to the print views, in either language the applicant asks for. */
export function PrintLinks({ caseId, state }: { caseId: string; state: CaseState }) {
  const { t } = useTranslation(['casePage', 'documents']);
  const kinds = printableDocuments(state);
  const documents = printableCaseDocuments(state);
  const langLinks = (title: string, pathOf: (lang: (typeof LANGUAGES)[number]) => string) => (
    <span className="cp-print-langs">
      {LANGUAGES.map((lang) => (
        <Link
          key={lang}
          to={pathOf(lang)}
          className="cp-print-link"
          aria-label={t('print.linkLabel', {
            document: title,
            lang: t(`print.langName.${lang}`),
          })}
        >
          {t(`print.lang.${lang}`)}
        </Link>
      ))}
    </span>
  );
  return (
    <article className="card cp-card cp-print">
      <h2>{t('print.heading')}</h2>
      {kinds.length === 0 && documents.length === 0 ? (
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
              {langLinks(t(`print.${kind}`), (lang) => printPath(kind, caseId, lang))}
            </li>
          ))}
          {documents.map((kind) => (
            <li key={kind}>
              <span>{t(DOCUMENT_TITLES[kind])}</span>
              {langLinks(t(DOCUMENT_TITLES[kind]), (lang) => caseDocumentPath(kind, caseId, lang))}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
