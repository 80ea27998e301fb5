import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canAppend, type CaseEvent, type CaseState } from '../../../../shared/case';
import type { ServiceDefinition } from '../../../../shared/catalog';
import { LANGUAGES, type Language } from '../../../../shared/ipc';
import type { CanonicalSignature } from '../../../../shared/signing';
import { formatDate, formatDateTime, type LocalDateTime } from '../../../../shared/time';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { printPath } from '../../app/paths';
import {
  RESULT_DOCUMENT_CHANGED,
  recordResultSignature,
  resultDocumentOf,
  writeFailure,
  type CaseActor,
} from '../../db';
import { SignWithPinDialog } from '../akim';
import { groundTexts, useSignedEventCheck, type ResultNoticeContent } from '../documents';
import { actContextFor, actingAs } from '../session';
import { caseService } from '../../../../shared/schedule';
import { money } from './case-timeline';
import { SignerSelect, useSignerChoice } from './signer-select';

export interface ResultSignPanelProps {
  caseId: string;
  state: CaseState;
  actors: Record<string, CaseActor>;
}

/**
 * The district head signs the result with the PIN (R-DEC-5): on a decided case, the notice of the
 * decision (app. 6 for a grant, app. 7 for a refusal, R-DEC-1) as it will be signed; after signing,
 * the signature's status, the printed notice and how the notice reaches the applicant (R-DEC-2,
 * R-DEC-3). The head may sign at the specialist's desk: the PIN proves who signs, and the event names
 * the head as its actor.
 */
export function ResultSignPanel({ caseId, state, actors }: ResultSignPanelProps) {
  const { office } = useDesk();
  const signed = signedResultOf(state);
  if (signed && state.signature && state.decision) {
    return <SignedResult caseId={caseId} state={state} actors={actors} event={signed} />;
  }
  if (
    state.stage !== 'decided' ||
    office === null ||
    // Only the district department's desk signs; an akimat's desk waits for the signed result.
    office.kind !== 'district' ||
    !canAppend(state, 'ResultSigned', actingAs('districtHead', office), { context: null }).ok
  ) {
    return null;
  }
  return <ResultToSign caseId={caseId} state={state} />;
}

