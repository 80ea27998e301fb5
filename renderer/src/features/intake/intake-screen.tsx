import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { intakeTimeWarning, CalendarDataMissingError } from '../../../../shared/calendar';
import { partialIinHint, validateKzMobile } from '../../../../shared/identity';
import type { LocalDate, LocalDateTime } from '../../../../shared/time';
import { intakeRouteOf, outsideIntakeWindow } from '../../../../shared/intake';
import { OFFICE_ROLE_POLICY } from '../../../../shared/office';
import type { RouteKind } from '../../../../shared/catalog';
import { useDesk } from '../../app/desk-context';
import { useAppSelector } from '../../app/hooks';
import { printPath } from '../../app/paths';
import {
  attachmentProblem,
  attemptWrite,
  blobSha256,
  personHistory,
  registrationBlock,
  NUMBERING_HELD,
  numberingHold,
  submitIntake,
  useLive,
  type PersonRow,
} from '../../db';
import type { DeskClock } from '../../platform';
import { NumberingHoldNotice } from '../backup';
import { useActContext, useKeepOnLeave, useTakenDraft, type DraftScope } from '../session';
import { quarterLabel } from '../tsa-register';
import { ApplicantSection } from './applicant-section';
import { AttachmentsSection, megabytes, type PendingAttachment } from './attachments-section';
import { moveToNextField } from './enter-moves-on';
import { ConsentsSection } from './consents-section';
import { DocumentsSection } from './documents-section';
import { FamilySection } from './family-section';
import {
  checkIntake,
  emptyIntake,
  intakeMode,
  intakeNotes,
  packageGaps,
  serviceNeeds,
  type FieldErrors as FlatErrors,
  type IntakeFormValues,
} from './intake-model';
import { RepresentativeSection } from './representative-section';
import {
  elsewhereFor,
  officeHoursOf,
  planFor,
  serviceChoices,
  type ServiceChoices,
} from './service-choices';
import { checkScanContent } from './scan-check';
import { ServiceSection } from './service-section';
import { SubmitSection } from './submit-section';
import './intake.css';

interface ResolverContext {
  readonly choices: ServiceChoices;
  readonly today: LocalDate;
  readonly route: RouteKind;
}

/** react-hook-form's nested error shape from the model's flat "path → message key" map. */
function nestErrors(flat: FlatErrors): FieldErrors<IntakeFormValues> {
  const root: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(flat)) {
    const parts = path.split('.');
    const last = parts.pop() ?? path;
    let node = root;
    for (const part of parts) {
      const next = (node[part] ??= {}) as Record<string, unknown>;
      node = next;
    }
    node[last] = { type: 'validate', message };
  }
  return root as FieldErrors<IntakeFormValues>;
}

const intakeResolver: Resolver<IntakeFormValues, ResolverContext> = (values, context) => {
  const service =
    context?.choices.registrable.find((c) => c.service.id === values.serviceId)?.service ?? null;
  const result = checkIntake(values, {
    service,
    today: context?.today ?? '',
    route: context?.route ?? intakeRouteOf('akimat'),
  });
  return result.ok ? { values, errors: {} } : { values: {}, errors: nestErrors(result.errors) };
};

function countErrors(node: unknown): number {
  if (node === null || typeof node !== 'object') return 0;
  if ('message' in node && typeof node.message === 'string') return 1;
  return Object.values(node).reduce<number>((n, child) => n + countErrors(child), 0);
}

/** The office wall clock, re-read every 15 seconds so the receipt time and the plan stay current. */
function useOfficeNow(clock: DeskClock): LocalDateTime {
  const [now, setNow] = useState(() => clock.nowLocal());
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.nowLocal()), 15_000);
    return () => clearInterval(timer);
  }, [clock]);
  return now;
}

const KNOWN_FIELDS = ['lastName', 'firstName', 'patronymic', 'address'] as const;

