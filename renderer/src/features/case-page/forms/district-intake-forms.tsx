// The district department's first two acts on a forwarded case (R-ROUTE-2, 003:35-36): the receipt of
// the documents, which starts the one-working-day term of the per-capita income, and the income
// computed with its arithmetic shown (shared/income). What must stay true:
// - The forms compute nothing of their own: the due date is shared/deadlines perCapitaIncomeDue with
//   the desk's calendar, the income is shared/income computePerCapitaIncome over the case's current
//   application (state.application, as registered and corrected), the poverty line the installed
//   figures' one in force (figureInForce); the saved IncomeComputed carries the very numbers shown.
// - Nothing typed is lost: a refused save keeps the form as it was (useEventSubmit).
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ApplicationData, CaseState } from '../../../../../shared/case';
import { perCapitaIncomeDue } from '../../../../../shared/deadlines';
import {
  compareWithPovertyLine,
  computePerCapitaIncome,
  defaultIncomePeriod,
  type MemberIncome,
  type PerCapitaIncome,
  type PovertyLineComparison,
} from '../../../../../shared/income';
import { checkDateInput } from '../../../../../shared/input';
import type { Language } from '../../../../../shared/ipc';
import { formatDate, type LocalDate } from '../../../../../shared/time';
import { useAppSelector } from '../../../app/hooks';
import { useDesk } from '../../../app/desk-context';
import { deskIncomeFigures, useLive } from '../../../db';
import { useDraftForm } from '../../session';
import { money } from '../case-timeline';
import { compact, type ActionProps } from './action-props';
import {
  ActionForm,
  DateInput,
  TextInput,
  WHEN_TO_VALIDATE,
  dateInputOf,
  optional,
  payloadResolver,
  shownErrors,
  useEventSubmit,
  type Built,
} from './form-kit';

// ---- the receipt --------------------------------------------------------------------------------

export interface ReceiptValues {
  incomingNumber: string;
}

/**
 * The longest incoming number: the same as the inbound queue's receipt of a whole register
 * (db/district-commands INCOMING_NUMBER_MAX_LENGTH), so one case and a register take the same numbers.
 */
export const INCOMING_NUMBER_MAX = 40;

export function buildReceipt(v: ReceiptValues): Built {
  const errors: Record<string, string> = {};
  const incomingNumber = optional(v.incomingNumber)?.trim();
  if (incomingNumber !== undefined && incomingNumber.length > INCOMING_NUMBER_MAX) {
    errors['incomingNumber'] = 'income:errors.incomingNumberTooLong';
  }
  return { payload: compact({ incomingNumber }), errors };
}

/**
 * The district received the case's documents today: the receipt (the event's time) starts the
 * per-capita income's term of one working day (R-ROUTE-2, 003:35), shown before saving.
 */