function DocumentFacts({
  document,
  lang,
  service,
}: {
  document: ResultNoticeContent;
  lang: Language;
  service: ServiceDefinition | null;
}) {
  const { t } = useTranslation(['resultSign', 'case']);
  const decision = document.decision;
  return (
    <dl className="cp-facts">
      <div className="cp-fact-wide">
        <dt>{t('resultSign:facts.form')}</dt>
        <dd>{t(`case:noticeForms.${document.form}`)}</dd>
      </div>
      <div className="cp-fact-wide">
        <dt>{t('resultSign:facts.applicant')}</dt>
        <dd>
          {document.applicant.name}, {t('resultSign:facts.iin')} {document.applicant.iin}
        </dd>
      </div>
      <div>
        <dt>{t('resultSign:facts.outcome')}</dt>
        <dd>{t(`case:decisionOutcomes.${decision.outcome}`)}</dd>
      </div>
      <div>
        <dt>{t('resultSign:facts.number')}</dt>
        <dd>{decision.number}</dd>
      </div>
      <div>
        <dt>{t('resultSign:facts.date')}</dt>
        <dd>{formatDate(decision.date)}</dd>
      </div>
      {decision.outcome === 'grant' ? (
        <>
          {decision.amountTiyn !== undefined && (
            <div>
              <dt>{t('resultSign:facts.amount')}</dt>
              <dd>{money(decision.amountTiyn, lang)}</dd>
            </div>
          )}
          {decision.periodFrom && decision.periodTo && (
            <div>
              <dt>{t('resultSign:facts.period')}</dt>
              <dd>
                {formatDate(decision.periodFrom)} – {formatDate(decision.periodTo)}
              </dd>
            </div>
          )}
        </>
      ) : (
        <>
          <div className="cp-fact-wide">
            <dt>{t('resultSign:facts.justification')}</dt>
            <dd>{decision.justification}</dd>
          </div>
          {decision.groundCodes && decision.groundCodes.length > 0 && (
            <div className="cp-fact-wide">
              <dt>{t('resultSign:facts.grounds')}</dt>
              <dd>
                <ul>
                  {groundTexts(decision.groundCodes, service, lang).map((text, i) => (
                    <li key={`${i}-${text}`}>{text}</li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
        </>
      )}
      {decision.remarksConsideration && (
        <div className="cp-fact-wide">
          <dt>{t('resultSign:facts.remarks')}</dt>
          <dd>{decision.remarksConsideration}</dd>
        </div>
      )}
    </dl>
  );
}

function ResultToSign({ caseId, state }: { caseId: string; state: CaseState }) {
  const { t } = useTranslation(['resultSign', 'case']);
  const { db, clock, office } = useDesk();
  const lang = useAppSelector((s) => s.preferences.language);
  const headingId = useId();
  const signer = useSignerChoice('district');
  const signerId = signer.signerId;
  const [signing, setSigning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const document = useMemo(
    () => (office ? resultDocumentOf(state, office) : null),
    [state, office],
  );

  const onSigned = async (signature: CanonicalSignature, signedAt: LocalDateTime) => {
    if (!office || !document) return 'resultSign:errors.noOffice';
    const ctx = actContextFor(
      { id: signerId, role: 'districtHead' },
      office,
      clock.nowMs(),
      signedAt,
    );
    // A write the database refuses is shown in words, like a refusal.
    const saved = await recordResultSignature(db, { caseId, document, signature }, ctx).catch(
      writeFailure,
    );
    if (saved.ok) {
      setSigning(false);
      setFailure(null);
      return null;
    }
    // The document changed meanwhile: the dialog now shows the new one, and the head signs it.
    if (saved.reason === RESULT_DOCUMENT_CHANGED) return RESULT_DOCUMENT_CHANGED;
    setSigning(false);
    setFailure(saved.reason);
    return null;
  };

  if (document === null) return null;
  const decision = document.decision;
  return (
    <article className="card cp-card cp-result-sign" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('resultSign:heading')}</h2>
      <p className="cp-muted">{t('resultSign:intro')}</p>
      <DocumentFacts document={document} lang={lang} service={caseService(state)} />
      {!signer.loaded ? null : signer.options.length === 0 ? (
        <p className="cp-warning" role="alert">
          {t('resultSign:noSigner')}
        </p>
      ) : (
        <div className="cp-sign">
          <SignerSelect label={t('resultSign:signer')} choice={signer} />
          <button
            type="button"
            className="cp-primary"
            onClick={() => {
              setFailure(null);
              setSigning(true);
            }}
          >
            {t('resultSign:sign')}
          </button>
          <p className="cp-muted">{t('resultSign:pinNote')}</p>
        </div>
      )}
      {failure && (
        <p className="cp-error" role="alert">
          {t(failure)}
        </p>
      )}
      {signing && (
        <SignWithPinDialog
          title={t('resultSign:dialogTitle', {
            form: t(`case:noticeForms.${document.form}`),
            number: decision.number,
            date: formatDate(decision.date),
          })}
          summary={[
            `${document.applicant.name}, ${t('resultSign:facts.iin')} ${document.applicant.iin}`,
            t(`case:decisionOutcomes.${decision.outcome}`),
            ...(decision.outcome === 'grant' && decision.amountTiyn !== undefined
              ? [`${t('resultSign:facts.amount')}: ${money(decision.amountTiyn, lang)}`]
              : []),
            ...(decision.outcome === 'refuse'
              ? [`${t('resultSign:facts.justification')}: ${decision.justification}`]
              : []),
          ]}
          document={document}
          signerId={signerId}
          onSigned={onSigned}
          onCancel={() => setSigning(false)}
        />
      )}
    </article>
  );
}

/** The case's ResultSigned event, if the result was signed. */
function signedResultOf(state: CaseState): CaseEvent | null {
  return state.events.find((e) => e.type === 'ResultSigned') ?? null;
}

function SignedResult({
  caseId,
  state,
  actors,
  event,
}: {
  caseId: string;
  state: CaseState;
  actors: Record<string, CaseActor>;
  event: CaseEvent;
}) {
  const { t } = useTranslation(['resultSign', 'case', 'session']);
  const check = useSignedEventCheck(state, event);
  const signature = state.signature;
  const decision = state.decision;
  if (!signature || !decision) return null;
  const signer = actors[signature.byUserId]?.name ?? '—';
  const channel = state.notificationChannel ?? 'printForPickup';
  const status =
    check === null || check.phase === 'checking'
      ? { tone: 'cp-muted', text: t('resultSign:status.checking') }
      : check.verdict.ok
        ? { tone: 'cp-ok', text: t('resultSign:status.verified') }
        : { tone: 'cp-error', text: t(check.verdict.reason) };
  return (
    <article className="card cp-card cp-result-sign">
      <h2>{t('resultSign:signedHeading')}</h2>
      <dl className="cp-facts">
        <div className="cp-fact-wide">
          <dt>{t('resultSign:facts.form')}</dt>
          <dd>{t(`case:noticeForms.${decision.noticeForm}`)}</dd>
        </div>
        <div>
          <dt>{t('resultSign:facts.number')}</dt>
          <dd>{decision.number}</dd>
        </div>
        <div>
          <dt>{t('resultSign:facts.date')}</dt>
          <dd>{formatDate(decision.date)}</dd>
        </div>
        <div className="cp-fact-wide">
          <dt>{t('resultSign:signedBy')}</dt>
          <dd>
            {signer}, {formatDateTime(signature.at)}
          </dd>
        </div>
      </dl>
      <p className={status.tone} role="status">
        {status.text}
      </p>
      <p>
        {t(`case:noticeForms.${decision.noticeForm}`)}:{' '}
        {LANGUAGES.map((lang) => (
          <Link
            key={lang}
            className="cp-print-link"
            to={printPath('notice', caseId, lang)}
            aria-label={t('resultSign:printIn', { lang: t(`resultSign:langName.${lang}`) })}
          >
            {t(`resultSign:lang.${lang}`)}
          </Link>
        ))}
      </p>
      <section aria-label={t('resultSign:delivery.heading')}>
        <h3>{t('resultSign:delivery.heading')}</h3>
        <p data-testid="notice-delivery">
          {t(`resultSign:delivery.${channel}`, { phone: state.applicant?.phone ?? '' })}
        </p>
      </section>
    </article>
  );
}
