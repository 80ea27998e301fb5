// The printed documents of the hearing and of the decision at the district department (seed
// 003:38-47): the preliminary refusal notice with the invitation to the hearing, the hearing protocol
// and the decision on providing (refusing) social assistance (appendix 5). Each is rendered from the
// content shared/documents builds from the log, in the language the applicant chose (?lang=kk|ru).
import { useMemo, type ReactElement } from 'react';
import { useParams } from 'react-router';
import type { CaseState } from '../../../../shared/case';
import type { ServiceDefinition } from '../../../../shared/catalog';
import {
  assistanceDecisionDocument,
  dativeName,
  type OccasionContent,
  hearingProtocolDocument,
  preliminaryRefusalNoticeDocument,
  type AssistanceDecisionContent,
  type HearingProtocolContent,
  type PreliminaryRefusalNoticeContent,
} from '../../../../shared/documents';
import type { Language } from '../../../../shared/ipc';
import type { NameParts, NameSex } from '../../../../shared/text';
import { datePart, formatDate, timePart } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { casePath } from '../../app/paths';
import { useLive } from '../../db';
import {
  formatTenge,
  noticeGroundLines,
  occasionValues,
  officeLines,
  serviceName,
  type DocT,
} from './common';
import { DecisionTerms, DocHeader, FieldTable, SignLine } from './doc-parts';
import { pdfFileName } from './file-name';
import { loadCasePrint } from './print-data';
import { serviceOfCase } from './talon';
import { usePrintFrame } from './use-print-frame';

type ApplicantParts = (NameParts & { sex: NameSex }) | null;

interface SheetProps<C> {
  t: DocT;
  lang: Language;
  content: C;
  service: ServiceDefinition | null;
  applicant: ApplicantParts;
  /** Names of the people the case's events name, by user id. */
  names: ReadonlyMap<string, string>;
  state: CaseState;
}

/** Who recorded the first event of `type` on the case, by name, if this desk knows them. */
function actorName(
  state: CaseState,
  names: ReadonlyMap<string, string>,
  type: CaseState['events'][number]['type'],
): string | undefined {
  const event = state.events.find((e) => e.type === type);
  return event ? names.get(event.actor.userId) : undefined;
}

/**
 * The row that names a proactive case's occasion (R-PRO-1, 003:30) where other cases name their
 * application; null (the row left out) for any other case.
 */
function occasionRow(
  t: DocT,
  occasion: OccasionContent | undefined,
): readonly [string, string | null] {
  return [
    t('common.occasion'),
    occasion ? t('common.occasionValue', occasionValues(occasion)) : null,
  ];
}

// ---- the preliminary refusal notice and the invitation to the hearing (003:38-43) ----------------