function displayPhone(e164: string | undefined): string {
  if (!e164) return '';
  const phone = validateKzMobile(e164);
  return phone.ok ? phone.display : e164;
}

function differsFromKnown(applicant: IntakeFormValues['applicant'], person: PersonRow): boolean {
  const typedPhone = validateKzMobile(applicant.phone);
  const phone = typedPhone.ok ? typedPhone.e164 : applicant.phone.trim();
  return (
    KNOWN_FIELDS.some((f) => applicant[f].trim() !== (person[f] ?? '')) ||
    phone !== (person.phone ?? '') ||
    applicant.inMobileCitizensDb !== person.inMobileCitizensDb
  );
}

/** What a quick user switch leaves behind on the intake, kept for the same user (session drafts). */
interface IntakeDraft {
  readonly values: IntakeFormValues;
  readonly files: readonly Omit<PendingAttachment, 'url'>[];
}
const DRAFT_SCOPE: DraftScope = { key: 'intake', what: 'session:switch.intakeWork' };

/**
 * /intake: the specialist receives an application: at an akimat on the akim's route, at the district
 * department (district mode) on its own route, the same screen and command (issue 9 §9). A complete package is registered and its talon
 * printed; an incomplete one (or one with an expired paper) gets the 2-1 receipt and the case is
 * recorded as not accepted (R-REG-6). Everything the print views need is in the saved event.
 */
