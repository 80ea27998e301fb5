/** 'Lastname Firstname Patronymic', as the journal and every document write a person. */
export function personName(person: {
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic?: string | undefined;
}): string {
  return [person.lastName, person.firstName, person.patronymic]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim())
    .join(' ');
}
