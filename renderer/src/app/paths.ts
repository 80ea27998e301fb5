import type { Language } from '../../../shared/ipc';

/** The addresses screens link to; one place, so a link never points at a route that does not exist. */
export const casePath = (caseId: string): string => `/cases/${encodeURIComponent(caseId)}`;

export type PrintKind = 'talon' | 'acceptance-refusal' | 'register' | 'certificate' | 'notice';

/** A print view; `lang` is the language the applicant chose for the document. */
export function printPath(kind: PrintKind, id: string, lang?: Language): string {
  const base = `/print/${kind}/${encodeURIComponent(id)}`;
  return lang ? `${base}?lang=${lang}` : base;
}
