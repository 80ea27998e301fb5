// The hearing before a refusal on the district desk (seed 003:38-47, APPK art. 73): the preliminary
// refusal notice with the invitation to the hearing, the day it was received, the applicant's
// objection, the hearing protocol, the day the applicant read it, and the remarks on it. One form per
// event; each build function turns what was typed into the event's payload and says, by field, what is
// wrong. The windows are the shared ones (shared/deadlines/hearing.ts); the store checks them again.
import { useWatch, type FieldErrors, type UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  HEARING_MODES,
  OBJECTION_FORMS,
  rejection,
  type HearingState,
} from '../../../../../shared/case';
import type { WorkingCalendar } from '../../../../../shared/calendar';
import { localized, type ServiceDefinition } from '../../../../../shared/catalog';
import {
  checkObjectionDate,
  checkRemarksDate,
  objectionDeadline,
  remarksDeadline,
  type WindowFilingCheck,
} from '../../../../../shared/deadlines';
import { caseDateLimits, checkDateInput, type DateLimits } from '../../../../../shared/input';
import { caseService } from '../../../../../shared/schedule';
import {
  formatDate,
  formatDateTime,
  isLocalTime,
  joinDateTime,
  type LocalDate,
} from '../../../../../shared/time';
import { useDesk } from '../../../app/desk-context';
import { useAppSelector } from '../../../app/hooks';
import { useDraftForm } from '../../session';
import { compact, type ActionProps } from './action-props';
import { dateField } from './decision-fields';
import {
  ActionForm,
  Choice,
  DateInput,
  TextArea,
  TextInput,
  WHEN_TO_VALIDATE,
  dateInputOf,
  optional,
  payloadResolver,
  shownErrors,
  useEventSubmit,
  type Built,
} from './form-kit';

/** The code of a ground typed by hand where the rule-set's catalog names no list of grounds. */
export const UNLISTED_GROUND = 'unlisted';

export const HEARING_MESSAGES = {
  groundsRequired: 'casePage:hearing.errors.groundsRequired',
  receiptRequired: 'casePage:hearing.errors.receiptRequired',
  timeFormat: 'casePage:hearing.errors.timeFormat',
  hearingBeforeNotice: 'casePage:hearing.errors.hearingBeforeNotice',
  beforeNotice: 'casePage:hearing.errors.beforeNotice',
  beforeProtocol: 'casePage:hearing.errors.beforeProtocol',
  beforeAnchor: 'calendar:deadlines.hearing.beforeAnchor',
  receiptBeforeNotice: rejection('noticeReceiptBeforeNotice'),
} as const;

/** A checkbox group's value as react-hook-form gives it: a list, one value, or false for none. */
export function checkedValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A required date not before `anchor` (the notice, the protocol…), with that anchor's message. */
function dateFrom(
  text: string,
  field: string,
  errors: Record<string, string>,
  limits: DateLimits,
  anchor: { readonly date: LocalDate; readonly message: string } | null,
): string | undefined {
  const date = dateField(text, field, errors, true, limits);
  if (date !== undefined && !errors[field] && anchor !== null && date < anchor.date) {
    errors[field] = anchor.message;
  }
  return date;
}

/** '9:30', '09:30' or '09.30' → '09:30'; null for anything else. */
export function readTimeText(text: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const time = `${(m[1] ?? '').padStart(2, '0')}:${m[2] ?? ''}`;
  return isLocalTime(time) ? time : null;
}

/** Dates of the hearing acts: not in the future, not before the case (caseDateLimits). */
type Limits = DateLimits;

// ---- the preliminary refusal notice and the invitation to the hearing (R-HEAR-1, R-HEAR-2) ----------

export type ReceiptWay = '' | 'sameDay' | 'otherDay' | 'notYet';

export interface NoticeValues {
  groundCodes: string[];
  otherGround: string;
  noticeDate: string;
  /** sameDay: handed over, by SMS or the portal on the notice date; notYet: by post, recorded later. */
  receipt: ReceiptWay;
  receivedOn: string;
  hearingDate: string;
  hearingTime: string;
  mode: string;
  details: string;
}

/** The grounds the notice may name: the rule-set's list (catalog refusalGrounds), in one language. */
export interface GroundOption {
  readonly code: string;
  readonly text: string;
}

export function groundOptions(
  service: Pick<ServiceDefinition, 'refusalGrounds'> | null,
  lang: 'kk' | 'ru',
): GroundOption[] {
  const grounds = service?.refusalGrounds;
  if (grounds?.kind !== 'list') return [];
  return grounds.grounds.map((g) => ({ code: g.id, text: localized(g.text, lang) }));
}

