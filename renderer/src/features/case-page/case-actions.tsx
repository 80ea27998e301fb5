import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseEventType, CaseState } from '../../../../shared/case';
import type { ReplanProposal } from '../../../../shared/intake';
import type { CaseExtension } from '../../../../shared/schedule';
import { DraftScopeContext, useFormHost } from '../session';
import type { ActionProps } from './forms/action-props';
import { CommissionActForm, SentToCommissionForm } from './forms/commission-forms';
import { DecisionForm } from './forms/decision-form';
import { IncomeComputedForm, ReceivedByDistrictForm } from './forms/district-intake-forms';
import { DistrictResultForm } from './forms/district-result-form';
import {
  HearingProtocolRecordedForm,
  ObjectionFiledForm,
  PreliminaryRefusalNoticedForm,
  ProtocolFamiliarizedForm,
  RefusalNoticeReceivedForm,
  RemarksFiledForm,
} from './forms/hearing-forms';
import { ApplicantNotifiedForm } from './forms/notify-form';
import { ReturnedForCompletionForm } from './forms/return-form';
import { ResultIssuedForm } from './forms/result-issued-form';
import {
  ReturnedToAkimatForm,
  TermExtendedForm,
  TermReplannedForm,
  TermResumedForm,
  TermSuspendedForm,
  WithdrawnForm,
} from './forms/term-forms';

/** The actions that move the case on, in the order of its life. */
const STEP_ACTIONS = [
  'SentToCommission',
  'CommissionActRecorded',
  // The district department's steps (its desk in district mode): receipt, income, the hearing before
  // a refusal (003:38-47) and the decision. ResultSigned is the signing panel's, not a form here.
  'ReceivedByDistrict',
  'ReturnedForCompletion',
  'IncomeComputed',
  'PreliminaryRefusalNoticed',
  'RefusalNoticeReceived',
  'ObjectionFiled',
  'HearingProtocolRecorded',
  'ProtocolFamiliarized',
  'RemarksFiled',
  'DecisionMade',
  'DistrictResultRecorded',
  'ReturnedToAkimat',
  'ApplicantNotifiedResultReady',
  'ResultIssued',
] as const satisfies readonly CaseEventType[];

/** The actions on the term and the application itself. */
const TERM_ACTIONS = [
  'TermSuspended',
  'TermResumed',
  'TermExtended',
  'TermReplanned',
  'Withdrawn',
] as const satisfies readonly CaseEventType[];

type FormAction = (typeof STEP_ACTIONS)[number] | (typeof TERM_ACTIONS)[number];

export interface CaseActionsProps {
  caseId: string;
  state: CaseState;
  /** allowedEvents(state, role) of the logged-in user. */
  allowed: readonly CaseEventType[];
  extension: CaseExtension | null;
  /** A new due date after a calendar correction, when the calendar in force gives one. */
  replan: ReplanProposal | null;
  /** The akim's resolution form (the akim feature's), opened where the akim may impose one. */
  renderResolution: ((close: () => void) => ReactNode) | null;
  /** Whether a user is logged in: without one nothing can be saved. */
  canAct: boolean;
}

