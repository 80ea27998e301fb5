import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { get, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { isOurWording, localized, type CatalogDocument } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';
import { FieldError } from './fields';
import { documentStateOptions, type IntakeFormValues } from './intake-model';
import { OurWording } from './service-section';

interface DocumentsSectionProps {
  documents: readonly CatalogDocument[];
  language: Language;
  onMarkRequiredPresented: () => void;
}

/** The service's documents checklist: each paper is marked as the specialist finds it. */
export function DocumentsSection({
  documents,
  language,
  onMarkRequiredPresented,
}: DocumentsSectionProps) {
  const { t } = useTranslation('intake');
  return (
    <section className="card intake-card" aria-labelledby="intake-documents-heading">
      <div className="intake-card-head">
        <h2 id="intake-documents-heading">{t('documents.heading')}</h2>
        <button type="button" className="intake-secondary" onClick={onMarkRequiredPresented}>
          {t('documents.markRequiredPresented')}
        </button>
      </div>
      <p className="intake-hint">{t('documents.rule')}</p>
      <ol className="intake-documents">
        {documents.map((doc) => (
          <DocumentRow key={doc.id} doc={doc} language={language} />
        ))}
      </ol>
    </section>
  );
}

function DocumentRow({ doc, language }: { doc: CatalogDocument; language: Language }) {
  const { t } = useTranslation('intake');
  const id = useId();
  const name = `documents.${doc.id}` as const;
  const { register } = useFormContext<IntakeFormValues>();
  const { errors } = useFormState<IntakeFormValues>({ name });
  const invalid = get(errors, name) !== undefined;
  const state = useWatch<IntakeFormValues, typeof name>({ name });
  const gap = state === 'missing' || state === 'expired';
  return (
    <li className={`intake-document ${gap ? 'intake-document-gap' : ''}`}>
      <div className="intake-document-text">
        <label htmlFor={id}>
          {localized(doc.label, language)}
          {isOurWording(doc.label, language) && <OurWording />}
        </label>
        <div className="intake-document-meta">
          <span className={`intake-badge intake-badge-${doc.requirement}`}>
            {t(`catalog:requirement.${doc.requirement}`)}
          </span>
          {doc.condition && <span>{localized(doc.condition, language)}</span>}
          {doc.waivedWhen && <span>{localized(doc.waivedWhen.text, language)}</span>}
        </div>
      </div>
      <div className="intake-document-state">
        <select id={id} aria-invalid={invalid} {...register(name)}>
          <option value="">{t('documents.choose')}</option>
          {documentStateOptions(doc).map((s) => (
            <option key={s} value={s}>
              {t(`case:documentStates.${s}`)}
            </option>
          ))}
        </select>
        <FieldError name={name} />
      </div>
    </li>
  );
}
