import { useParams } from 'react-router';
import type { CaseState } from '../../../../shared/case';
import { localized, type ServiceDefinition } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';
import { formatDate, formatDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { casePath } from '../../app/paths';
import { useLive } from '../../db';
import { applicantLine, officeLines, representativeLine, serviceName, type DocT } from './common';
import { DocHeader, FieldTable, SignLine } from './doc-parts';
import { pdfFileName } from './file-name';
import { loadCasePrint } from './print-data';
import { serviceOfCase } from './talon';
import { usePrintFrame } from './use-print-frame';

type Refusal = NonNullable<CaseState['acceptanceRefusal']>;

/** The documents that were missing or expired, with their labels from the service's list. */
export function refusalGaps(
  refusal: Refusal,
  service: ServiceDefinition | null,
  lang: Language,
): { label: string; state: 'missing' | 'expired' }[] {
  return refusal.documents.flatMap((d) => {
    if (d.state !== 'missing' && d.state !== 'expired') return [];
    const doc = service?.documents.find((c) => c.id === d.documentId);
    return [{ label: doc ? localized(doc.label, lang) : d.documentId, state: d.state }];
  });
}

interface RefusalProps {
  t: DocT;
  lang: Language;
  office: { office: string; district: string };
  service: ServiceDefinition | null;
  state: CaseState;
  refusal: Refusal;
  specialist: string | null;
}

/** Form 2-1 (seed 003:27): the receipt refusing to accept an incomplete or expired package. */
export function AcceptanceRefusalDocument({
  t,
  lang,
  office,
  service,
  state,
  refusal,
  specialist,
}: RefusalProps) {
  const name = serviceName(service, refusal.serviceId, lang);
  // Appendix 2-1 exists only in the rules that introduced it (seed 003).
  const hasForm21 = service?.results.some((r) => r.kind === 'acceptanceRefusalReceipt') ?? false;
  const gaps = refusalGaps(refusal, service, lang);
  return (
    <article className="doc-sheet" aria-label={t('acceptanceRefusal.title')}>
      {hasForm21 ? (
        <p className="doc-form-ref">{t('acceptanceRefusal.formRef', { service: name })}</p>
      ) : null}
      <DocHeader office={office.office} district={office.district} />
      <h2 className="doc-title">{t('acceptanceRefusal.title')}</h2>
      {refusal.receiptNumber ? (
        <p className="doc-subtitle">
          {t('acceptanceRefusal.number', { number: refusal.receiptNumber })}
        </p>
      ) : null}
      <FieldTable
        rows={[
          [t('common.applicant'), state.applicant ? applicantLine(t, state.applicant) : null],
          [t('common.representative'), representativeLine(t, state.representative)],
          [t('common.service'), name],
          [t('acceptanceRefusal.receivedAt'), formatDateTime(refusal.receivedAt)],
          [t('acceptanceRefusal.refusalDate'), formatDate(refusal.refusalDate)],
        ]}
      />
      <p>{t('acceptanceRefusal.body')}</p>
      <p className="doc-strong">{t('acceptanceRefusal.listHeading')}</p>
      <table className="doc-table">
        <colgroup>
          <col className="doc-col-no" />
          <col />
          <col className="doc-col-reason" />
        </colgroup>
        <thead>
          <tr>
            <th>{t('acceptanceRefusal.columns.no')}</th>
            <th>{t('acceptanceRefusal.columns.document')}</th>
            <th>{t('acceptanceRefusal.columns.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {gaps.map((gap, i) => (
            <tr key={`${gap.label}-${i}`}>
              <td className="doc-num">{i + 1}</td>
              <td>{gap.label}</td>
              <td>{t(`case:documentStates.${gap.state}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('acceptanceRefusal.advice')}</p>
      <SignLine
        role={t('acceptanceRefusal.issuedBy')}
        name={specialist ?? undefined}
        hint={t('common.signature')}
      />
      <SignLine role={t('acceptanceRefusal.receivedBy')} hint={t('common.applicantSignature')} />
      <p className="doc-note">
        {t('common.date')}: {formatDate(refusal.refusalDate)}
      </p>
    </article>
  );
}

export function AcceptanceRefusalPrintView() {
  const { caseId = '' } = useParams();
  const { db, office } = useDesk();
  const { lang, t, ui, frame } = usePrintFrame('titles.acceptanceRefusal', casePath(caseId));
  const data = useLive(() => loadCasePrint(db, caseId), [db, caseId]);

  if (data === undefined) return frame(null, [{ tone: 'info', text: ui('status.loading') }]);
  if (data === null) return frame(null, [{ tone: 'bad', text: ui('status.caseNotFound') }]);
  if (office === null) return frame(null, [{ tone: 'bad', text: ui('status.officeNotSetUp') }]);
  const { state, names } = data;
  const refusal = state.acceptanceRefusal;
  if (refusal === null) return frame(null, [{ tone: 'bad', text: ui('status.notRefused') }]);
  const actor = state.events.find((e) => e.type === 'AcceptanceRefused')?.actor.userId;
  return frame(
    pdfFileName(
      t('fileNames.acceptanceRefusal'),
      refusal.receiptNumber ?? '',
      state.applicant?.lastName ?? '',
      formatDate(refusal.refusalDate),
    ),
    [],
    <AcceptanceRefusalDocument
      t={t}
      lang={lang}
      office={officeLines(office, lang)}
      service={serviceOfCase(state)}
      state={state}
      refusal={refusal}
      specialist={actor ? (names.get(actor) ?? null) : null}
    />,
  );
}
