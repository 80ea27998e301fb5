import { describe, expect, test } from 'vitest';
import { usersProblems } from './wizard-model';

// The first users' names are checked as every person's name (the users screen's userDraftErrors,
// shared/input checkPersonName): the wizard says so on the user's own field.

const draft = (name: string, role: 'specialist' | 'akim') => ({
  name,
  role,
  pin: role === 'akim' ? '739146' : '4826',
  pinRepeat: role === 'akim' ? '739146' : '4826',
});

describe('setup wizard: user names', () => {
  test('the setup wizard reports the same on the user’s own field', () => {
    const { errors } = usersProblems(
      [draft('Ceйітова Әйгерім', 'specialist'), draft('Жұмабаев Серік', 'akim')],
      'akimat',
    );
    expect(errors['users.0.name']).toBe('inputChecks:name.latinLookalike');
    expect(errors['users.1.name']).toBeUndefined();
  });
});
