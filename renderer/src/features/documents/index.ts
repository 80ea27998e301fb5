export { DOCUMENT_ROUTES } from './routes';
export {
  certificateCandidates,
  certificateDocument,
  contentDigest,
  personName,
  registerDocument,
  resultNoticeDocument,
  tsaQuarterOf,
  type CertificateContent,
  type CertificateIssue,
  type CertificateResult,
  type RegisterCase,
  type RegisterContent,
  type RegisterHead,
  type ResultNoticeContent,
  type TsaRecipientFacts,
} from './document-content';
export { pdfFileName } from './file-name';
export { qrPayload, signedDocuments } from './signature-check';
export { useSignedEventCheck, type SignedEventCheck } from './use-signature-check';
