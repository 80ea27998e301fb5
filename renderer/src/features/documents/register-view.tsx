import { useMemo, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { findService, localized } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';
import { formatDate } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useLive } from '../../db';
import { eSignatureTexts, officeLines, type DocT } from './common';
import { DocHeader, ESignatureBlock, SignLine } from './doc-parts';
import type { RegisterContent } from '../../../../shared/documents';
import { pdfFileName } from './file-name';
import { loadRegisterPrint, type PackageCounts } from './print-data';
import { usePrintFrame } from './use-print-frame';
import { useSignatureCheck, type SignedInput } from './use-signature-check';

function serviceTitle(serviceId: string, lang: Language): string {
  const found = findService(serviceId);
  return found.ok ? localized(found.service.name, lang) : serviceId;
}

interface RegisterProps {
  t: DocT;
  lang: Language;
  content: RegisterContent;
  counts: ReadonlyMap<string, PackageCounts>;
  /** The signature block of the akim's PIN key, or null for a register not signed in the desk. */
  signature: ReactNode | null;
  /** Whose handwritten signature line it is: the signer of a signed register, else the akim. */
  akimName: string | null;
}

/** The covering register (тізілім / реестр) of the cases forwarded to the district department. */
export function RegisterDocument({ t, lang, content, counts, signature, akimName }: RegisterProps) {
  const office = officeLines(content.office, lang);
  return (
    <article className="doc-sheet" aria-label={t('register.title')}>
      <DocHeader office={office.office} district={office.district} />
      <h2 className="doc-title">{t('register.title')}</h2>
      <p className="doc-subtitle">
        {t('register.subtitle')}
        <br />
        <span className="doc-strong">
          {t('register.numberDate', { number: content.number, date: formatDate(content.date) })}
        </span>
      </p>
      <p>
        {t('register.from')}: <span className="doc-strong">{office.office}</span>
        <br />
        {t('register.to')}:{' '}
        <span className="doc-strong">{t('register.toValue', { district: office.district })}</span>
      </p>
      <p>{t('register.intro')}</p>
      <table className="doc-table">
        <colgroup>
          <col className="doc-col-no" />
          <col className="doc-col-number" />
          <col className="doc-col-date" />
          <col className="doc-col-applicant" />
          <col className="doc-col-iin" />
          <col className="doc-col-service" />
          <col className="doc-col-counts" />
        </colgroup>
        <thead>
          <tr>
            <th>{t('register.columns.no')}</th>
            <th>{t('register.columns.number')}</th>
            <th>{t('register.columns.date')}</th>
            <th>{t('register.columns.applicant')}</th>
            <th>{t('register.columns.iin')}</th>
            <th>{t('register.columns.service')}</th>
            <th>{t('register.columns.counts')}</th>
          </tr>
        </thead>
        <tbody>
          {content.cases.map((c, i) => {
            const count = counts.get(c.caseId);
            return (
              <tr key={c.caseId}>
                <td className="doc-num">{i + 1}</td>
                <td className="doc-num">{c.registrationNumber}</td>
                <td className="doc-num">{formatDate(c.registrationDate)}</td>
                <td>{c.applicantName}</td>
                <td className="doc-num">{c.iin}</td>
                <td>{serviceTitle(c.serviceId, lang)}</td>
                <td className="doc-num">{count ? `${count.documents} / ${count.files}` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="doc-strong">{t('register.total', { count: content.cases.length })}</p>
      {signature}
      {/* The paper copy travels with the documents: the akim signs it by hand and stamps it too. */}
      <SignLine
        role={t('common.akim')}
        name={akimName ?? undefined}
        hint={t('common.signature')}
        seal={t('common.seal')}
      />
      <SignLine role={t('register.receivedBy')} hint={t('register.receivedByHint')} />
      <p className="doc-note">
        {t('common.date')}: {t('common.dateBlank')}
      </p>
    </article>
  );
}

export function RegisterPrintView() {
  const { registerId = '' } = useParams();
  const { db, office } = useDesk();
  const { lang, t, ui, frame } = usePrintFrame('titles.register', '/registers');
  const data = useLive(() => loadRegisterPrint(db, registerId, office), [db, registerId, office]);
  const content = data?.content ?? null;
  const signedInput = useMemo((): SignedInput<RegisterContent> | null => {
    const signature = data?.register.signature;
    if (!data || !signature || content === null) return null;
    return {
      candidates: [content],
      signature,
      digest: signature.signedDigest,
      publicKey: data.signerKey,
      number: data.register.number,
    };
  }, [data, content]);
  const signed = useSignatureCheck(signedInput);

  if (data === undefined) return frame(null, [{ tone: 'info', text: ui('status.loading') }]);
  if (data === null) return frame(null, [{ tone: 'bad', text: ui('status.registerNotFound') }]);
  if (office === null) return frame(null, [{ tone: 'bad', text: ui('status.officeNotSetUp') }]);
  // A cancelled register is kept in the log, not handed to anyone: it is not printed.
  if (data.register.status === 'cancelled')
    return frame(null, [{ tone: 'bad', text: ui('status.registerCancelled') }]);
  if (content === null)
    return frame(null, [{ tone: 'bad', text: ui('status.registerCaseMissing') }]);
  const fileName = pdfFileName(t('fileNames.register'), data.register.number);
  const signature = data.register.signature;

  if (signature === null || signed === null) {
    return frame(
      fileName,
      [{ tone: 'warn', text: ui('status.registerUnsigned') }],
      <RegisterDocument
        t={t}
        lang={lang}
        content={content}
        counts={data.counts}
        signature={null}
        akimName={data.akimName}
      />,
    );
  }
  if (signed.phase === 'checking')
    return frame(null, [{ tone: 'info', text: ui('status.checkingSignature') }]);
  if (signed.content === null || signed.qr === null || signed.status === 'invalid') {
    const text =
      signed.status === 'invalid' ? ui('status.signatureInvalid') : ui('status.signatureMismatch');
    return frame(null, [{ tone: 'bad', text }]);
  }
  return frame(
    fileName,
    [
      signed.status === 'verified'
        ? { tone: 'ok', text: ui('status.signatureVerified') }
        : { tone: 'warn', text: ui('status.signatureKeyUnknown') },
    ],
    <RegisterDocument
      t={t}
      lang={lang}
      content={signed.content}
      counts={data.counts}
      akimName={data.signerName ?? data.akimName}
      signature={
        <ESignatureBlock
          texts={eSignatureTexts(t, 'akim')}
          signerTitle={t('common.akim')}
          signerName={data.signerName ?? '—'}
          signedAt={signature.signedAt}
          keyId={signature.keyId}
          qr={signed.qr}
        />
      }
    />,
  );
}