export function ReceivedByDistrictForm({ caseId, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('income');
  const { clock, calendar } = useDesk();
  const today = clock.today();
  const due = perCapitaIncomeDue(today, calendar);
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const form = useDraftForm<ReceiptValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { incomingNumber: '' },
    resolver: payloadResolver('ReceivedByDistrict', buildReceipt),
  });
  const errors = shownErrors(form.formState);
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('ReceivedByDistrict', buildReceipt(values).payload);
  });
  return (
    <ActionForm
      title={t('receipt.title')}
      intro={
        <>
          <p>{t('receipt.intro', { date: formatDate(today) })}</p>
          <p role="note">{t('receipt.incomeDue', { date: formatDate(due) })}</p>
        </>
      }
      submitLabel={t('receipt.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <TextInput
        label={t('receipt.incomingNumber')}
        registration={form.register('incomingNumber')}
        errors={errors}
        hint={t('receipt.incomingNumberHint')}
      />
    </ActionForm>
  );
}

// ---- the per-capita income ------------------------------------------------------------------------

export interface IncomeValues {
  periodFrom: string;
  periodTo: string;
}

export interface BuiltIncome extends Built {
  /** The computation when the period reads; null when it does not (its fields say why). */
  computation: PerCapitaIncome | null;
}

/**
 * The period typed as dd.MM.yyyy (not in the future: incomes are received ones), the computation over
 * the case's application, and the IncomeComputed payload with exactly its numbers. Without an
 * application (a proactive case) there is nothing to compute from.
 */
export function buildIncome(
  v: IncomeValues,
  application: ApplicationData | null,
  today: LocalDate,
): BuiltIncome {
  const errors: Record<string, string> = {};
  const read = (text: string, field: keyof IncomeValues): LocalDate | null => {
    const checked = checkDateInput(text, { notAfter: today });
    if (!checked.ok) {
      errors[field] = checked.message;
      return null;
    }
    return checked.date;
  };
  const periodFrom = read(v.periodFrom, 'periodFrom');
  const periodTo = read(v.periodTo, 'periodTo');
  if (application === null) {
    errors['periodFrom'] ??= 'income:errors.noApplication';
    return { payload: {}, errors, computation: null };
  }
  if (periodFrom === null || periodTo === null) {
    return { payload: {}, errors, computation: null };
  }
  const computed = computePerCapitaIncome(application, { periodFrom, periodTo });
  if (!computed.ok) {
    errors['periodTo'] = computed.reason;
    return { payload: {}, errors, computation: null };
  }
  const c = computed.value;
  return {
    payload: {
      familySize: c.familySize,
      totalIncomeTiyn: c.totalIncomeTiyn,
      perCapitaIncomeTiyn: c.perCapitaIncomeTiyn,
      periodFrom,
      periodTo,
    },
    errors,
    computation: c,
  };
}

/** The date the poverty line is taken on: the application's registration (its receipt), else today. */
export function comparisonDate(
  state: Pick<CaseState, 'registrationDate' | 'receivedAt'>,
  today: LocalDate,
): LocalDate {
  return state.registrationDate ?? state.receivedAt?.slice(0, 10) ?? today;
}

function memberName(m: MemberIncome): string {
  return [m.lastName, m.firstName, m.patronymic].filter(Boolean).join(' ');
}

function ArithmeticTable({ c, lang }: { c: PerCapitaIncome; lang: Language }) {
  const { t } = useTranslation(['income', 'case']);
  return (
    <table className="cp-table" aria-label={t('computation.tableLabel')}>
      <thead>
        <tr>
          <th scope="col">{t('computation.member')}</th>
          <th scope="col">{t('computation.source')}</th>
          <th scope="col">{t('computation.period')}</th>
          <th scope="col">{t('computation.amount')}</th>
          <th scope="col">{t('computation.counted')}</th>
        </tr>
      </thead>
      <tbody>
        {c.members.flatMap((m) => {
          const who = `${memberName(m)} (${
            m.role === 'applicant' ? t('computation.applicant') : t(`case:relations.${m.role}`)
          })`;
          const rows = m.lines.map((l, i) => (
            <tr key={`${m.index}-${i}`}>
              <td>{i === 0 ? who : ''}</td>
              <td>{l.income.source}</td>
              <td className="cp-nowrap">
                {formatDate(l.income.periodFrom)}–{formatDate(l.income.periodTo)}
              </td>
              <td className="cp-nowrap">{money(l.income.amountTiyn, lang)}</td>
              <td>{l.excluded ? t(`computation.excluded.${l.excluded}`) : t('computation.yes')}</td>
            </tr>
          ));
          if (m.lines.length === 0) {
            rows.push(
              <tr key={`${m.index}-none`}>
                <td>{who}</td>
                <td colSpan={4}>{t('computation.noIncome')}</td>
              </tr>,
            );
          } else {
            rows.push(
              <tr key={`${m.index}-sum`}>
                <td />
                <td colSpan={2}>{t('computation.memberSum')}</td>
                <td className="cp-nowrap">{money(m.countedTiyn, lang)}</td>
                <td />
              </tr>,
            );
          }
          return rows;
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            {t('computation.total')}
          </th>
          <td className="cp-nowrap">{money(c.totalIncomeTiyn, lang)}</td>
          <td />
        </tr>
        <tr>
          <th scope="row" colSpan={3}>
            {t('computation.months')}
          </th>
          <td>{c.months}</td>
          <td />
        </tr>
        <tr>
          <th scope="row" colSpan={3}>
            {t('computation.familySize')}
          </th>
          <td>{c.familySize}</td>
          <td />
        </tr>
        <tr>
          <th scope="row" colSpan={3}>
            {t('computation.perCapita')}
          </th>
          <td className="cp-nowrap">
            <strong>{money(c.perCapitaIncomeTiyn, lang)}</strong>
          </td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

/** The computation as the form shows it: the table, the formula with its numbers, the rounding. */
export function IncomeArithmetic({ c, lang }: { c: PerCapitaIncome; lang: Language }) {
  const { t } = useTranslation('income');
  return (
    <>
      <ArithmeticTable c={c} lang={lang} />
      <p>
        {t('computation.formula', {
          total: money(c.totalIncomeTiyn, lang),
          months: c.months,
          size: c.familySize,
          result: money(c.perCapitaIncomeTiyn, lang),
        })}
      </p>
      <p className="cp-hint">{t('computation.rounding')}</p>
      {c.members.some((m) => m.lines.some((l) => l.excluded)) && (
        <p role="note">{t('computation.someExcluded')}</p>
      )}
    </>
  );
}

/** The poverty line in force on `onDate` and whether the per-capita income exceeds it, or none. */
export function PovertyLineNote({
  comparison,
  onDate,
  lang,
}: {
  comparison: PovertyLineComparison;
  onDate: LocalDate;
  lang: Language;
}) {
  const { t } = useTranslation('income');
  if (comparison.kind === 'noFigure') {
    return <p role="note">{t('povertyLine.none', { date: formatDate(onDate) })}</p>;
  }
  return (
    <>
      <p>
        {t('povertyLine.inForce', {
          date: formatDate(onDate),
          amount: money(comparison.line.amountTiyn, lang),
          from: formatDate(comparison.line.from),
          source: comparison.line.source,
        })}
      </p>
      <p role="status">
        <strong>
          {comparison.exceeds ? t('povertyLine.exceeds') : t('povertyLine.notExceeds')}
        </strong>
      </p>
    </>
  );
}

/**
 * The per-capita income of the family (003:35-36) over an accounting period, with its arithmetic,
 * against the poverty line in force; saved as IncomeComputed with the numbers shown.
 */
export function IncomeComputedForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('income');
  const { db, clock } = useDesk();
  const lang = useAppSelector((s) => s.preferences.language);
  const figures = useLive(() => deskIncomeFigures(db), [db]);
  const today = clock.today();
  const application = state.application;
  const onDate = comparisonDate(state, today);
  const start = application ? defaultIncomePeriod(application, onDate) : null;
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const form = useDraftForm<IncomeValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: {
      periodFrom: start ? dateInputOf(start.periodFrom) : '',
      periodTo: start ? dateInputOf(start.periodTo) : '',
    },
    resolver: payloadResolver('IncomeComputed', (v: IncomeValues) =>
      buildIncome(v, application, today),
    ),
  });
  const errors = shownErrors(form.formState);
  const typed = useWatch({ control: form.control }) as Partial<IncomeValues>;
  const built = buildIncome(
    { periodFrom: typed.periodFrom ?? '', periodTo: typed.periodTo ?? '' },
    application,
    today,
  );
  const c = built.computation;
  const comparison =
    c && figures !== undefined
      ? compareWithPovertyLine(figures, c.perCapitaIncomeTiyn, onDate)
      : null;
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('IncomeComputed', buildIncome(values, application, today).payload);
  });
  return (
    <ActionForm
      title={t('computation.title')}
      intro={<p>{t('computation.intro')}</p>}
      submitLabel={t('computation.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      {application === null ? (
        <p role="alert" className="cp-error">
          {t('errors.noApplication')}
        </p>
      ) : (
        <>
          <div className="cp-row">
            <DateInput
              label={t('computation.periodFrom')}
              registration={form.register('periodFrom')}
              errors={errors}
            />
            <DateInput
              label={t('computation.periodTo')}
              registration={form.register('periodTo')}
              errors={errors}
              hint={t('computation.periodHint')}
            />
          </div>
          {c && <IncomeArithmetic c={c} lang={lang} />}
          {comparison && <PovertyLineNote comparison={comparison} onDate={onDate} lang={lang} />}
        </>
      )}
    </ActionForm>
  );
}