const NOTICE_FIELD_OF: Readonly<Record<string, string>> = {
  grounds: 'groundCodes',
  noticeDate: 'noticeDate',
  receivedOn: 'receivedOn',
  // The moment is built only from a valid date and time; otherwise one of them carries the error.
  hearing: 'hearingAt',
  'hearing.at': 'hearingAt',
  'hearing.mode': 'mode',
  'hearing.details': 'details',
};

/** The form field of a path of the notice's payload. */
export const noticeFieldOf = (path: string): string => NOTICE_FIELD_OF[path] ?? path;

export function buildNotice(
  v: NoticeValues,
  limits: Limits,
  options: readonly GroundOption[],
  today: LocalDate,
): Built {
  const errors: Record<string, string> = {};
  const chosen = checkedValues(v.groundCodes);
  const grounds = options
    .filter((o) => chosen.includes(o.code))
    .map((o) => ({ code: o.code, text: o.text }));
  if (options.length === 0 && v.otherGround.trim() !== '') {
    grounds.push({ code: UNLISTED_GROUND, text: v.otherGround });
  }
  if (grounds.length === 0) {
    errors[options.length === 0 ? 'otherGround' : 'groundCodes'] = HEARING_MESSAGES.groundsRequired;
  }
  const noticeDate = dateField(v.noticeDate, 'noticeDate', errors, true, limits);
  const noticeOk = noticeDate !== undefined && !errors['noticeDate'];
  let receivedOn: string | undefined;
  switch (v.receipt) {
    case 'sameDay':
      receivedOn = noticeDate;
      break;
    case 'otherDay':
      receivedOn = dateFrom(
        v.receivedOn,
        'receivedOn',
        errors,
        { notAfter: today },
        noticeOk ? { date: noticeDate, message: HEARING_MESSAGES.receiptBeforeNotice } : null,
      );
      break;
    case 'notYet':
      receivedOn = undefined;
      break;
    case '':
      errors['receipt'] = HEARING_MESSAGES.receiptRequired;
  }
  // The hearing is set ahead: its date has no "not in the future" limit, only "not before the notice".
  const hearingDate = dateFrom(
    v.hearingDate,
    'hearingDate',
    errors,
    {},
    noticeOk ? { date: noticeDate, message: HEARING_MESSAGES.hearingBeforeNotice } : null,
  );
  const time = readTimeText(v.hearingTime);
  if (time === null) errors['hearingTime'] = HEARING_MESSAGES.timeFormat;
  const at =
    hearingDate !== undefined && !errors['hearingDate'] && time !== null
      ? joinDateTime(hearingDate, time)
      : undefined;
  return {
    payload: compact({
      grounds,
      noticeDate,
      receivedOn,
      hearing: compact({
        at,
        // R-HEAR-2: no default; a notice without a mode is refused by the schema (modeRequired).
        mode: v.mode === '' ? undefined : v.mode,
        details: optional(v.details),
      }),
    }),
    errors,
  };
}

/** Checkboxes of a list of codes (react-hook-form collects the checked ones). */
export function CodeChecks({
  legend,
  registration,
  errors,
  options,
  hint,
}: {
  legend: string;
  registration: UseFormRegisterReturn;
  errors: FieldErrors;
  options: readonly GroundOption[];
  hint?: string;
}) {
  const { t } = useTranslation();
  const error = errors[registration.name]?.message;
  return (
    <fieldset className="cp-choice cp-checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.code}>
          <input type="checkbox" value={o.code} {...registration} /> {o.text}
        </label>
      ))}
      {hint && <div className="cp-hint">{hint}</div>}
      {typeof error === 'string' && error !== '' && (
        <p className="cp-error" role="alert">
          {t(error)}
        </p>
      )}
    </fieldset>
  );
}