export function PreliminaryRefusalDocument({
  t,
  lang,
  content,
  service,
  applicant,
  names,
  state,
}: SheetProps<PreliminaryRefusalNoticeContent>) {
  const office = officeLines(content.office, lang);
  const name = serviceName(service, content.serviceId, lang);
  const body = content.registrationNumber
    ? t('preliminaryNotice.body', {
        applicationDate: content.registrationDate ? formatDate(content.registrationDate) : '',
        applicationNumber: content.registrationNumber,
        service: name,
      })
    : content.occasion
      ? t('preliminaryNotice.bodyOccasion', { service: name, ...occasionValues(content.occasion) })
      : t('preliminaryNotice.bodyProactive', { service: name });
  const days = content.objectionWorkingDays;
  return (
    <article className="doc-sheet" aria-label={t('preliminaryNotice.title')}>
      <DocHeader office={office.office} district={office.district} />
      <FieldTable
        rows={[
          [
            t('notice.to'),
            `${dativeName(content.applicant, applicant, lang)}, ${t('common.iin')} ${content.applicant.iin}`,
          ],
          [t('notice.address'), content.applicant.address],
          [t('preliminaryNotice.noticeDate'), formatDate(content.noticeDate)],
        ]}
      />
      <h2 className="doc-title">{t('preliminaryNotice.title')}</h2>
      <p className="doc-subtitle">{t('preliminaryNotice.basis')}</p>
      <p>{body}</p>
      <p className="doc-strong">{t('preliminaryNotice.grounds')}:</p>
      <ol className="doc-list">
        {noticeGroundLines(content.grounds, service, lang).map((text, i) => (
          <li key={`${i}-${text}`}>{text}</li>
        ))}
      </ol>
      <p>{t('preliminaryNotice.invitation')}</p>
      <FieldTable
        rows={[
          [
            t('preliminaryNotice.hearingAt'),
            t('preliminaryNotice.hearingAtValue', {
              date: formatDate(datePart(content.hearing.at)),
              time: timePart(content.hearing.at),
            }),
          ],
          [t('preliminaryNotice.hearingMode'), t(`case:hearingModes.${content.hearing.mode}`)],
          [t('preliminaryNotice.hearingDetails'), content.hearing.details ?? null],
        ]}
      />
      <p>{t('preliminaryNotice.objectionRight', { days })}</p>
      <FieldTable
        rows={[
          [
            t('preliminaryNotice.receivedOn'),
            content.receivedOn ? formatDate(content.receivedOn) : t('common.dateBlank'),
          ],
          [
            t('preliminaryNotice.objectionDeadline'),
            content.objectionDeadline
              ? formatDate(content.objectionDeadline)
              : t('preliminaryNotice.objectionDeadlineUnknown', { days }),
          ],
        ]}
      />
      <SignLine
        role={t('preliminaryNotice.preparedBy')}
        name={actorName(state, names, 'PreliminaryRefusalNoticed')}
        hint={t('common.signature')}
      />
      <SignLine role={t('preliminaryNotice.receivedBy')} hint={t('common.signature')} />
      <p className="doc-note">
        {t('common.date')}: {t('common.dateBlank')}
      </p>
    </article>
  );
}

// ---- the hearing protocol (003:44-46) --------------------------------------------------------------

export function HearingProtocolSheet({
  t,
  lang,
  content,
  service,
  names,
  state,
}: SheetProps<HearingProtocolContent>) {
  const office = officeLines(content.office, lang);
  const objection = content.objection;
  return (
    <article className="doc-sheet" aria-label={t('protocol.title')}>
      <DocHeader office={office.office} district={office.district} />
      <h2 className="doc-title">{t('protocol.title')}</h2>
      <p className="doc-subtitle">
        {t('protocol.about', { noticeDate: formatDate(content.noticeDate) })}
      </p>
      <FieldTable
        rows={[
          [t('protocol.number'), content.protocol.number ?? null],
          [t('protocol.date'), formatDate(content.protocol.date)],
          [t('common.service'), serviceName(service, content.serviceId, lang)],
          [
            t('protocol.application'),
            content.registrationNumber
              ? t('protocol.applicationValue', {
                  date: content.registrationDate ? formatDate(content.registrationDate) : '',
                  number: content.registrationNumber,
                })
              : null,
          ],
          occasionRow(t, content.occasion),
          [
            t('common.applicant'),
            `${content.applicant.name}, ${t('common.iin')} ${content.applicant.iin}`,
          ],
          [t('protocol.heard'), content.heard.join('; ')],
          [
            t('protocol.hearingAt'),
            t('preliminaryNotice.hearingAtValue', {
              date: formatDate(datePart(content.hearing.at)),
              time: timePart(content.hearing.at),
            }),
          ],
          [t('protocol.hearingMode'), t(`case:hearingModes.${content.hearing.mode}`)],
          [
            t('protocol.objection'),
            objection
              ? t('protocol.objectionValue', {
                  form: t(`case:objectionForms.${objection.form}`),
                  date: formatDate(objection.date),
                })
              : null,
          ],
          [t('protocol.objectionSummary'), objection?.summary ?? null],
        ]}
      />
      <p className="doc-strong">{t('preliminaryNotice.grounds')}:</p>
      <ol className="doc-list">
        {noticeGroundLines(content.grounds, service, lang).map((text, i) => (
          <li key={`${i}-${text}`}>{text}</li>
        ))}
      </ol>
      <p className="doc-strong">{t('protocol.summary')}:</p>
      <p className="doc-justification">{content.protocol.summary}</p>
      <p>{t('protocol.remarksRight')}</p>
      <FieldTable
        rows={[
          [
            t('protocol.familiarized'),
            content.familiarizedOn ? formatDate(content.familiarizedOn) : null,
          ],
          [
            t('protocol.remarks'),
            content.remarks
              ? t('protocol.remarksValue', {
                  date: formatDate(content.remarks.date),
                  text: content.remarks.text,
                })
              : null,
          ],
        ]}
      />
      <SignLine
        role={t('protocol.keptBy')}
        name={actorName(state, names, 'HearingProtocolRecorded')}
        hint={t('common.signature')}
      />
      <SignLine
        role={t('protocol.readBy')}
        name={content.applicant.name}
        hint={t('common.applicantSignature')}
      />
      <p className="doc-note">
        {t('common.date')}: {t('common.dateBlank')}
      </p>
    </article>
  );
}

