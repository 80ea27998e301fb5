// A person's full name in the dative case, for documents that say to whom they are given: the
// certificate's «Выдана Сейітовой Әйгерім Қайратқызы …» and «… Қайратқызына берілді».
// No declension library is installed (neither `petrovich` nor `lvovich` is in node_modules), so this is
// a small rule table for the names an akimat meets: Russian and Kazakh names written in Cyrillic.
// What must stay true:
// - Russian: each part is declined on its own, by the person's sex (from the IIN's 7th digit, odd =
//   male, kazakhstan-facts §1.1), with the regular endings only: surnames -ов/-ев/-ёв/-ин/-ын (male +у,
//   female -ой), -ский/-цкий/-ой/-ый, -ская/-цкая/-ая; given names; patronymics -ич → -ичу, -на → -не.
//   A Kazakh patronymic with -ұлы/-улы/-қызы/-кызы, a name ending in a vowel other than -а/-я, and a
//   woman's name or surname ending in a hard consonant are indeclinable and stay as written.
// - Kazakh: the phrase is declined, not each word: the dative ending goes on the last word only
//   (Сейітова Әйгерім Қайратқызына), by vowel harmony and the word's last sound.
// - Anything the rules do not know is left as written: a name is never guessed into a wrong form.
// - Letter case is kept: an ending added to a word written in capitals is in capitals.
/** 'M' | 'F' as shared/identity's validateIin gives it from the IIN's 7th digit. */
export type NameSex = 'M' | 'F';
type Sex = NameSex;

export interface NameParts {
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic?: string | undefined;
}

const VOWELS = 'аәеёиоөуұүыіэюя';
const isVowel = (ch: string) => VOWELS.includes(ch);

/** Keeps capitals: 'ИВАНОВ' + 'у' → 'ИВАНОВУ'; 'Иванов' + 'у' → 'Иванову'. */
function withEnding(word: string, cut: number, ending: string): string {
  const stem = word.slice(0, word.length - cut);
  const letters = word.replace(/[^\p{L}]/gu, '');
  const upper = letters.length > 1 && letters === letters.toUpperCase();
  return stem + (upper ? ending.toUpperCase() : ending);
}

function endsWith(word: string, ...endings: string[]): string | null {
  const lower = word.toLowerCase();
  return endings.find((e) => lower.endsWith(e)) ?? null;
}

/** Kazakh patronymics (and old-style surnames) with ұлы / қызы: not declined in Russian. */
const KAZAKH_PATRONYMIC = ['ұлы', 'улы', 'уулы', 'қызы', 'кызы'];

function ruSurname(word: string, sex: Sex): string {
  if (endsWith(word, ...KAZAKH_PATRONYMIC)) return word;
  if (sex === 'M') {
    if (endsWith(word, 'ский', 'цкий')) return withEnding(word, 2, 'ому');
    if (endsWith(word, 'ой', 'ый')) return withEnding(word, 2, 'ому');
    if (endsWith(word, 'ов', 'ев', 'ёв', 'ин', 'ын')) return withEnding(word, 0, 'у');
    // Черных, Шевченко, Дюма, Гюго: a vowel or -ых/-их stays as it is.
    if (endsWith(word, 'ых', 'их')) return word;
    const last = word.slice(-1).toLowerCase();
    if (last === 'ь' || last === 'й') return withEnding(word, 1, 'ю');
    if (/[бвгджзклмнпрстфхцчшщқғңһ]/.test(last)) return withEnding(word, 0, 'у');
    return word;
  }
  if (endsWith(word, 'ова', 'ева', 'ёва', 'ина', 'ына')) return withEnding(word, 1, 'ой');
  if (endsWith(word, 'ская', 'цкая', 'ая')) return withEnding(word, 2, 'ой');
  // A woman's surname in a consonant (Ким, Шевчук) or another vowel is not declined.
  return word;
}

/** Given names whose stem changes (a fleeting vowel, ё): the regular rule would misspell them. */
const RU_GIVEN_IRREGULAR: Readonly<Record<string, string>> = {
  лев: 'льву',
  павел: 'павлу',
  пётр: 'петру',
  петр: 'петру',
};

