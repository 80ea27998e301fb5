export { DOCUMENT_ROUTES } from './routes';
export {
  certificateCandidates,
  certificateDocument,
  contentDigest,
  registerDocument,
  resultNoticeDocument,
  tsaQuarterOf,
  type CertificateContent,
  type CertificateIssue,
  type CertificateResult,
  type CaseLog,
  type RegisterContent,
  type RegisterHead,
  type ResultNoticeContent,
  type TsaRecipientFacts,
} from '../../../../shared/documents';
export { groundTexts, noticeGroundLines } from './common';
export { pdfFileName } from './file-name';
export { CASE_DOCUMENT_PRINTS, caseDocumentPath, type CaseDocumentPrint } from './print-paths';
export { printCurrentPage } from './print-frame';
export { qrPayload, signedDocuments } from './signature-check';
export { useSignedEventCheck, type SignedEventCheck } from './use-signature-check';
