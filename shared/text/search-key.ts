/**
 * Search keys for names typed by people in two languages on keyboards with and without Kazakh
 * letters. A specialist who types "Абенов" must find "Әбенов", and "Iсаев" typed with a Latin I must
 * find "Ісаев". So a key is: NFC, lower case, Kazakh-specific letters folded to their nearest Russian
 * letter, Latin look-alikes folded to Cyrillic, ё → е, everything that is not a letter or digit
 * dropped. Keys are for matching only; names are always shown as typed.
 */
const FOLD: Record<string, string> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
  ё: 'е',
  // Latin letters that look like Cyrillic ones, as typed on a Latin layout.
  a: 'а',
  c: 'с',
  e: 'е',
  h: 'һ',
  i: 'и',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
  b: 'в',
};

function foldChar(ch: string): string {
  const folded = FOLD[ch] ?? ch;
  // Latin h → һ → х: fold again so every path ends on the same letter.
  return FOLD[folded] ?? folded;
}

/** One search key per word, in order. */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => Array.from(w, foldChar).join(''));
}

/** The whole text as one key (words joined by a space). */
export function searchKey(text: string): string {
  return searchTokens(text).join(' ');
}