/** Only the actions the logged-in user may take now, each opening its form in place. */
export function CaseActions({
  caseId,
  state,
  allowed,
  extension,
  replan,
  renderResolution,
  canAct,
}: CaseActionsProps) {
  const { t } = useTranslation('casePage');
  const offered = (type: FormAction) =>
    allowed.includes(type) &&
    (type !== 'TermExtended' || extension !== null) &&
    (type !== 'TermReplanned' || replan !== null);
  const resolve = allowed.includes('ResolutionImposed') && renderResolution !== null;

  // A form this person left with unsaved work (a quick user switch, or leaving the page) opens again
  // with it (session drafts: the intake's mechanism).
  const host = useFormHost<FormAction | 'ResolutionImposed'>(
    (type) => `case:${caseId}:${type}`,
    [
      ...(resolve ? (['ResolutionImposed'] as const) : []),
      ...STEP_ACTIONS.filter(offered),
      ...TERM_ACTIONS.filter(offered),
    ],
  );
  const { open, close } = host;
  const [saved, setSaved] = useState<CaseEventType | null>(null);

  const steps = STEP_ACTIONS.filter(offered);
  const terms = TERM_ACTIONS.filter(offered);
  const forward = allowed.includes('ForwardedToDistrict');
  const nothing = steps.length === 0 && terms.length === 0 && !forward && !resolve;

  const props: ActionProps = {
    caseId,
    state,
    onDone: (type) => {
      close();
      setSaved(type);
    },
    onCancel: close,
  };

  const form = (type: FormAction | 'ResolutionImposed'): ReactNode => {
    switch (type) {
      case 'ResolutionImposed':
        return renderResolution?.(close) ?? null;
      case 'SentToCommission':
        return <SentToCommissionForm {...props} />;
      case 'CommissionActRecorded':
        return <CommissionActForm {...props} />;
      case 'ReceivedByDistrict':
        return <ReceivedByDistrictForm {...props} />;
      case 'ReturnedForCompletion':
        return <ReturnedForCompletionForm {...props} />;
      case 'IncomeComputed':
        return <IncomeComputedForm {...props} />;
      case 'PreliminaryRefusalNoticed':
        return <PreliminaryRefusalNoticedForm {...props} />;
      case 'RefusalNoticeReceived':
        return <RefusalNoticeReceivedForm {...props} />;
      case 'ObjectionFiled':
        return <ObjectionFiledForm {...props} />;
      case 'HearingProtocolRecorded':
        return <HearingProtocolRecordedForm {...props} />;
      case 'ProtocolFamiliarized':
        return <ProtocolFamiliarizedForm {...props} />;
      case 'RemarksFiled':
        return <RemarksFiledForm {...props} />;
      case 'DecisionMade':
        return <DecisionForm {...props} />;
      case 'DistrictResultRecorded':
        return <DistrictResultForm {...props} />;
      case 'ReturnedToAkimat':
        return <ReturnedToAkimatForm {...props} />;
      case 'ApplicantNotifiedResultReady':
        return <ApplicantNotifiedForm {...props} />;
      case 'ResultIssued':
        return <ResultIssuedForm {...props} />;
      case 'TermSuspended':
        return <TermSuspendedForm {...props} />;
      case 'TermResumed':
        return <TermResumedForm {...props} />;
      case 'TermExtended':
        return extension ? <TermExtendedForm {...props} extension={extension} /> : null;
      case 'TermReplanned':
        return replan ? <TermReplannedForm {...props} proposal={replan} /> : null;
      case 'Withdrawn':
        return <WithdrawnForm {...props} />;
    }
  };

  const button = (type: FormAction | 'ResolutionImposed', secondary: boolean) => (
    <button
      key={type}
      type="button"
      className={secondary ? 'cp-secondary' : 'cp-primary'}
      onClick={() => {
        setSaved(null);
        host.show(type);
      }}
    >
      {t(`actions.${type}`)}
    </button>
  );

  return (
    <article className="card cp-card cp-actions" aria-labelledby={`${caseId}-actions`}>
      <h2 id={`${caseId}-actions`}>{t('actions.heading')}</h2>
      {saved && (
        <p className="cp-saved" role="status">
          {t('actions.saved', { event: t(`case:events.${saved}`) })}
        </p>
      )}
      {!canAct && <p className="cp-muted">{t('actions.loginToAct')}</p>}
      {canAct && nothing && <p className="cp-muted">{t('actions.none')}</p>}
      {open !== null ? (
        <DraftScopeContext.Provider
          value={host.scope(open, {
            key: 'casePage:drafts.work',
            params: { action: t(`actions.${open}`), number: state.registrationNumber ?? '' },
          })}
        >
          {host.restored && (
            <p className="cp-restored" role="status">
              {t('drafts.restored')}
            </p>
          )}
          {form(open)}
        </DraftScopeContext.Provider>
      ) : (
        <>
          {(steps.length > 0 || forward || resolve) && (
            <div className="cp-buttons">
              {resolve && button('ResolutionImposed', false)}
              {steps.map((type) => button(type, false))}
              {forward && (
                <Link className="cp-button-link" to="/registers">
                  {t('actions.forwardViaRegister')}
                </Link>
              )}
            </div>
          )}
          {terms.length > 0 && (
            <div className="cp-buttons cp-term-buttons">
              {terms.map((type) => button(type, true))}
            </div>
          )}
        </>
      )}
    </article>
  );
}
