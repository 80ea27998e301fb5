import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  APPLICANT_FIELDS,
  applicationHistory,
  representativeFacts,
  type Applicant,
  type ApplicantField,
  type ApplicationData,
  type ApplicationHistory,
  type ApplicationSection,
  type Attachment,
  type CaseState,
  type CorrectionRecord,
  type DocumentCheck,
  type FamilyMember,
  type Income,
  type RepresentativeField,
} from '../../../../shared/case';
import type { CatalogDocument } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';
import { caseService } from '../../../../shared/schedule';
import { formatDate, formatDateTime } from '../../../../shared/time';
import type { CaseActor } from '../../db';
import { phoneText } from './case-header';
import { documentLabel } from './document-label';
import { money } from './case-timeline';
import { ApplicationCorrectionForm } from './forms/application-correction-form';
import { applicantName } from './forms/result-issued-form';
import { ScanViewer } from './scan-viewer';
import { CorrespondenceLanguageFact } from '../sms-outbox';
import { DraftScopeContext, useFormHost } from '../session';

const TABS = [
  'applicant',
  'representative',
  'familyMembers',
  'applicantIncomes',
  'documents',
  'consents',
  'scans',
  'history',
] as const;
type Tab = (typeof TABS)[number];

export interface ApplicationCardProps {
  caseId: string;
  state: CaseState;
  actors: Record<string, CaseActor>;
  lang: Language;
  /** allowedEvents includes ApplicationCorrected for the logged-in user. */
  canCorrect: boolean;
}

/**
 * The whole application on the case page: the applicant, the representative, the family, incomes, the
 * documents checklist, consents and scans, each as it stands now, with what a correction changed shown
 * beside the value registered and who corrected it when (shared/case applicationHistory).
 */
