import { useMemo } from 'react';
import { useParams } from 'react-router';
import type { Language } from '../../../../shared/ipc';
import { formatDate, type LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { casePath } from '../../app/paths';
import { useLive } from '../../db';
import { eSignatureTexts, officeLines, type DocT } from './common';
import { DocHeader, ESignatureBlock, SignLine } from './doc-parts';
import {
  certificateCandidates,
  dativeName,
  sexOfPerson,
  type CertificateContent,
} from '../../../../shared/documents';
import type { NameParts, NameSex } from '../../../../shared/text';
import { pdfFileName } from './file-name';
import { loadCasePrint, loadTsaRecipients, signedEventOf } from './print-data';
import { usePrintFrame } from './use-print-frame';
import { useSignatureCheck, type SignedInput } from './use-signature-check';

interface CertificateProps {
  t: DocT;
  lang: Language;
  content: CertificateContent;
  /** The applicant's name parts and registered sex, to decline the name the content carries. */
  applicant: (NameParts & { sex: NameSex }) | null;
  signer: { name: string; at: LocalDateTime; keyId: string; qr: string };
}

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;

/**
 * The certificate of belonging (or not) to targeted-social-assistance recipients (R-CERT-3, seed
 * 002:16; the form of seed 001 №15 app. 2), printed from the very content the akim signed.
 */
export function CertificateDocument({ t, lang, content, applicant, signer }: CertificateProps) {
  const office = officeLines(content.office, lang);
  const [year = '', quarter = ''] = content.quarter.split('-Q');
  const values = {
    // «Выдана (кому) …», «… (кімге) берілді»: the name in the dative.
    name: dativeName(content.applicant, applicant, lang),
    iin: content.applicant.iin,
    quarter,
    quarterRoman: ROMAN_QUARTERS[Number(quarter) - 1] ?? quarter,
    year,
    context: sexOfPerson(content.applicant.iin, applicant?.sex ?? null),
  };
  const belongs = content.result === 'belongs';
  return (
    <article className="doc-sheet" aria-label={t('certificate.title')}>
      <DocHeader office={office.office} district={office.district} />
      <h2 className="doc-title">{t('certificate.title')}</h2>
      <p className="doc-subtitle">
        {t('certificate.numberDate', { number: content.number, date: formatDate(content.date) })}
      </p>
      <p>{belongs ? t('certificate.belongs', values) : t('certificate.doesNotBelong', values)}</p>
      {belongs && content.familyMembers.length > 0 ? (
        <>
          <p>{t('certificate.familyHeading')}</p>
          <ol className="doc-list">
            {content.familyMembers.map((member, i) => (
              <li key={`${member}-${i}`}>{member}</li>
            ))}
          </ol>
        </>
      ) : null}
      <p>{t('certificate.registration', { number: content.registrationNumber })}</p>
      <p>{t('certificate.purpose')}</p>
      <ESignatureBlock
        texts={eSignatureTexts(t, 'akim')}
        signerTitle={t('common.akim')}
        signerName={signer.name}
        signedAt={signer.at}
        keyId={signer.keyId}
        qr={signer.qr}
      />
      {/* On paper the certificate is signed by hand and stamped as well. */}
      <SignLine
        role={t('common.akim')}
        name={signer.name}
        hint={t('common.signature')}
        seal={t('common.seal')}
      />
    </article>
  );
}

export function CertificatePrintView() {
  const { caseId = '' } = useParams();
  const { db, office } = useDesk();
  const { lang, t, ui, frame } = usePrintFrame('titles.certificate', casePath(caseId));
  const data = useLive(async () => {
    const found = await loadCasePrint(db, caseId);
    const iin = found?.state.applicant?.iin;
    return found ? { ...found, recipients: iin ? await loadTsaRecipients(db, iin) : [] } : null;
  }, [db, caseId]);

  const signedInput = useMemo((): SignedInput<CertificateContent> | null => {
    const event = data ? signedEventOf(data.state) : null;
    if (!data || !office || event?.type !== 'CertificateIssued') return null;
    return {
      candidates: certificateCandidates(data.state, office, data.recipients),
      signature: event.signature,
      digest: event.payload.documentDigest,
      publicKey: data.signerKey,
      number: data.state.registrationNumber ?? event.payload.number,
    };
  }, [data, office]);
  const signed = useSignatureCheck(signedInput);

  if (data === undefined) return frame(null, [{ tone: 'info', text: ui('status.loading') }]);
  if (data === null) return frame(null, [{ tone: 'bad', text: ui('status.caseNotFound') }]);
  if (office === null) return frame(null, [{ tone: 'bad', text: ui('status.officeNotSetUp') }]);
  const { state, names } = data;
  const signature = state.signature;
  if (state.certificate === null || signature === null || signed === null)
    return frame(null, [{ tone: 'bad', text: ui('status.noCertificate') }]);
  if (signed.phase === 'checking')
    return frame(null, [{ tone: 'info', text: ui('status.checkingSignature') }]);
  if (signed.content === null || signed.qr === null || signed.status === 'invalid') {
    const text =
      signed.status === 'invalid' ? ui('status.signatureInvalid') : ui('status.signatureMismatch');
    return frame(null, [{ tone: 'bad', text }]);
  }
  return frame(
    pdfFileName(t('fileNames.certificate'), signed.content.number, state.applicant?.lastName ?? ''),
    [
      signed.status === 'verified'
        ? { tone: 'ok', text: ui('status.signatureVerified') }
        : { tone: 'warn', text: ui('status.signatureKeyUnknown') },
    ],
    <CertificateDocument
      t={t}
      lang={lang}
      content={signed.content}
      applicant={state.applicant}
      signer={{
        name: names.get(signature.byUserId) ?? '—',
        at: signature.at,
        keyId: signature.keyId,
        qr: signed.qr,
      }}
    />,
  );
}