// ---- the decision on providing (refusing) social assistance (app. 5, 003:47) ---------------------

export function AssistanceDecisionSheet({
  t,
  lang,
  content,
  service,
  names,
  state,
}: SheetProps<AssistanceDecisionContent>) {
  const office = officeLines(content.office, lang);
  const name = serviceName(service, content.serviceId, lang);
  const decision = content.decision;
  const hasForms = service?.results.some((r) => r.kind === 'refusalNotice') ?? false;
  const income = content.income;
  const hearing = content.hearing;
  const signer = state.signature ? names.get(state.signature.byUserId) : undefined;
  // A proactive case has a recipient, not an applicant: no application was filed (003:30).
  const proactive = content.occasion !== undefined;
  const toWhom = proactive ? '_proactive' : '';
  return (
    <article className="doc-sheet" aria-label={t(`decision.title_${decision.outcome}`)}>
      {hasForms ? <p className="doc-form-ref">{t('decision.formRef', { service: name })}</p> : null}
      <DocHeader office={office.office} district={office.district} />
      <h2 className="doc-title">{t(`decision.title_${decision.outcome}`)}</h2>
      <p className="doc-subtitle">
        {t('decision.numberDate', { number: decision.number, date: formatDate(decision.date) })}
      </p>
      <FieldTable
        rows={[
          [t('common.service'), name],
          [
            t('decision.application'),
            content.registrationNumber
              ? t('decision.applicationValue', {
                  date: content.registrationDate ? formatDate(content.registrationDate) : '',
                  number: content.registrationNumber,
                })
              : null,
          ],
          occasionRow(t, content.occasion),
          [
            t(proactive ? 'common.recipient' : 'common.applicant'),
            `${content.applicant.name}, ${t('common.iin')} ${content.applicant.iin}`,
          ],
          [t('notice.address'), content.applicant.address],
          [t('common.representative'), content.representative ?? null],
          [
            t('decision.income'),
            income
              ? t('decision.incomeValue', {
                  amount: formatTenge(income.perCapitaIncomeTiyn),
                  from: formatDate(income.periodFrom),
                  to: formatDate(income.periodTo),
                  size: income.familySize,
                })
              : null,
          ],
          [t('decision.preliminaryNotice'), hearing ? formatDate(hearing.noticeDate) : null],
          [
            t('decision.protocol'),
            hearing?.protocol
              ? hearing.protocol.number
                ? t('decision.protocolValue', {
                    number: hearing.protocol.number,
                    date: formatDate(hearing.protocol.date),
                  })
                : t('decision.protocolValueNoNumber', { date: formatDate(hearing.protocol.date) })
              : null,
          ],
          [
            t('decision.remarksDate'),
            hearing?.remarksDate ? formatDate(hearing.remarksDate) : null,
          ],
        ]}
      />
      <p className="doc-strong">{t(`decision.resolved_${decision.outcome}${toWhom}`)}</p>
      <DecisionTerms t={t} lang={lang} decision={decision} service={service} />
      <p>{t(`decision.noticeForm_${content.noticeForm}${toWhom}`)}</p>
      {decision.outcome === 'refuse' ? <p>{t('notice.appeal')}</p> : null}
      <SignLine
        role={t('notice.signer')}
        name={signer}
        hint={t('common.signature')}
        seal={t('common.seal')}
      />
      <SignLine
        role={t('decision.preparedBy')}
        name={actorName(state, names, 'DecisionMade')}
        hint={t('common.signature')}
      />
    </article>
  );
}

