import { describe, expect, test } from 'vitest';
import { userDraftErrors } from './user-draft';

// A user's name is a person's name like any other the desk keeps (issue 10 §3, shared/input
// checkPersonName): Cyrillic only, a Latin look-alike caught (the forms offer the fix), a whole name
// that fits the printed line. The users screen and the setup wizard (setup/user-names.test.ts) ask
// the same userDraftErrors.

const draft = (name: string) => ({
  name,
  role: 'specialist' as const,
  pin: '4826',
  pinRepeat: '4826',
});

describe('user names are checked as every person’s name', () => {
  test('a Latin look-alike (a switched keyboard layout) is caught', () => {
    // "Сейітова" typed with a Latin "C" and "e".
    expect(userDraftErrors(draft('Ceйітова Әйгерім'), [], 'akimat').name).toBe(
      'inputChecks:name.latinLookalike',
    );
  });

  test('a name in Latin letters is refused; Kazakh and Russian letters pass', () => {
    expect(userDraftErrors(draft('Seitova Aigerim'), [], 'akimat').name).toBe(
      'inputChecks:name.notCyrillic',
    );
    expect(
      userDraftErrors(draft('Сейітова Әйгерім Қайратқызы'), [], 'akimat').name,
    ).toBeUndefined();
    expect(userDraftErrors(draft('Иванов-Петров Сергей'), [], 'akimat').name).toBeUndefined();
  });
});
