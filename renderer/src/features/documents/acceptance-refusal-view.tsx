import { useParams } from 'react-router';
import type { CaseState } from '../../../../shared/case';
import { acceptanceRefusalFacts, type AcceptanceRefusalFacts } from '../../../../shared/documents';
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

/** The documents that were missing or expired, with their labels from the service's list. */
export function refusalGaps(
  facts: AcceptanceRefusalFacts,
  service: ServiceDefinition | null,
  lang: Language,
): { label: string; state: 'missing' | 'expired' }[] {
  return facts.gaps.map((d) => {
    const doc = service?.documents.find((c) => c.id === d.documentId);
    return { label: doc ? localized(doc.label, lang) : d.documentId, state: d.state };
  });
}

interface RefusalProps {
  t: DocT;
  lang: Language;
  office: { office: string; district: string };
  service: ServiceDefinition | null;
  state: CaseState;
  facts: AcceptanceRefusalFacts;
  specialist: string | null;
}

/**
 * Form 2-1 (seed 003:27): the receipt refusing to accept an incomplete or expired package, with its
 * form mark, number and the order that approved the rules the form belongs to (shared/documents
 * acceptanceRefusalFacts); the service applied for is printed in the table.
 */
export function AcceptanceRefusalDocument({
  t,
  lang,
  office,
  service,
  state,
  facts,
  specialist,
}: RefusalProps) {
  const name = serviceName(service, facts.serviceId, lang);
  const form = facts.form;
  const gaps = refusalGaps(facts, service, lang);
  // The form's own title speaks of social assistance: for another service, the plain title.
  const title =
    form?.rulesServiceId === facts.serviceId
      ? t('acceptanceRefusal.titleForm21')
      : t('acceptanceRefusal.title');
  return (
    <article className="doc-sheet" aria-label={title}>
      {form ? (
        <div className="doc-form-ref">
          <p>
            {t('acceptanceRefusal.formRef', { service: localized(form.rulesServiceName, lang) })}
          </p>
          <p className="doc-form-mark">{t('acceptanceRefusal.formMark')}</p>
        </div>
      ) : null}
      <DocHeader office={office.office} district={office.district} />
      <h2 className="doc-title">{title}</h2>
      {facts.receiptNumber ? (
        <p className="doc-subtitle">
          {t('acceptanceRefusal.number', { number: facts.receiptNumber })}
        </p>
      ) : null}
      <FieldTable
        rows={[
          [t('common.applicant'), state.applicant ? applicantLine(t, state.applicant) : null],
          [t('common.representative'), representativeLine(t, state.representative)],
          [t('common.service'), name],
          [t('acceptanceRefusal.receivedAt'), formatDateTime(facts.receivedAt)],
          [t('acceptanceRefusal.refusalDate'), formatDate(facts.refusalDate)],
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
        {t('common.date')}: {formatDate(facts.refusalDate)}
      </p>
      {form?.approvedBy ? (
        <p className="doc-note doc-legal-basis">
          {t('acceptanceRefusal.legalBasis', {
            service: localized(form.rulesServiceName, lang),
            date: formatDate(form.approvedBy.date),
            number: form.approvedBy.number,
            registration: form.approvedBy.registrationNumber,
          })}
        </p>
      ) : null}
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
  const facts = acceptanceRefusalFacts(state);
  if (facts === null) return frame(null, [{ tone: 'bad', text: ui('status.notRefused') }]);
  const actor = state.events.find((e) => e.type === 'AcceptanceRefused')?.actor.userId;
  return frame(
    pdfFileName(
      t('fileNames.acceptanceRefusal'),
      facts.receiptNumber ?? '',
      state.applicant?.lastName ?? '',
      formatDate(facts.refusalDate),
    ),
    [],
    <AcceptanceRefusalDocument
      t={t}
      lang={lang}
      office={officeLines(office, lang)}
      service={serviceOfCase(state)}
      state={state}
      facts={facts}
      specialist={actor ? (names.get(actor) ?? null) : null}
    />,
  );
}
