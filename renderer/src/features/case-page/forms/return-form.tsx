// The district department sends a received case back to the akimat for a missing document
// (ReturnedForCompletion, R-ROUTE-6 [I]). The district names what is missing: the service's documents it
// ticks (by their catalog ids, so either language shows their names) and any other paper, one a line.
// The akimat then completes the application and forwards the case again (R-ROUTE-7 [I]).
import type { FieldErrors, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { PayloadOf } from '../../../../../shared/case';
import { localized, type CatalogDocument } from '../../../../../shared/catalog';
import type { Language } from '../../../../../shared/ipc';
import { caseService } from '../../../../../shared/schedule';
import { useAppSelector } from '../../../app/hooks';
import { useDraftForm } from '../../session';
import { documentLabel } from '../document-label';
import { compact, type ActionProps } from './action-props';
import {
  ActionForm,
  TextArea,
  TextInput,
  WHEN_TO_VALIDATE,
  optional,
  payloadResolver,
  shownErrors,
  useEventSubmit,
  type Built,
} from './form-kit';

export interface ReturnValues {
  /** The catalog ids of the service's documents ticked as missing (react-hook-form: false for none). */
  documents: string[] | string | false;
  /** Other missing papers, one a line. */
  other: string;
  note: string;
  outgoingNumber: string;
}

export const RETURN_MESSAGES = {
  nothingMissing: 'returnForm:validation.nothingMissing',
} as const;

type MissingDocument = PayloadOf<'ReturnedForCompletion'>['missingDocuments'][number];

function ticked(value: ReturnValues['documents']): readonly string[] {
  if (value === false) return [];
  return typeof value === 'string' ? [value] : value;
}

/**
 * The payload from what was typed: the ticked documents in the catalog's order, each with its name in
 * the language of the person returning it, then every non-empty line of `other`. Nothing named is
 * refused on the `other` field, in the person's language.
 */
export function buildReturn(
  v: ReturnValues,
  documents: readonly CatalogDocument[],
  lang: Language,
): Built {
  const chosen = new Set(ticked(v.documents));
  const fromCatalog: MissingDocument[] = documents
    .filter((d) => chosen.has(d.id))
    .map((d) => ({ documentId: d.id, text: localized(d.label, lang) }));
  const others: MissingDocument[] = v.other
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((text) => ({ text }));
  const missingDocuments = [...fromCatalog, ...others];
  const errors: Record<string, string> =
    missingDocuments.length === 0 ? { other: RETURN_MESSAGES.nothingMissing } : {};
  return {
    payload: compact({
      missingDocuments,
      note: optional(v.note),
      outgoingNumber: optional(v.outgoingNumber),
    }),
    errors,
  };
}

/** A schema issue on the list or on one of its entries is shown on the `other` field. */
const fieldOf = (path: string): string => (path.startsWith('missingDocuments') ? 'other' : path);

/** A missing document as the timeline shows it: the catalog's name in `lang` when it has one. */
export function missingDocumentText(
  d: MissingDocument,
  documents: readonly CatalogDocument[],
  lang: Language,
): string {
  if (d.documentId === undefined) return d.text;
  const label = documentLabel(documents, d.documentId, lang);
  return label === d.documentId ? d.text : label;
}

function DocumentChecks({
  legend,
  registration,
  documents,
  lang,
  errors,
}: {
  legend: string;
  registration: UseFormRegisterReturn;
  documents: readonly CatalogDocument[];
  lang: Language;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const error = errors[registration.name]?.message;
  return (
    <fieldset className="cp-choice cp-checks">
      <legend>{legend}</legend>
      {documents.map((d) => (
        <label key={d.id}>
          <input type="checkbox" value={d.id} {...registration} /> {localized(d.label, lang)}
        </label>
      ))}
      {typeof error === 'string' && error !== '' && (
        <p className="cp-error" role="alert">
          {t(error)}
        </p>
      )}
    </fieldset>
  );
}

/** The district department returns the case to the akimat: what is missing, a note, its number. */
export function ReturnedForCompletionForm({ caseId, state, onDone, onCancel }: ActionProps) {
  const { t } = useTranslation('returnForm');
  const lang = useAppSelector((s) => s.preferences.language);
  const documents = caseService(state)?.documents ?? [];
  const { failure, saveParsed } = useEventSubmit(caseId, onDone);
  const build = (v: ReturnValues) => buildReturn(v, documents, lang);
  const form = useDraftForm<ReturnValues>({
    ...WHEN_TO_VALIDATE,
    defaultValues: { documents: [], other: '', note: '', outgoingNumber: '' },
    resolver: payloadResolver('ReturnedForCompletion', build, fieldOf),
  });
  const errors = shownErrors(form.formState);
  const submit = form.handleSubmit(async (values) => {
    await saveParsed('ReturnedForCompletion', build(values).payload);
  });
  return (
    <ActionForm
      title={t('title')}
      intro={
        <>
          <p>{t('intro')}</p>
          <p>{t('term')}</p>
        </>
      }
      submitLabel={t('submit')}
      onSubmit={() => void submit()}
      onCancel={onCancel}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      {documents.length > 0 && (
        <DocumentChecks
          legend={t('documents')}
          registration={form.register('documents')}
          documents={documents}
          lang={lang}
          errors={errors}
        />
      )}
      <TextArea
        label={t('other')}
        registration={form.register('other')}
        errors={errors}
        hint={t('otherHint')}
      />
      <TextArea label={t('note')} registration={form.register('note')} errors={errors} />
      <TextInput
        label={t('outgoingNumber')}
        registration={form.register('outgoingNumber')}
        errors={errors}
      />
    </ActionForm>
  );
}
