import { describe, expect, test } from 'vitest';
import { personName } from './person-name';

describe('personName', () => {
  test('joins the parts the applicant has, without empty patronymics', () => {
    expect(
      personName({ lastName: 'Сейітова', firstName: 'Әйгерім', patronymic: 'Қайратқызы' }),
    ).toBe('Сейітова Әйгерім Қайратқызы');
    expect(personName({ lastName: 'Ivanov ', firstName: ' Ivan', patronymic: ' ' })).toBe(
      'Ivanov Ivan',
    );
  });
});
