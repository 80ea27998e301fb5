// The district department's decision on the application (app. 5, R-DEC-1): grant, or a reasoned
// refusal (R-DEC-6) after the hearing of seed 003:38-47. The form says, before anything is typed, from
// which date the decision may be dated and why (decisionTiming over the shared window functions), and
// refuses on the date field what the store would refuse (R-HEAR-1, R-HEAR-3, R-HEAR-6).
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  noticeFormFor,
  rejection,
  type DecisionOutcome,
  type HearingState,
  decisionDateProblem,
  decisionTiming,
  type DecisionTiming,
} from '../../../../../shared/case';
import type { WorkingCalendar } from '../../../../../shared/calendar';
import type { ServiceDefinition } from '../../../../../shared/catalog';
import { caseDateLimits, type DateLimits } from '../../../../../shared/input';
import { caseService } from '../../../../../shared/schedule';
import { formatDate } from '../../../../../shared/time';
import { useDesk } from '../../../app/desk-context';
import { useDraftForm } from '../../session';
import { compact, type ActionProps } from './action-props';
import {
  DECISION_FIELD_OF,
  DecisionFields,
  EMPTY_DECISION,
  buildDecisionFields,
  type DecisionValues,
} from './decision-fields';
import {
  ActionForm,
  TextArea,
  WHEN_TO_VALIDATE,
  optional,
  payloadResolver,
  shownErrors,
  useEventSubmit,
  type Built,
} from './form-kit';
import { CodeChecks, UNLISTED_GROUND, checkedValues } from './hearing-forms';

export interface DecisionFormValues extends DecisionValues {
  /** The notice's grounds the refusal rests on. */
  groundCodes: string[];
  /** R-HEAR-6: how the remarks on the hearing protocol were considered. */
  remarksConsideration: string;
}

export interface DecisionContext {
  readonly limits: DateLimits;
  readonly service: Pick<ServiceDefinition, 'inputBounds'> | null;
  readonly hearing: HearingState | null;
  readonly calendar: WorkingCalendar;
}

const isOutcome = (o: string): o is DecisionOutcome => o === 'grant' || o === 'refuse';

/**
 * The decision as a DecisionMade payload. Beyond the decision's own fields (buildDecisionFields): a
 * step of the hearing still missing is said on the outcome (a refusal without a notice, R-HEAR-1; a
 * protocol not yet read, R-HEAR-5…), a date before a window closes on the date (R-HEAR-1, R-HEAR-3,
 * R-HEAR-6), and once remarks are filed the decision says how they were considered (R-HEAR-6).
 */
export function buildDecision(v: DecisionFormValues, ctx: DecisionContext): Built {
  const errors: Record<string, string> = {};
  const decision = buildDecisionFields(v, ctx.limits, ctx.service, errors);
  const { hearing } = ctx;
  if (isOutcome(v.outcome)) {
    const timing = decisionTiming(hearing, v.outcome, ctx.calendar);
    if (timing.missing !== null) errors['outcome'] = rejection(timing.missing);
    const date = decision['date'];
    if (typeof date === 'string' && !errors['date']) {
      const problem = decisionDateProblem(timing, date);
      if (problem !== null) errors['date'] = problem;
    }
  }
  const groundCodes =
    v.outcome === 'refuse'
      ? checkedValues(v.groundCodes).filter((code) => code !== UNLISTED_GROUND)
      : [];
  let remarksConsideration: string | undefined;
  if (hearing?.remarks) {
    remarksConsideration = optional(v.remarksConsideration);
    if (remarksConsideration === undefined) {
      errors['remarksConsideration'] = rejection('remarksNotConsidered');
    }
  }
  return {
    payload: isOutcome(v.outcome)
      ? compact({
          ...decision,
          groundCodes: groundCodes.length > 0 ? groundCodes : undefined,
          remarksConsideration,
        })
      : decision,
    errors,
  };
}

const fieldOf = (path: string): string => DECISION_FIELD_OF[path] ?? path;

/** What holds the decision back, said before anything is typed: the missing step and the windows. */
function TimingNotes({ timing }: { timing: DecisionTiming }) {
  const { t } = useTranslation('casePage');
  return (
    <>
      {timing.missing !== null && (
        <p className="cp-note cp-late">{t(`case:rejections.${timing.missing}`)}</p>
      )}
      {timing.earliest !== null && (
        <>
          <p>
            <strong>{t('decision.earliest', { date: formatDate(timing.earliest.from) })}</strong>
          </p>
          <ul className="cp-reasons">
            {timing.waits.map((w) => (
              <li key={w.rule}>
                {t(`decision.why.${w.rule}`, {
                  from: formatDate(w.from),
                  anchor: formatDate(w.anchor),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function DecisionForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock, calendar } = useDesk();
  const today = clock.today();
  const ctx: DecisionContext = {
    limits: caseDateLimits(state, today),
    service: caseService(state),
    hearing: state.hearing,
    calendar,
  };
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const notice = state.hearing?.notice ?? null;
  const grounds = (notice?.grounds ?? []).filter((g) => g.code !== UNLISTED_GROUND);
  const form = useDraftForm<DecisionFormValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: {
      ...EMPTY_DECISION,
      groundCodes: grounds.map((g) => g.code),
      remarksConsideration: '',
    },
    resolver: payloadResolver(
      'DecisionMade',
      (v: DecisionFormValues) => buildDecision(v, ctx),
      fieldOf,
    ),
  });
  const errors = shownErrors(form.formState);
  const outcome = useWatch({ control: form.control, name: 'outcome' });
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('DecisionMade', buildDecision(values, ctx).payload);
  });
  // Before an outcome is chosen, what a refusal would wait for (a grant waits for less, R-HEAR-7).
  const shown: DecisionOutcome = isOutcome(outcome) ? outcome : 'refuse';
  const timing = decisionTiming(state.hearing, shown, calendar);
  const remarks = state.hearing?.remarks ?? null;
  return (
    <ActionForm
      title={t('actions.DecisionMade')}
      intro={
        <>
          <p>{t('decision.intro')}</p>
          {state.hearing === null && <p>{t('decision.noHearing')}</p>}
          {isOutcome(outcome) && <p>{t(`case:noticeForms.${noticeFormFor({ outcome })}`)}</p>}
          {(isOutcome(outcome) || state.hearing !== null) && <TimingNotes timing={timing} />}
        </>
      }
      submitLabel={t('decision.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <DecisionFields
        register={form.register}
        errors={errors}
        outcome={outcome}
        justificationHint={t('decision.justificationHint')}
      />
      {outcome === 'refuse' && grounds.length > 0 && (
        <CodeChecks
          legend={t('decision.grounds')}
          registration={form.register('groundCodes')}
          errors={errors}
          options={grounds}
          hint={t('decision.groundsHint')}
        />
      )}
      {remarks && (
        <>
          <p className="cp-note">
            {t('decision.remarks', { date: formatDate(remarks.date), text: remarks.text })}
          </p>
          <TextArea
            label={t('decision.remarksConsideration')}
            registration={form.register('remarksConsideration')}
            errors={errors}
          />
        </>
      )}
    </ActionForm>
  );
}