// ---- the print views ------------------------------------------------------------------------------

type Built<C> = { ok: true; content: C } | { ok: false };

function build<C>(make: () => C): Built<C> {
  try {
    return { ok: true, content: make() };
  } catch (error) {
    // The builders throw RangeError for a case that has no such document; anything else is a bug.
    if (error instanceof RangeError) return { ok: false };
    throw error;
  }
}

interface ViewSpec<C> {
  titleKey: string;
  fileNameKey: string;
  missingKey: string;
  make: (state: CaseState) => C;
  number: (content: C) => string;
  Sheet: (props: SheetProps<C>) => ReactElement;
}

function useCaseDocumentView<C>(spec: ViewSpec<C>) {
  const { caseId = '' } = useParams();
  const { db, office } = useDesk();
  const { lang, t, ui, frame } = usePrintFrame(spec.titleKey, casePath(caseId));
  const data = useLive(() => loadCasePrint(db, caseId), [db, caseId]);
  const { make } = spec;
  const built = useMemo(
    () => (data && office ? build(() => make(data.state)) : null),
    [data, office, make],
  );
  if (data === undefined) return frame(null, [{ tone: 'info', text: ui('status.loading') }]);
  if (data === null) return frame(null, [{ tone: 'bad', text: ui('status.caseNotFound') }]);
  if (office === null) return frame(null, [{ tone: 'bad', text: ui('status.officeNotSetUp') }]);
  if (built === null || !built.ok) {
    return frame(null, [{ tone: 'bad', text: ui(spec.missingKey) }]);
  }
  const { state, names } = data;
  const Sheet = spec.Sheet;
  return frame(
    pdfFileName(t(spec.fileNameKey), spec.number(built.content), state.applicant?.lastName ?? ''),
    [],
    <Sheet
      t={t}
      lang={lang}
      content={built.content}
      service={serviceOfCase(state)}
      applicant={state.applicant}
      names={names}
      state={state}
    />,
  );
}

export function PreliminaryRefusalPrintView() {
  const { office, calendar } = useDesk();
  const make = useMemo(
    () => (state: CaseState) => {
      if (office === null) throw new RangeError('no office');
      return preliminaryRefusalNoticeDocument(state, office, calendar);
    },
    [office, calendar],
  );
  return useCaseDocumentView({
    titleKey: 'titles.preliminaryRefusal',
    fileNameKey: 'fileNames.preliminaryRefusal',
    missingKey: 'status.noPreliminaryNotice',
    make,
    number: (c) => c.registrationNumber ?? c.noticeDate,
    Sheet: PreliminaryRefusalDocument,
  });
}

export function HearingProtocolPrintView() {
  const { office } = useDesk();
  const make = useMemo(
    () => (state: CaseState) => {
      if (office === null) throw new RangeError('no office');
      return hearingProtocolDocument(state, office);
    },
    [office],
  );
  return useCaseDocumentView({
    titleKey: 'titles.hearingProtocol',
    fileNameKey: 'fileNames.hearingProtocol',
    missingKey: 'status.noProtocol',
    make,
    number: (c) => c.protocol.number ?? c.protocol.date,
    Sheet: HearingProtocolSheet,
  });
}

export function DecisionPrintView() {
  const { office } = useDesk();
  const make = useMemo(
    () => (state: CaseState) => {
      if (office === null) throw new RangeError('no office');
      return assistanceDecisionDocument(state, office);
    },
    [office],
  );
  return useCaseDocumentView({
    titleKey: 'titles.decision',
    fileNameKey: 'fileNames.decision',
    missingKey: 'status.noDecision',
    make,
    number: (c) => c.decision.number,
    Sheet: AssistanceDecisionSheet,
  });
}