function ruGivenName(word: string, sex: Sex): string {
  const lower = word.toLowerCase();
  const irregular = sex === 'M' ? RU_GIVEN_IRREGULAR[lower] : undefined;
  if (irregular !== undefined) {
    return word === word.toUpperCase() ? irregular.toUpperCase() : word[0] + irregular.slice(1);
  }
  const last = lower.slice(-1);
  if (endsWith(word, 'ия')) return withEnding(word, 1, 'и');
  if (last === 'а' || last === 'я') {
    // Айша → Айше, Дана → Дане, Никита → Никите, Зоя → Зое.
    return withEnding(word, 1, 'е');
  }
  if (sex === 'M') {
    if (last === 'й' || last === 'ь') return withEnding(word, 1, 'ю');
    if (/[бвгджзклмнпрстфхцчшщқғңһ]/.test(last)) return withEnding(word, 0, 'у');
    return word;
  }
  // Любовь → Любови, Айгуль → Айгули; Әйгерім, Гүлнар (a hard consonant) stay.
  if (last === 'ь') return withEnding(word, 1, 'и');
  return word;
}

function ruPatronymic(word: string, sex: Sex): string {
  if (endsWith(word, ...KAZAKH_PATRONYMIC)) return word;
  if (sex === 'M' && endsWith(word, 'ич')) return withEnding(word, 0, 'у');
  if (sex === 'F' && endsWith(word, 'на')) return withEnding(word, 1, 'е');
  return word;
}

/** A double name (Петрова-Водкина, Анна-Мария) is declined part by part. */
function hyphenated(word: string, decline: (part: string) => string): string {
  return word
    .split('-')
    .map((part) => (part === '' ? part : decline(part)))
    .join('-');
}

/** The full name in the Russian dative: «Сейітовой Әйгерім Қайратқызы», «Иванову Петру Ильичу». */
export function russianDative(name: NameParts, sex: Sex): string {
  const parts = [
    hyphenated(name.lastName.trim(), (w) => ruSurname(w, sex)),
    hyphenated(name.firstName.trim(), (w) => ruGivenName(w, sex)),
    name.patronymic?.trim() ? ruPatronymic(name.patronymic.trim(), sex) : '',
  ];
  return parts.filter((p) => p !== '').join(' ');
}

/** The last vowel decides the harmony; any other (а о ұ ы я ё у) takes a back ending. */
const FRONT_VOWELS = 'әеөүіэию';
/** Voiceless at a word's end (б, в, г, д are devoiced there too: Глебке, Давидке). */
const VOICELESS = 'кқпстфхцчшщбвгд';

/** A Kazakh word with the dative ending: Айгүлге, Болатқа, Данаға, Серікке, Қайратқызына. */
export function kazakhDativeWord(word: string): string {
  const lower = word.toLowerCase();
  const letters = [...lower];
  // The Russian surname suffix -ев follows the root's harmony: Жұмабаевқа, Тоқаевқа, Сергеевке.
  const harmonyLetters = lower.endsWith('ев') ? letters.slice(0, -2) : letters;
  const lastVowel = [...harmonyLetters].reverse().find((ch) => isVowel(ch)) ?? 'е';
  const front = FRONT_VOWELS.includes(lastVowel);
  // The 3rd-person possessive -ы/-і of ұлы, қызы takes -на/-не.
  if (endsWith(word, ...KAZAKH_PATRONYMIC)) return withEnding(word, 0, 'на');
  const last = letters[letters.length - 1] ?? '';
  // A soft sign softens the word (front ending); the consonant before it decides the voicing.
  if (last === 'ь') {
    return withEnding(word, 0, VOICELESS.includes(letters[letters.length - 2] ?? '') ? 'ке' : 'ге');
  }
  if (VOICELESS.includes(last)) return withEnding(word, 0, front ? 'ке' : 'қа');
  return withEnding(word, 0, front ? 'ге' : 'ға');
}

/** The full name in the Kazakh dative: the ending goes on the last word of the name. */
export function kazakhDative(name: NameParts): string {
  const words = [name.lastName, name.firstName, name.patronymic ?? '']
    .map((w) => w.trim())
    .filter((w) => w !== '');
  const last = words.pop();
  if (last === undefined) return '';
  return [...words, kazakhDativeWord(last)].join(' ');
}