export function IntakeScreen() {
  const { t } = useTranslation('intake');
  const language = useAppSelector((s) => s.preferences.language);
  const user = useAppSelector((s) => s.session.user);
  const { db, clock, office, calendar } = useDesk();
  const makeAct = useActContext();
  const navigate = useNavigate();

  const hours = useMemo(() => officeHoursOf(office), [office]);
  // The office's kind decides the catalog route: its checklist, its term, its case route. Without a
  // profile nothing is saved (blocked below); the akimat's route is only what the form shows meanwhile.
  const officeKind = office?.kind ?? 'akimat';
  const route = intakeRouteOf(officeKind);
  const now = useOfficeNow(clock);
  const today = now.slice(0, 10);
  const choices = useMemo(
    () => serviceChoices(now, calendar, hours.working, route),
    [now, calendar, hours, route],
  );

  // A draft this user left here before a quick user switch comes back (and only to them).
  const taken = useTakenDraft<IntakeDraft>(DRAFT_SCOPE);
  const { draft, restored } = taken;

  // Errors after leaving a field or submitting; then as the person types, so a fixed error goes.
  const methods = useForm<IntakeFormValues, ResolverContext>({
    defaultValues: draft?.values ?? emptyIntake(language),
    mode: 'onTouched',
    reValidateMode: 'onChange',
    resolver: intakeResolver,
    context: { choices, today, route },
  });
  const { control, getValues, setValue, handleSubmit, formState, reset } = methods;

  // ---- service ----
  const serviceId = useWatch({ control, name: 'serviceId' });
  const selected =
    [...choices.registrable, ...choices.elsewhere].find((c) => c.service.id === serviceId) ?? null;
  const registrable = selected?.plan.ok ? selected : null;
  const needs = useMemo(
    () => (registrable ? serviceNeeds(registrable.service, route) : null),
    [registrable, route],
  );
  const elsewhere = useMemo(
    () => (selected && !selected.plan.ok ? elsewhereFor(selected.service.id, now, route) : null),
    [selected, now, route],
  );
  // Another service has another checklist: the marks made for the previous one do not carry over.
  const previousService = useRef(serviceId);
  useEffect(() => {
    if (previousService.current === serviceId) return;
    previousService.current = serviceId;
    setValue('documents', {});
  }, [serviceId, setValue]);

  // ---- applicant: IIN and the person known from earlier cases ----
  const applicant = useWatch({ control, name: 'applicant' });
  const iinHint = partialIinHint(applicant.iin);
  const validIin = iinHint.kind === 'complete' ? iinHint.result.iin : null;
  const known = useLive(
    () => (validIin ? personHistory(db, validIin) : Promise.resolve(undefined)),
    [db, validIin],
  );
  const knownPerson = known && known.person.iin === validIin ? known : undefined;
  // What was filled in automatically, so that a corrected IIN replaces it (but not what was typed).
  const autoFilled = useRef<{ iin: string; values: Partial<IntakeFormValues['applicant']> } | null>(
    null,
  );
  useEffect(() => {
    if (!knownPerson || autoFilled.current?.iin === knownPerson.person.iin) return;
    const p = knownPerson.person;
    const current = getValues('applicant');
    const before = autoFilled.current?.values ?? {};
    // A field is filled only when empty or as filled before, and never the one the specialist is in:
    // the known person is read after the IIN (later on a slow laptop), and a value landing in the
    // field they have started typing into would run into what they type.
    const focused = document.activeElement?.getAttribute('name');
    const untouched = (f: keyof IntakeFormValues['applicant']) =>
      (current[f] === '' || current[f] === before[f]) && focused !== `applicant.${f}`;
    const filled: Partial<IntakeFormValues['applicant']> = {};
    for (const f of KNOWN_FIELDS) {
      const value = p[f] ?? '';
      if (untouched(f) && (value !== '' || before[f] !== undefined)) {
        setValue(`applicant.${f}`, value);
        filled[f] = value;
      }
    }
    if (untouched('phone') && (p.phone || before.phone !== undefined)) {
      const phone = displayPhone(p.phone);
      setValue('applicant.phone', phone);
      setValue('applicant.inMobileCitizensDb', p.inMobileCitizensDb);
      filled.phone = phone;
    }
    autoFilled.current = { iin: p.iin, values: filled };
  }, [knownPerson, getValues, setValue]);
  const fillFromKnown = useCallback(() => {
    if (!knownPerson) return;
    const p = knownPerson.person;
    const options = { shouldDirty: true, shouldValidate: true } as const;
    for (const f of KNOWN_FIELDS) setValue(`applicant.${f}`, p[f] ?? '', options);
    setValue('applicant.phone', displayPhone(p.phone), options);
    setValue('applicant.inMobileCitizensDb', p.inMobileCitizensDb, options);
  }, [knownPerson, setValue]);

  // ---- documents ----
  const documents = useWatch({ control, name: 'documents' });
  const mode = needs ? intakeMode(documents, needs.documents) : 'register';
  const gaps = needs
    ? packageGaps(documents, needs.documents).map((doc) => ({
        doc,
        state: documents[doc.id] ?? '',
      }))
    : [];
  const markRequiredPresented = useCallback(() => {
    for (const doc of needs?.documents ?? []) {
      if (doc.requirement === 'required' && (getValues(`documents.${doc.id}`) ?? '') === '') {
        setValue(`documents.${doc.id}`, 'presented', { shouldValidate: formState.isSubmitted });
      }
    }
  }, [needs, getValues, setValue, formState.isSubmitted]);

  // ---- attachments ----
  const [attachments, setAttachments] = useState<PendingAttachment[]>(
    () => draft?.files.map((f) => ({ ...f, url: URL.createObjectURL(f.file) })) ?? [],
  );
  const [attachmentProblems, setAttachmentProblems] = useState<string[]>([]);
  const [previewing, setPreviewing] = useState<string | null>(null);
  const [hashing, setHashing] = useState(false);
  const attachmentsRef = useRef(attachments);
  useEffect(() => {
    attachmentsRef.current = attachments;
  }, [attachments]);
  useEffect(() => () => attachmentsRef.current.forEach((a) => URL.revokeObjectURL(a.url)), []);

  const addAttachments = useCallback(
    async (files: File[]) => {
      setHashing(true);
      const problems: string[] = [];
      const added: PendingAttachment[] = [];
      try {
        for (const file of files) {
          const problem = attachmentProblem(file);
          if (problem) {
            problems.push(t(problem, { name: file.name, size: megabytes(file.size, language) }));
            continue;
          }
          // By its content: a renamed or broken file does not open, whatever its name says.
          const content = await checkScanContent(file);
          if (!content.ok) {
            problems.push(t(content.message, { name: file.name }));
            continue;
          }
          const sha256 = await blobSha256(file);
          if (
            attachmentsRef.current.some((a) => a.sha256 === sha256) ||
            added.some((a) => a.sha256 === sha256)
          ) {
            problems.push(t('attachments.errors.duplicate', { name: file.name }));
            continue;
          }
          added.push({
            sha256,
            name: file.name,
            mime: content.mime,
            size: file.size,
            file,
            url: URL.createObjectURL(file),
          });
        }
      } finally {
        setHashing(false);
      }
      setAttachmentProblems(problems);
      if (added.length > 0) setAttachments((prev) => [...prev, ...added]);
    },
    [t, language],
  );
  const removeAttachment = useCallback(
    (sha256: string) => {
      setAttachments((prev) => {
        const gone = prev.find((a) => a.sha256 === sha256);
        if (gone) URL.revokeObjectURL(gone.url);
        return prev.filter((a) => a.sha256 !== sha256);
      });
      setPreviewing((p) => (p === sha256 ? null : p));
    },
    [setAttachments, setPreviewing],
  );

  // ---- time and plan ----
  let intakeWarning: string | null = null;
  try {
    intakeWarning = intakeTimeWarning(now, calendar, hours)?.messageKey ?? null;
  } catch (error) {
    if (!(error instanceof CalendarDataMissingError)) throw error;
  }
  const plan = registrable
    ? planFor(registrable.service.id, now, calendar, hours.working, route)
    : null;
  // 002:12: the certificate is not accepted outside its intake window; said as soon as it is chosen.
  const intakeClosed =
    registrable !== null && outsideIntakeWindow(registrable.service, now, calendar, route);

  // ---- what refuses a registration whatever is typed (the certificate without this quarter's TSA
  // list, 002:16): the command's own answer, asked as soon as the service is chosen ----
  const registrableId = registrable?.service.id ?? null;
  const block = useLive(
    () =>
      registrableId ? registrationBlock(db, registrableId, mode, today) : Promise.resolve(null),
    [db, registrableId, mode, today],
  );
  const blockText = block ? t(block.reason, { quarter: quarterLabel(t, block.quarter) }) : null;

  // ---- a draft kept over a quick user switch (session drafts, as every form's) ----
  const kept = useKeepOnLeave<IntakeDraft>(
    taken,
    formState.isDirty || attachments.length > 0,
    () => ({
      values: getValues(),
      files: attachmentsRef.current.map(({ url: _url, ...file }) => file),
    }),
  );
  const discardDraft = () => {
    reset(emptyIntake(language));
    attachments.forEach((a) => URL.revokeObjectURL(a.url));
    setAttachments([]);
    kept.dismiss();
  };

  // ---- saving ----
  const [submitting, setSubmitting] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  // A desk restored from a backup numbers nothing until it enrolled again (db numberingHold).
  const held = useLive(() => numberingHold(db), [db]);
  const blocked = held
    ? NUMBERING_HELD
    : user === null
      ? 'intake:submit.noUser'
      : office === null
        ? 'intake:submit.noOffice'
        : user.role !== OFFICE_ROLE_POLICY[office.kind].staff
          ? 'case:rejections.roleNotAllowed'
          : intakeClosed
            ? 'case:rejections.outsideIntakeHours'
            : null;

  const save = async (values: IntakeFormValues) => {
    setSaveError(null);
    const choice = choices.registrable.find((c) => c.service.id === values.serviceId);
    if (!choice || !makeAct || !office) return;
    const check = checkIntake(values, { service: choice.service, today: clock.today(), route });
    if (!check.ok) return;
    setSubmitting(true);
    try {
      // The receipt moment is the moment of saving (R-CAL-6): the command takes the act's time.
      const result = await attemptWrite(() =>
        submitIntake(
          db,
          { serviceId: choice.service.id, ...check.data },
          attachments.map((a) => ({ name: a.name, blob: a.file })),
          { officeCode: office.code, deviceNo: office.deviceNo },
          makeAct(),
        ),
      );
      if (!result.ok) {
        // What was typed and attached stays on the screen.
        setSaveError(
          t(result.reason, {
            ...('params' in result ? result.params : {}),
            ...('name' in result ? { name: result.name } : {}),
            ...('quarter' in result ? { quarter: quarterLabel(t, result.quarter) } : {}),
          }),
        );
        return;
      }
      kept.forget();
      const kind = result.mode === 'register' ? 'talon' : 'acceptance-refusal';
      navigate(printPath(kind, result.caseId, values.docLanguage));
    } finally {
      setSubmitting(false);
    }
  };

  const errorCount = formState.submitCount > 0 ? countErrors(formState.errors) : 0;
  const showRest = selected === null || registrable !== null;
  const familyMembers = useWatch({ control, name: 'familyMembers' });
  const notes = intakeNotes(
    { familyMembers },
    { service: registrable?.service ?? null, today, route },
  );

  return (
    <section className="screen intake-screen">
      <h1>{t('title')}</h1>
      <NumberingHoldNotice />
      <FormProvider {...methods}>
        <form
          noValidate
          onSubmit={handleSubmit(save)}
          onKeyDown={moveToNextField}
          className="intake-form"
        >
          {restored && (
            <div className="intake-notice" role="status">
              <p className="intake-notice-title">{t('session:switch.restored')}</p>
              <button type="button" className="intake-secondary" onClick={discardDraft}>
                {t('session:switch.discard')}
              </button>
            </div>
          )}
          <ServiceSection
            officeKind={officeKind}
            choices={choices}
            language={language}
            selected={selected}
            elsewhere={elsewhere}
            intakeClosed={intakeClosed}
          />
          {blockText && (
            <div className="intake-notice intake-notice-warn" role="alert">
              <p>{blockText}</p>
              <Link to="/tsa-register">{t('inputChecks:tsa.openRegister')}</Link>
            </div>
          )}
          {showRest && (
            <>
              <ApplicantSection
                iinHint={iinHint}
                known={knownPerson}
                knownDiffers={knownPerson ? differsFromKnown(applicant, knownPerson.person) : false}
                onFillFromKnown={fillFromKnown}
              />
              <RepresentativeSection
                service={registrable?.service ?? null}
                notarizedRequired={needs?.notarizedPowerOfAttorney ?? false}
                language={language}
              />
            </>
          )}
          {registrable && needs && plan && (
            <>
              <DocumentsSection
                documents={needs.documents}
                language={language}
                onMarkRequiredPresented={markRequiredPresented}
              />
              {mode === 'register' && (
                <ConsentsSection cited={needs.citedConsents} language={language} />
              )}
              {mode === 'register' && needs.familyMembers && (
                <FamilySection incomes={needs.incomes} notes={notes} />
              )}
              <AttachmentsSection
                items={attachments}
                problems={attachmentProblems}
                previewing={previewing}
                busy={hashing || submitting}
                language={language}
                onAdd={(files) => void addAttachments(files)}
                onRemove={removeAttachment}
                onPreview={setPreviewing}
              />
              <SubmitSection
                receivedAt={now}
                today={today}
                intakeWarning={intakeWarning}
                plan={plan}
                mode={mode}
                gaps={gaps}
                language={language}
                submitting={submitting || hashing}
                blocked={blocked}
                errorCount={errorCount}
                saveError={saveError}
              />
            </>
          )}
        </form>
      </FormProvider>
    </section>
  );
}
