import type { TFunction } from 'i18next';
import type { Applicant, Representative } from '../../../../shared/case';
import type { ServiceDefinition } from '../../../../shared/catalog';
import { localized } from '../../../../shared/catalog';
import type { Language } from '../../../../shared/ipc';
import type { OfficeProfile } from '../../../../shared/office';
import { formatNumber } from '../../i18n';
import { formatDate } from '../../../../shared/time';
import type { ESignatureTexts } from './doc-parts';
import type { OccasionContent, OfficeContent } from '../../../../shared/documents';
import { personName } from '../../../../shared/text';

export type DocT = TFunction;

/**
 * The texts of a signature block. The PIN key's signature is called what it is: signed in Akimat Desk
 * by the akim (or the head of the authorized body) with a personal key, never a qualified e-signature.
 */
export function eSignatureTexts(t: DocT, signer: 'akim' | 'districtHead'): ESignatureTexts {
  return {
    heading: t(`common.eSignature.heading_${signer}`),
    signer: t('common.eSignature.signer'),
    signedAt: t('common.eSignature.signedAt'),
    key: t('common.eSignature.key'),
    qr: t('common.eSignature.qr'),
  };
}

/** The office's name and district in the document's language. */
export function officeLines(
  office: OfficeProfile | OfficeContent,
  lang: Language,
): { office: string; district: string } {
  return lang === 'kk'
    ? { office: office.nameKk, district: office.districtKk }
    : { office: office.nameRu, district: office.districtRu };
}

export function serviceName(service: ServiceDefinition | null, id: string, lang: Language): string {
  return service ? localized(service.name, lang) : id;
}

/**
 * The occasion of a proactive case (R-PRO-1, 003:30) as a document's text names it: its name as typed
 * (quoted, so the sentence needs no declension of it) and its date, for the keys that take
 * {{occasion}} and {{occasionDate}}.
 */
export function occasionValues(occasion: OccasionContent): {
  occasion: string;
  occasionDate: string;
} {
  return { occasion: occasion.name, occasionDate: formatDate(occasion.date) };
}

export function applicantLine(t: DocT, applicant: Applicant): string {
  return `${personName(applicant)}, ${t('common.iin')} ${applicant.iin}`;
}

export function representativeLine(t: DocT, representative: Representative | null): string | null {
  if (representative === null) return null;
  const poa = representative.powerOfAttorney;
  return `${representative.name}, ${t('common.powerOfAttorney', {
    number: poa.number,
    date: formatDate(poa.date),
  })}`;
}

/**
 * Tenge from tiyn as Kazakhstan writes amounts in both languages: 19 660,50. Formatted with the
 * Russian (Kazakhstan) rules for Kazakh documents too: Chromium reports 'kk' as supported yet formats
 * it with English separators (19,660.5), and an amount on an official paper must not be misread.
 */
export function formatTenge(tiyn: number): string {
  return formatNumber(tiyn / 100, 'ru', 2);
}

/** Texts of the refusal grounds the decision names, from the service's list (codes as they are). */
/**
 * The grounds of a preliminary refusal notice in `lang`: the catalog's words for a ground it lists,
 * else the words recorded with the notice (a ground typed by hand).
 */
export function noticeGroundLines(
  grounds: readonly { readonly code: string; readonly text: string }[],
  service: ServiceDefinition | null,
  lang: Language,
): string[] {
  const fromCatalog = groundTexts(
    grounds.map((g) => g.code),
    service,
    lang,
  );
  return grounds.map((g, i) => (fromCatalog[i] === g.code ? g.text : (fromCatalog[i] ?? g.text)));
}

export function groundTexts(
  codes: readonly string[],
  service: ServiceDefinition | null,
  lang: Language,
): string[] {
  const grounds = service?.refusalGrounds.kind === 'list' ? service.refusalGrounds.grounds : [];
  return codes.map((code) => {
    const ground = grounds.find((g) => g.id === code);
    return ground ? localized(ground.text, lang) : code;
  });
}
