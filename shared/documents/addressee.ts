// To whom a document is given, in the dative: «Выдана Сейітовой Әйгерім Қайратқызы», «… Қайратқызына
// берілді». What must stay true:
// - The name declined is the one the document carries (a signed document's content): the applicant's
//   separate name parts are used only when they spell exactly that name; otherwise the name is split
//   as the desk writes it (surname, given name, the rest as the patronymic).
// - The sex comes from the IIN's 7th digit (odd male, even female; kazakhstan-facts §1.1), the
//   registered sex only when the IIN cannot be read.
import { validateIin } from '../identity';
import { kazakhDative, personName, russianDative, type NameParts, type NameSex } from '../text';

export function sexOfPerson(iin: string, registered: NameSex | null): NameSex {
  const valid = validateIin(iin);
  return valid.ok ? valid.sex : (registered ?? 'M');
}

function partsOf(name: string, known: NameParts | null): NameParts {
  if (known !== null && personName(known) === name.trim()) return known;
  const [lastName = '', firstName = '', ...rest] = name.trim().split(/\s+/u);
  return { lastName, firstName, patronymic: rest.join(' ') };
}

/** The person's full name in the dative of the document's language. */
export function dativeName(
  person: { readonly iin: string; readonly name: string },
  known: (NameParts & { readonly sex?: NameSex }) | null,
  lang: 'kk' | 'ru',
): string {
  const parts = partsOf(person.name, known);
  return lang === 'kk'
    ? kazakhDative(parts)
    : russianDative(parts, sexOfPerson(person.iin, known?.sex ?? null));
}