export function ApplicationCard({ caseId, state, actors, lang, canCorrect }: ApplicationCardProps) {
  const { t } = useTranslation('casePage');
  const headingId = useId();
  const history = useMemo(() => applicationHistory(state), [state]);
  const [tab, setTab] = useState<Tab>('applicant');
  // The correction form keeps its draft over a quick user switch (session drafts) and opens again.
  const host = useFormHost<'ApplicationCorrected'>(
    (form) => `case:${caseId}:${form}`,
    canCorrect ? ['ApplicationCorrected'] : [],
  );
  const correcting = host.open !== null;
  const [saved, setSaved] = useState(false);
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const catalogDocs = useMemo(() => caseService(state)?.documents ?? [], [state]);
  if (history === null) return null;

  const who = (c: CorrectionRecord) => actors[c.byUserId]?.name ?? t('timeline.unknownUser');
  const corrected = (c: CorrectionRecord) =>
    t('application.correctedBy', { who: who(c), at: formatDateTime(c.at) });
  const { current } = history;
  const presented = current.documents.filter(
    (d) => d.state === 'presented' || d.state === 'confirmedByInformationSystem',
  ).length;
  const badge = (tabId: Tab): string | null => {
    switch (tabId) {
      case 'familyMembers':
        return String(current.familyMembers.length);
      case 'applicantIncomes':
        return String(allIncomes(current).length);
      case 'documents':
        return `${presented}/${current.documents.length}`;
      case 'scans':
        return String(history.attachments.length);
      case 'history':
        return String(history.corrections.length);
      default:
        return null;
    }
  };
  const correctedTab = (tabId: Tab): boolean =>
    tabId !== 'consents' &&
    tabId !== 'scans' &&
    tabId !== 'history' &&
    history.sections[tabId] !== undefined;

  const panel = (): ReactNode => {
    switch (tab) {
      case 'applicant':
        return (
          <ApplicantPanel
            history={history}
            corrected={corrected}
            language={<CorrespondenceLanguageFact state={state} />}
          />
        );
      case 'representative':
        return <RepresentativePanel history={history} corrected={corrected} />;
      case 'familyMembers':
        return (
          <ListPanel
            by={history.sections.familyMembers}
            corrected={corrected}
            empty={t('application.noFamily')}
            current={
              current.familyMembers.length > 0 ? <Family members={current.familyMembers} /> : null
            }
            received={
              history.received.familyMembers.length > 0 ? (
                <Family members={history.received.familyMembers} />
              ) : (
                <p className="cp-muted">{t('application.noFamily')}</p>
              )
            }
          />
        );
      case 'applicantIncomes':
        return (
          <ListPanel
            by={history.sections.applicantIncomes ?? history.sections.familyMembers}
            corrected={corrected}
            empty={t('application.noIncomes')}
            current={allIncomes(current).length > 0 ? <Incomes data={current} lang={lang} /> : null}
            received={
              allIncomes(history.received).length > 0 ? (
                <Incomes data={history.received} lang={lang} />
              ) : (
                <p className="cp-muted">{t('application.noIncomes')}</p>
              )
            }
          />
        );
      case 'documents':
        return (
          <DocumentsPanel
            history={history}
            catalog={catalogDocs}
            lang={lang}
            corrected={corrected}
          />
        );
      case 'consents':
        return <ConsentsPanel history={history} />;
      case 'scans':
        return <ScansPanel attachments={history.attachments} onOpen={setViewing} />;
      case 'history':
        return <HistoryPanel history={history} who={who} />;
    }
  };

  return (
    <article className="card cp-card cp-application" aria-labelledby={headingId}>
      <div className="cp-card-head">
        <h2 id={headingId}>{t('application.heading')}</h2>
        {canCorrect && !correcting && (
          <button
            type="button"
            className="cp-secondary"
            onClick={() => {
              setSaved(false);
              host.show('ApplicationCorrected');
            }}
          >
            {t('actions.ApplicationCorrected')}
          </button>
        )}
      </div>
      {saved && (
        <p className="cp-saved" role="status">
          {t('actions.saved', { event: t('case:events.ApplicationCorrected') })}
        </p>
      )}
      {correcting ? (
        <DraftScopeContext.Provider
          value={host.scope('ApplicationCorrected', {
            key: 'casePage:drafts.work',
            params: {
              action: t('actions.ApplicationCorrected'),
              number: state.registrationNumber ?? '',
            },
          })}
        >
          {host.restored && (
            <p className="cp-restored" role="status">
              {t('drafts.restored')}
            </p>
          )}
          <ApplicationCorrectionForm
            caseId={caseId}
            state={state}
            catalog={catalogDocs}
            lang={lang}
            onDone={() => {
              host.close();
              setSaved(true);
            }}
            onCancel={host.close}
          />
        </DraftScopeContext.Provider>
      ) : (
        <>
          <div className="cp-tabs" role="tablist" aria-label={t('application.heading')}>
            {TABS.map((id) => {
              const count = badge(id);
              return (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  id={`${headingId}-${id}`}
                  aria-selected={tab === id}
                  aria-controls={`${headingId}-panel`}
                  className={tab === id ? 'cp-tab cp-tab-active' : 'cp-tab'}
                  onClick={() => setTab(id)}
                >
                  {t(`application.tabs.${id}`)}
                  {count !== null && <span className="cp-tab-count">{count}</span>}
                  {correctedTab(id) && (
                    <span className="cp-tab-corrected" title={t('application.correctedMark')}>
                      {' '}
                      ✎
                    </span>
                  )}
                </button>
              );
            })}
          </div>
          <div
            className="cp-tab-panel"
            role="tabpanel"
            id={`${headingId}-panel`}
            aria-labelledby={`${headingId}-${tab}`}
          >
            {panel()}
          </div>
        </>
      )}
      {viewing && <ScanViewer attachment={viewing} onClose={() => setViewing(null)} />}
    </article>
  );
}

// ---- values ------------------------------------------------------------------------------------------

function applicantValue(t: TFunction, a: Applicant, field: ApplicantField): string {
  switch (field) {
    case 'birthDate':
      return formatDate(a.birthDate);
    case 'sex':
      return t(`application.sex.${a.sex}`);
    case 'phone':
      return a.phone ? phoneText(a.phone) : '—';
    case 'inMobileCitizensDb':
      return t(a.inMobileCitizensDb ? 'application.yes' : 'application.no');
    case 'patronymic':
      return a.patronymic ?? '—';
    default:
      return a[field];
  }
}

function representativeValue(
  t: TFunction,
  value: string | boolean | null,
  field: RepresentativeField,
): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return t(value ? 'application.yes' : 'application.no');
  return field === 'poaDate' ? formatDate(value) : value;
}

function allIncomes(data: ApplicationData): { whose: string; income: Income }[] {
  return [
    ...data.applicantIncomes.map((income) => ({ whose: applicantName(data.applicant), income })),
    ...data.familyMembers.flatMap((m) =>
      m.incomes.map((income) => ({ whose: memberName(m), income })),
    ),
  ];
}

function memberName(m: FamilyMember): string {
  return [m.lastName, m.firstName, m.patronymic].filter((p) => p && p.trim() !== '').join(' ');
}

// ---- panels ------------------------------------------------------------------------------------------

