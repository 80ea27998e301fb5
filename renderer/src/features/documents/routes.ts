import type { RouteEntry } from '../../app/screen-entry';
import { AcceptanceRefusalPrintView } from './acceptance-refusal-view';
import { CertificatePrintView } from './certificate-view';
import {
  DecisionPrintView,
  HearingProtocolPrintView,
  PreliminaryRefusalPrintView,
} from './hearing-views';
import { JournalPrintView } from './journal-print-view';
import { NoticePrintView } from './notice-view';
import { caseDocumentRoute } from './print-paths';
import { RegisterPrintView } from './register-view';
import { TalonPrintView } from './talon-view';

/**
 * The print views; their addresses are built by app/paths.ts printPath(kind, id, lang), and those of
 * the hearing and decision documents by print-paths.ts caseDocumentPath.
 */
export const DOCUMENT_ROUTES: readonly RouteEntry[] = [
  { path: '/print/talon/:caseId', Component: TalonPrintView },
  { path: '/print/acceptance-refusal/:caseId', Component: AcceptanceRefusalPrintView },
  { path: '/print/register/:registerId', Component: RegisterPrintView },
  { path: '/print/certificate/:caseId', Component: CertificatePrintView },
  { path: '/print/notice/:caseId', Component: NoticePrintView },
  { path: caseDocumentRoute('preliminary-refusal'), Component: PreliminaryRefusalPrintView },
  { path: caseDocumentRoute('hearing-protocol'), Component: HearingProtocolPrintView },
  { path: caseDocumentRoute('decision'), Component: DecisionPrintView },
  { path: '/print/journal', Component: JournalPrintView },
];
