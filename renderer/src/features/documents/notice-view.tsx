import { useMemo } from 'react';
import { useParams } from 'react-router';
import type { CaseEvent, CaseState } from '../../../../shared/case';
import type { ServiceDefinition } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';
import { formatDate, type LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { casePath } from '../../app/paths';
import { useLive } from '../../db';
import { eSignatureTexts, occasionValues, officeLines, serviceName, type DocT } from './common';
import { DecisionTerms, DocHeader, ESignatureBlock, FieldTable, SignLine } from './doc-parts';
import { dativeName, type ResultNoticeContent } from '../../../../shared/documents';
import type { NameParts, NameSex } from '../../../../shared/text';
import { pdfFileName } from './file-name';
import { loadCasePrint, noticeCandidatesOf, signedEventOf } from './print-data';
import { serviceOfCase } from './talon';
import { usePrintFrame } from './use-print-frame';
import { useSignatureCheck, type SignedInput } from './use-signature-check';

type PaperResult = Extract<CaseEvent, { type: 'DistrictResultRecorded' }>;

interface NoticeProps {
  t: DocT;
  lang: Language;
  content: ResultNoticeContent;
  service: ServiceDefinition | null;
  salutationName: string;
  sex: 'M' | 'F';
  /** The applicant's name parts, to write «Кому»/«Кімге» in the dative. */
  applicant: (NameParts & { sex: NameSex }) | null;
  /** The signed result's block, or the paper decision it was copied from. */
  source:
    | {
        kind: 'signed';
        /** `qr` only for a signature that verified against the head's registered key. */
        signer: { name: string; at: LocalDateTime; keyId: string; qr: string | null };
      }
    | { kind: 'paper'; event: PaperResult; preparedBy: string | null };
}

/** The notice of the decision: app. 6 for a grant, app. 7 for a refusal (R-DEC-1, R-DEC-6). */
export function NoticeDocument({
  t,
  lang,
  content,
  service,
  salutationName,
  sex,
  applicant,
  source,
}: NoticeProps) {
  const office = officeLines(content.office, lang);
  const decision = content.decision;
  const name = serviceName(service, content.serviceId, lang);
  // The app. 6 / app. 7 forms belong to the rules that define them (seed 003).
  const hasForms = service?.results.some((r) => r.kind === 'refusalNotice') ?? false;
  const grant = decision.outcome === 'grant';
  const bodyValues = {
    applicationDate: content.registrationDate ? formatDate(content.registrationDate) : '',
    applicationNumber: content.registrationNumber ?? '',
    date: formatDate(decision.date),
    number: decision.number,
    service: name,
  };
  // A proactive case's notice names its occasion (R-PRO-1, 003:30 "мереке күндері мен атаулы
  // күндерге орай ... өтініштері талап етілмей"), never an application: there was none. A proactive
  // notice signed before notices named the occasion (version 1) has neither: it says no more than
  // that the decision was made.
  const occasion = content.occasion;
  const body =
    occasion !== undefined
      ? t(`notice.${grant ? 'grant' : 'refuse'}BodyOccasion`, {
          ...bodyValues,
          ...occasionValues(occasion),
        })
      : t(
          `notice.${grant ? 'grant' : 'refuse'}Body${content.registrationNumber === undefined ? 'Proactive' : ''}`,
          bodyValues,
        );
  return (
    <article
      className="doc-sheet"
      aria-label={t(grant ? 'notice.grantTitle' : 'notice.refuseTitle')}
    >
      {hasForms ? (
        <p className="doc-form-ref">{t(`notice.formRef_${content.form}`, { service: name })}</p>
      ) : null}
      <DocHeader office={office.office} district={office.district} />
      <FieldTable
        rows={[
          [
            t('notice.to'),
            `${dativeName(content.applicant, applicant, lang)}, ${t('common.iin')} ${content.applicant.iin}`,
          ],
          [t('notice.address'), content.applicant.address],
        ]}
      />
      <h2 className="doc-title">{t(grant ? 'notice.grantTitle' : 'notice.refuseTitle')}</h2>
      <p>{t('notice.salutation', { name: salutationName, context: sex })}</p>
      <p>{body}</p>
      <DecisionTerms t={t} lang={lang} decision={decision} service={service} />
      {grant ? null : <p>{t('notice.appeal')}</p>}
      {source.kind === 'signed' ? (
        <>
          {source.signer.qr !== null ? (
            <ESignatureBlock
              texts={eSignatureTexts(t, 'districtHead')}
              signerTitle={t('notice.signer')}
              signerName={source.signer.name}
              signedAt={source.signer.at}
              keyId={source.signer.keyId}
              qr={source.signer.qr}
            />
          ) : null}
          <SignLine
            role={t('notice.signer')}
            name={source.signer.name}
            hint={t('common.signature')}
            seal={t('common.seal')}
          />
        </>
      ) : (
        <>
          <p className="doc-note">
            {source.event.payload.outgoingNumber
              ? t('notice.paperSourceNumbered', {
                  receivedOn: formatDate(source.event.payload.receivedOn),
                  outgoing: source.event.payload.outgoingNumber,
                })
              : t('notice.paperSource', {
                  receivedOn: formatDate(source.event.payload.receivedOn),
                })}
          </p>
          <SignLine
            role={t('notice.preparedBy')}
            name={source.preparedBy ?? undefined}
            hint={t('common.signature')}
          />
        </>
      )}
      <SignLine role={t('notice.receivedBy')} hint={t('common.signature')} />
      <p className="doc-note">
        {t('common.date')}: {t('common.dateBlank')}
      </p>
    </article>
  );
}

function paperResultOf(state: CaseState): PaperResult | null {
  const event = state.events.find((e) => e.type === 'DistrictResultRecorded');
  return event?.type === 'DistrictResultRecorded' ? event : null;
}

export function NoticePrintView() {
  const { caseId = '' } = useParams();
  const { db, office } = useDesk();
  const { lang, t, ui, frame } = usePrintFrame('titles.notice', casePath(caseId));
  const data = useLive(() => loadCasePrint(db, caseId), [db, caseId]);

  // A signed result prints with the office its event carries (noticeCandidatesOf): on an akimat's desk
  // that is the district department that signed it, not this desk. The notice as built now comes
  // first; a proactive notice signed before notices named the occasion is found among the candidates
  // and printed as it was signed.
  const candidates = useMemo(
    () => (data ? noticeCandidatesOf(data.state, office) : []),
    [data, office],
  );
  const content = candidates[0] ?? null;
  const signedInput = useMemo((): SignedInput<ResultNoticeContent> | null => {
    const event = data ? signedEventOf(data.state) : null;
    if (!data || content === null || event?.type !== 'ResultSigned') return null;
    return {
      candidates,
      signature: event.signature,
      digest: event.payload.documentDigest,
      // The key registered for the head when they signed (the directory), not a row's key.
      signer: { userId: event.actor.userId, at: event.legalTime },
      number: data.state.registrationNumber ?? content.decision.number,
    };
  }, [data, content, candidates]);
  const signed = useSignatureCheck(signedInput);

  if (data === undefined) return frame(null, [{ tone: 'info', text: ui('status.loading') }]);
  if (data === null) return frame(null, [{ tone: 'bad', text: ui('status.caseNotFound') }]);
  if (office === null) return frame(null, [{ tone: 'bad', text: ui('status.officeNotSetUp') }]);
  const { state, names } = data;
  if (content === null) return frame(null, [{ tone: 'bad', text: ui('status.noDecision') }]);
  const applicant = state.applicant;
  const common = {
    t,
    lang,
    service: serviceOfCase(state),
    salutationName: applicant
      ? [applicant.firstName, applicant.patronymic].filter(Boolean).join(' ')
      : content.applicant.name,
    sex: applicant?.sex ?? 'M',
    applicant,
  } as const;
  const fileName = pdfFileName(
    t('fileNames.notice'),
    content.decision.number,
    applicant?.lastName ?? '',
  );

  const paper = paperResultOf(state);
  if (signed === null) {
    if (paper === null) return frame(null, [{ tone: 'bad', text: ui('status.noticeUnsigned') }]);
    return frame(
      fileName,
      [],
      <NoticeDocument
        {...common}
        content={content}
        source={{
          kind: 'paper',
          event: paper,
          preparedBy: names.get(paper.actor.userId) ?? null,
        }}
      />,
    );
  }
  if (signed.phase === 'checking')
    return frame(null, [{ tone: 'info', text: ui('status.checkingSignature') }]);
  const signature = state.signature;
  if (signed.content === null || signed.status === 'invalid' || signature === null) {
    const text =
      signed.status === 'invalid' ? ui('status.signatureInvalid') : ui('status.signatureMismatch');
    return frame(null, [{ tone: 'bad', text }]);
  }
  // The content is the signed one. With the head's key registered here the signature verified and
  // the QR code is drawn; without it (the head is not in this desk's directory) the notice prints
  // with the head's signature line only and says why there is no QR code.
  return frame(
    fileName,
    [
      signed.status === 'verified' && signed.qr !== null
        ? { tone: 'ok', text: ui('status.signatureVerified') }
        : { tone: 'warn', text: ui('status.signatureKeyUnknown') },
    ],
    <NoticeDocument
      {...common}
      content={signed.content}
      source={{
        kind: 'signed',
        signer: {
          name: names.get(signature.byUserId) ?? '—',
          at: signature.at,
          keyId: signature.keyId,
          qr: signed.status === 'verified' ? signed.qr : null,
        },
      }}
    />,
  );
}