/** The current value, and when corrected the registered one struck through with who and when. */
function Fact({
  label,
  value,
  registered,
  by,
  corrected,
  wide,
}: {
  label: string;
  value: string;
  registered: string;
  by: CorrectionRecord | undefined;
  corrected: (c: CorrectionRecord) => string;
  wide?: boolean;
}) {
  const { t } = useTranslation('casePage');
  return (
    <div className={wide ? 'cp-fact-wide' : undefined}>
      <dt>{label}</dt>
      <dd>
        {value}
        {by && (
          <span className="cp-corrected">
            <span className="cp-was">
              {t('application.wasRegistered')} <del>{registered}</del>
            </span>
            <span className="cp-corrected-by">{corrected(by)}</span>
          </span>
        )}
      </dd>
    </div>
  );
}

type Corrector = (c: CorrectionRecord) => string;

function ApplicantPanel({
  history,
  corrected,
  language,
}: {
  history: ApplicationHistory;
  corrected: Corrector;
  /** The applicant's language for correspondence (features/sms-outbox). */
  language: ReactNode;
}) {
  const { t } = useTranslation('casePage');
  const by = new Map(history.applicantFields.map((f) => [f.field, f.by]));
  return (
    <dl className="cp-facts cp-app-facts">
      {APPLICANT_FIELDS.map((field) => (
        <Fact
          key={field}
          label={t(`application.fields.${field}`)}
          value={applicantValue(t, history.current.applicant, field)}
          registered={applicantValue(t, history.received.applicant, field)}
          by={by.get(field)}
          corrected={corrected}
          wide={field === 'address'}
        />
      ))}
      {language}
    </dl>
  );
}

const SHOWN_REPRESENTATIVE: readonly Exclude<RepresentativeField, 'present'>[] = [
  'name',
  'iin',
  'poaNumber',
  'poaDate',
  'poaIssuer',
  'poaNotarized',
];

function RepresentativePanel({
  history,
  corrected,
}: {
  history: ApplicationHistory;
  corrected: Corrector;
}) {
  const { t } = useTranslation('casePage');
  const by = new Map(history.representativeFields.map((f) => [f.field, f.by]));
  const now = representativeFacts(history.current.representative);
  const then = representativeFacts(history.received.representative);
  const presence = by.get('present');
  if (history.current.representative === null) {
    return (
      <div>
        <p>{t('application.noRepresentative')}</p>
        {presence && history.received.representative && (
          <p className="cp-corrected">
            <span className="cp-was">
              {t('application.wasRegistered')} <del>{history.received.representative.name}</del>
            </span>
            <span className="cp-corrected-by">{corrected(presence)}</span>
          </p>
        )}
      </div>
    );
  }
  return (
    <dl className="cp-facts cp-app-facts">
      {SHOWN_REPRESENTATIVE.map((field) => (
        <Fact
          key={field}
          label={t(`application.representativeFields.${field}`)}
          value={representativeValue(t, now[field], field)}
          registered={representativeValue(t, then[field], field)}
          by={by.get(field)}
          corrected={corrected}
          wide={field === 'name' || field === 'poaIssuer'}
        />
      ))}
    </dl>
  );
}

function ListPanel({
  by,
  corrected,
  empty,
  current,
  received,
}: {
  by: CorrectionRecord | undefined;
  corrected: Corrector;
  empty: string;
  current: ReactNode;
  received: ReactNode;
}) {
  const { t } = useTranslation('casePage');
  return (
    <div>
      {by && <p className="cp-corrected cp-corrected-section">{corrected(by)}</p>}
      {current ?? <p className="cp-muted">{empty}</p>}
      {by && (
        <details className="cp-as-registered">
          <summary>{t('application.asRegistered')}</summary>
          {received}
        </details>
      )}
    </div>
  );
}