/** The preliminary decision to refuse, with the grounds and the invitation to the hearing (app. 1-1). */
export function PreliminaryRefusalNoticedForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock } = useDesk();
  const lang = useAppSelector((s) => s.preferences.language);
  const today = clock.today();
  const limits = caseDateLimits(state, today);
  const options = groundOptions(caseService(state), lang);
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const build = (v: NoticeValues) => buildNotice(v, limits, options, today);
  const form = useDraftForm<NoticeValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: {
      groundCodes: [],
      otherGround: '',
      noticeDate: dateInputOf(today),
      receipt: '',
      receivedOn: '',
      hearingDate: '',
      hearingTime: '',
      mode: '',
      details: '',
    },
    resolver: payloadResolver('PreliminaryRefusalNoticed', build, noticeFieldOf),
  });
  const errors = shownErrors(form.formState);
  const receipt = useWatch({ control: form.control, name: 'receipt' });
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('PreliminaryRefusalNoticed', build(values).payload);
  });
  return (
    <ActionForm
      title={t('actions.PreliminaryRefusalNoticed')}
      intro={<p>{t('hearing.notice.intro')}</p>}
      submitLabel={t('hearing.notice.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      {options.length > 0 ? (
        <CodeChecks
          legend={t('hearing.notice.grounds')}
          registration={form.register('groundCodes')}
          errors={errors}
          options={options}
        />
      ) : (
        <TextArea
          label={t('hearing.notice.otherGround')}
          registration={form.register('otherGround')}
          errors={errors}
          hint={t('hearing.notice.otherGroundHint')}
        />
      )}
      <DateInput
        label={t('hearing.notice.noticeDate')}
        registration={form.register('noticeDate')}
        errors={errors}
      />
      <Choice
        legend={t('hearing.notice.receipt')}
        registration={form.register('receipt')}
        errors={errors}
        options={(['sameDay', 'otherDay', 'notYet'] as const).map((w) => ({
          value: w,
          label: t(`hearing.notice.receiptWays.${w}`),
        }))}
      />
      {receipt === 'otherDay' && (
        <DateInput
          label={t('hearing.notice.receivedOn')}
          registration={form.register('receivedOn')}
          errors={errors}
        />
      )}
      {receipt === 'notYet' && <p className="cp-note">{t('hearing.notice.receiptLater')}</p>}
      <div className="cp-row">
        <DateInput
          label={t('hearing.notice.hearingDate')}
          registration={form.register('hearingDate')}
          errors={errors}
        />
        <TextInput
          label={t('hearing.notice.hearingTime')}
          registration={form.register('hearingTime')}
          errors={errors}
          inputMode="numeric"
          placeholder={t('hearing.notice.timePlaceholder')}
        />
      </div>
      <Choice
        legend={t('hearing.notice.mode')}
        registration={form.register('mode')}
        errors={errors}
        options={HEARING_MODES.map((m) => ({ value: m, label: t(`case:hearingModes.${m}`) }))}
      />
      <TextArea
        label={t('hearing.notice.details')}
        registration={form.register('details')}
        errors={errors}
        hint={t('hearing.notice.detailsHint')}
      />
    </ActionForm>
  );
}

// ---- the day a notice sent by post was received (R-HEAR-3) -------------------------------------------

export function buildNoticeReceived(
  v: { receivedOn: string },
  hearing: HearingState | null,
  today: LocalDate,
): Built {
  const errors: Record<string, string> = {};
  const noticeDate = hearing?.notice.noticeDate;
  const receivedOn = dateFrom(
    v.receivedOn,
    'receivedOn',
    errors,
    { notAfter: today },
    noticeDate ? { date: noticeDate, message: HEARING_MESSAGES.receiptBeforeNotice } : null,
  );
  return { payload: compact({ receivedOn }), errors };
}

export function RefusalNoticeReceivedForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock } = useDesk();
  const today = clock.today();
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const build = (v: { receivedOn: string }) => buildNoticeReceived(v, state.hearing, today);
  const form = useDraftForm<{ receivedOn: string }>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { receivedOn: dateInputOf(today) },
    resolver: payloadResolver('RefusalNoticeReceived', build),
  });
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('RefusalNoticeReceived', build(values).payload);
  });
  const notice = state.hearing?.notice;
  return (
    <ActionForm
      title={t('actions.RefusalNoticeReceived')}
      intro={
        <p>
          {notice
            ? t('hearing.received.intro', { date: formatDate(notice.noticeDate) })
            : t('hearing.received.introNoDate')}
        </p>
      }
      submitLabel={t('hearing.received.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <DateInput
        label={t('hearing.received.receivedOn')}
        registration={form.register('receivedOn')}
        errors={shownErrors(form.formState)}
      />
    </ActionForm>
  );
}

// ---- the objection (R-HEAR-3, R-HEAR-4) ---------------------------------------------------------------

export interface ObjectionValues {
  form: string;
  date: string;
  summary: string;
}

/** What the objection window counts from: the receipt of the notice, or the notice while it is unknown. */
function objectionAnchor(hearing: HearingState | null): LocalDate | null {
  return hearing ? (hearing.noticeReceivedOn ?? hearing.notice.noticeDate) : null;
}

export function buildObjection(
  v: ObjectionValues,
  hearing: HearingState | null,
  limits: Limits,
): Built {
  const errors: Record<string, string> = {};
  const anchor = objectionAnchor(hearing);
  const date = dateFrom(
    v.date,
    'date',
    errors,
    limits,
    anchor ? { date: anchor, message: HEARING_MESSAGES.beforeAnchor } : null,
  );
  return {
    payload: compact({
      form: v.form === '' ? undefined : v.form,
      date,
      summary: optional(v.summary),
    }),
    errors,
  };
}

/**
 * An objection typed for this hearing against its window (R-HEAR-3): late is kept and flagged, never
 * refused; null while the date is not a date or the receipt of the notice is unknown.
 */
export function objectionWindowCheck(
  hearing: HearingState | null,
  dateText: string,
  calendar: WorkingCalendar,
): WindowFilingCheck | null {
  const received = hearing?.noticeReceivedOn ?? null;
  const typed = checkDateInput(dateText);
  if (received === null || !typed.ok || typed.date === null) return null;
  return checkObjectionDate(received, typed.date, calendar);
}

/** A late filing's flag, said with the window's last day. */
function LateNote({ check }: { check: WindowFilingCheck | null }) {
  const { t } = useTranslation('casePage');
  if (check === null || !check.ok || !check.late) return null;
  return (
    <p className="cp-note cp-late" role="status">
      {t(check.messageKey, { date: formatDate(check.deadline) })}
    </p>
  );
}

export function ObjectionFiledForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock, calendar } = useDesk();
  const today = clock.today();
  const limits = caseDateLimits(state, today);
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const build = (v: ObjectionValues) => buildObjection(v, state.hearing, limits);
  const form = useDraftForm<ObjectionValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { form: '', date: dateInputOf(today), summary: '' },
    resolver: payloadResolver('ObjectionFiled', build),
  });
  const errors = shownErrors(form.formState);
  const [way, dateText] = useWatch({ control: form.control, name: ['form', 'date'] });
  const received = state.hearing?.noticeReceivedOn ?? null;
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('ObjectionFiled', build(values).payload);
  });
  return (
    <ActionForm
      title={t('actions.ObjectionFiled')}
      intro={
        <p>
          {received
            ? t('hearing.objection.window', {
                received: formatDate(received),
                date: formatDate(objectionDeadline(received, calendar)),
              })
            : t('hearing.objection.receiptUnknown')}
        </p>
      }
      submitLabel={t('hearing.objection.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <Choice
        legend={t('hearing.objection.form')}
        registration={form.register('form')}
        errors={errors}
        options={OBJECTION_FORMS.map((f) => ({ value: f, label: t(`case:objectionForms.${f}`) }))}
      />
      {way === 'oral' && (
        <p className="cp-note" role="status">
          {t('hearing.objection.oralNeedsProtocol')}
        </p>
      )}
      <DateInput
        label={t('hearing.objection.date')}
        registration={form.register('date')}
        errors={errors}
      />
      <LateNote check={objectionWindowCheck(state.hearing, dateText, calendar)} />
      <TextArea
        label={t('hearing.objection.summary')}
        registration={form.register('summary')}
        errors={errors}
      />
    </ActionForm>
  );
}

// ---- the hearing protocol (R-HEAR-4) ------------------------------------------------------------------

export interface ProtocolValues {
  date: string;
  number: string;
  summary: string;
}

export function buildProtocol(
  v: ProtocolValues,
  hearing: HearingState | null,
  limits: Limits,
): Built {
  const errors: Record<string, string> = {};
  const noticeDate = hearing?.notice.noticeDate;
  const date = dateFrom(
    v.date,
    'date',
    errors,
    limits,
    noticeDate ? { date: noticeDate, message: HEARING_MESSAGES.beforeNotice } : null,
  );
  return {
    payload: compact({ date, number: optional(v.number), summary: v.summary }),
    errors,
  };
}

export function HearingProtocolRecordedForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock } = useDesk();
  const today = clock.today();
  const limits = caseDateLimits(state, today);
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const build = (v: ProtocolValues) => buildProtocol(v, state.hearing, limits);
  const form = useDraftForm<ProtocolValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { date: dateInputOf(today), number: '', summary: '' },
    resolver: payloadResolver('HearingProtocolRecorded', build),
  });
  const errors = shownErrors(form.formState);
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('HearingProtocolRecorded', build(values).payload);
  });
  const hearing = state.hearing;
  return (
    <ActionForm
      title={t('actions.HearingProtocolRecorded')}
      intro={
        <>
          {hearing && (
            <p>
              {t('hearing.protocol.intro', {
                at: formatDateTime(hearing.notice.hearing.at),
                mode: t(`case:hearingModes.${hearing.notice.hearing.mode}`),
              })}
            </p>
          )}
          {hearing?.objection?.form === 'oral' && (
            <p className="cp-note">
              {t('hearing.protocol.oral', { date: formatDate(hearing.objection.date) })}
            </p>
          )}
        </>
      }
      submitLabel={t('hearing.protocol.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <div className="cp-row">
        <DateInput
          label={t('hearing.protocol.date')}
          registration={form.register('date')}
          errors={errors}
        />
        <TextInput
          label={t('hearing.protocol.number')}
          registration={form.register('number')}
          errors={errors}
        />
      </div>
      <TextArea
        label={t('hearing.protocol.summary')}
        registration={form.register('summary')}
        errors={errors}
        hint={t('hearing.protocol.summaryHint')}
      />
    </ActionForm>
  );
}

// ---- the applicant reads the protocol (R-HEAR-5) ------------------------------------------------------

export function buildFamiliarized(
  v: { date: string },
  hearing: HearingState | null,
  limits: Limits,
): Built {
  const errors: Record<string, string> = {};
  const protocolDate = hearing?.protocol?.date;
  const date = dateFrom(
    v.date,
    'date',
    errors,
    limits,
    protocolDate ? { date: protocolDate, message: HEARING_MESSAGES.beforeProtocol } : null,
  );
  return { payload: compact({ date }), errors };
}

export function ProtocolFamiliarizedForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock } = useDesk();
  const today = clock.today();
  const limits = caseDateLimits(state, today);
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const build = (v: { date: string }) => buildFamiliarized(v, state.hearing, limits);
  const form = useDraftForm<{ date: string }>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { date: dateInputOf(today) },
    resolver: payloadResolver('ProtocolFamiliarized', build),
  });
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('ProtocolFamiliarized', build(values).payload);
  });
  return (
    <ActionForm
      title={t('actions.ProtocolFamiliarized')}
      intro={<p>{t('hearing.familiarized.intro')}</p>}
      submitLabel={t('hearing.familiarized.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <DateInput
        label={t('hearing.familiarized.date')}
        registration={form.register('date')}
        errors={shownErrors(form.formState)}
      />
    </ActionForm>
  );
}

// ---- the remarks on the protocol (R-HEAR-5, R-HEAR-6) -------------------------------------------------

export interface RemarksValues {
  date: string;
  text: string;
}

export function buildRemarks(
  v: RemarksValues,
  hearing: HearingState | null,
  limits: Limits,
): Built {
  const errors: Record<string, string> = {};
  const read = hearing?.familiarizedOn ?? null;
  const date = dateFrom(
    v.date,
    'date',
    errors,
    limits,
    read ? { date: read, message: HEARING_MESSAGES.beforeAnchor } : null,
  );
  return { payload: compact({ date, text: v.text }), errors };
}

/** Remarks typed for this hearing against their window (R-HEAR-5): late is kept and flagged. */
export function remarksWindowCheck(
  hearing: HearingState | null,
  dateText: string,
  calendar: WorkingCalendar,
): WindowFilingCheck | null {
  const read = hearing?.familiarizedOn ?? null;
  const typed = checkDateInput(dateText);
  if (read === null || !typed.ok || typed.date === null) return null;
  return checkRemarksDate(read, typed.date, calendar);
}

export function RemarksFiledForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('casePage');
  const { clock, calendar } = useDesk();
  const today = clock.today();
  const limits = caseDateLimits(state, today);
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const build = (v: RemarksValues) => buildRemarks(v, state.hearing, limits);
  const form = useDraftForm<RemarksValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { date: dateInputOf(today), text: '' },
    resolver: payloadResolver('RemarksFiled', build),
  });
  const errors = shownErrors(form.formState);
  const dateText = useWatch({ control: form.control, name: 'date' });
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('RemarksFiled', build(values).payload);
  });
  const read = state.hearing?.familiarizedOn ?? null;
  return (
    <ActionForm
      title={t('actions.RemarksFiled')}
      intro={
        read && (
          <p>
            {t('hearing.remarks.window', {
              read: formatDate(read),
              date: formatDate(remarksDeadline(read, calendar)),
            })}
          </p>
        )
      }
      submitLabel={t('hearing.remarks.submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <DateInput
        label={t('hearing.remarks.date')}
        registration={form.register('date')}
        errors={errors}
      />
      <LateNote check={remarksWindowCheck(state.hearing, dateText, calendar)} />
      <TextArea
        label={t('hearing.remarks.text')}
        registration={form.register('text')}
        errors={errors}
      />
    </ActionForm>
  );
}
