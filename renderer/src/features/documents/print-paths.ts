import type { Language } from '../../../../shared/ipc';

// The addresses of the hearing and decision documents of a case. app/paths.ts printPath names the
// other print views; these live beside their routes (routes.ts builds its paths from the same list),
// so a link never points at a route that does not exist.

/** In the order of the case: the preliminary refusal notice, the hearing protocol, the decision. */
export const CASE_DOCUMENT_PRINTS = [
  'preliminary-refusal',
  'hearing-protocol',
  'decision',
] as const;
export type CaseDocumentPrint = (typeof CASE_DOCUMENT_PRINTS)[number];

/** The route pattern of a print view: '/print/decision/:caseId'. */
export function caseDocumentRoute(kind: CaseDocumentPrint): string {
  return `/print/${kind}/:caseId`;
}

/** The address of a case's document; `lang` is the language the applicant chose for it. */
export function caseDocumentPath(kind: CaseDocumentPrint, caseId: string, lang?: Language): string {
  const base = `/print/${kind}/${encodeURIComponent(caseId)}`;
  return lang ? `${base}?lang=${lang}` : base;
}