function Family({ members }: { members: readonly FamilyMember[] }) {
  const { t } = useTranslation('casePage');
  return (
    <table className="cp-table">
      <thead>
        <tr>
          <th scope="col">{t('application.member.name')}</th>
          <th scope="col">{t('application.member.relation')}</th>
          <th scope="col">{t('application.fields.birthDate')}</th>
          <th scope="col">{t('application.fields.iin')}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m, i) => (
          <tr key={i}>
            <td>{memberName(m)}</td>
            <td>{t(`case:relations.${m.relation}`)}</td>
            <td className="cp-nowrap">{formatDate(m.birthDate)}</td>
            <td className="cp-mono">{m.iin ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Incomes({ data, lang }: { data: ApplicationData; lang: Language }) {
  const { t } = useTranslation('casePage');
  const rows = allIncomes(data);
  const total = rows.reduce((sum, r) => sum + r.income.amountTiyn, 0);
  return (
    <table className="cp-table">
      <thead>
        <tr>
          <th scope="col">{t('application.income.whose')}</th>
          <th scope="col">{t('application.income.source')}</th>
          <th scope="col">{t('application.income.period')}</th>
          <th scope="col" className="cp-num">
            {t('application.income.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ whose, income }, i) => (
          <tr key={i}>
            <td>{whose}</td>
            <td>{income.source}</td>
            <td className="cp-nowrap">
              {formatDate(income.periodFrom)} – {formatDate(income.periodTo)}
            </td>
            <td className="cp-num cp-nowrap">{money(income.amountTiyn, lang)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            {t('application.income.total')}
          </th>
          <td className="cp-num cp-nowrap">{money(total, lang)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function DocumentsPanel({
  history,
  catalog,
  lang,
  corrected,
}: {
  history: ApplicationHistory;
  catalog: readonly CatalogDocument[];
  lang: Language;
  corrected: Corrector;
}) {
  const { t } = useTranslation('casePage');
  const by = new Map(history.documents.map((d) => [d.field, d.by]));
  const registered = new Map(history.received.documents.map((d) => [d.documentId, d.state]));
  const stateText = (s: DocumentCheck['state'] | undefined) =>
    s ? t(`case:documentStates.${s}`) : '—';
  return (
    <table className="cp-table cp-documents">
      <thead>
        <tr>
          <th scope="col">{t('application.document.name')}</th>
          <th scope="col">{t('application.document.state')}</th>
        </tr>
      </thead>
      <tbody>
        {history.current.documents.map((d) => {
          const c = by.get(d.documentId);
          return (
            <tr key={d.documentId} className={`cp-doc-${d.state}`}>
              <td>{documentLabel(catalog, d.documentId, lang)}</td>
              <td>
                <span className={`cp-doc-state cp-doc-state-${d.state}`}>{stateText(d.state)}</span>
                {c && (
                  <span className="cp-corrected">
                    <span className="cp-was">
                      {t('application.wasRegistered')}{' '}
                      <del>{stateText(registered.get(d.documentId))}</del>
                    </span>
                    <span className="cp-corrected-by">{corrected(c)}</span>
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ConsentsPanel({ history }: { history: ApplicationHistory }) {
  const { t } = useTranslation('casePage');
  const consents = history.consents;
  if (consents === null) return <p className="cp-muted">{t('application.noConsents')}</p>;
  return (
    <ul className="cp-consents">
      {(['personalData', 'protectedInformation'] as const).map((k) => (
        <li key={k} className={consents[k] ? 'cp-ok' : 'cp-late'}>
          <span aria-hidden="true">{consents[k] ? '✓ ' : '✗ '}</span>
          {t(`application.consents.${k}`)}:{' '}
          <strong>
            {t(consents[k] ? 'application.consentGiven' : 'application.consentNotGiven')}
          </strong>
        </li>
      ))}
    </ul>
  );
}

function sizeText(t: TFunction, bytes: number): string {
  if (bytes < 1024 * 1024)
    return t('application.scan.kb', { value: Math.max(1, Math.round(bytes / 1024)) });
  return t('application.scan.mb', { value: (bytes / (1024 * 1024)).toFixed(1) });
}

function ScansPanel({
  attachments,
  onOpen,
}: {
  attachments: readonly Attachment[];
  onOpen: (a: Attachment) => void;
}) {
  const { t } = useTranslation('casePage');
  if (attachments.length === 0) return <p className="cp-muted">{t('application.scan.none')}</p>;
  return (
    <ul className="cp-scans">
      {attachments.map((a) => (
        <li key={a.sha256}>
          <span className="cp-scan-name">{a.name}</span>
          <span className="cp-muted cp-nowrap">{sizeText(t, a.size)}</span>
          <button
            type="button"
            className="cp-secondary"
            aria-label={t('application.scan.openNamed', { name: a.name })}
            onClick={() => onOpen(a)}
          >
            {t('application.scan.open')}
          </button>
        </li>
      ))}
    </ul>
  );
}

function HistoryPanel({
  history,
  who,
}: {
  history: ApplicationHistory;
  who: (c: CorrectionRecord) => string;
}) {
  const { t } = useTranslation('casePage');
  if (history.corrections.length === 0) {
    return <p className="cp-muted">{t('application.history.none')}</p>;
  }
  const sectionNames = (sections: readonly ApplicationSection[]) =>
    sections.map((s) => t(`application.sections.${s}`)).join(', ');
  return (
    <ol className="cp-corrections">
      {history.corrections.map((c) => (
        <li key={c.eventId}>
          <div className="cp-event-head">
            <time dateTime={c.at}>{formatDateTime(c.at)}</time>
            <strong>{who(c)}</strong>
          </div>
          <dl className="cp-facts">
            <div>
              <dt>{t('facts.correctedSections')}</dt>
              <dd>{sectionNames(c.changes.sections)}</dd>
            </div>
            <div className="cp-fact-wide">
              <dt>{t('facts.reason')}</dt>
              <dd>{c.reason}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ol>
  );
}
