// Kazakh alphabetical order for names and labels, the same on the desk and on the hub.
// What must stay true: the order never depends on the ICU data of the runtime. Chromium's bundled ICU
// has no Kazakh collation: Intl.Collator('kk') there falls back to the root order, which puts І before
// Ы and Ү before Ұ. So the order is written out here, the way a Kazakh reader expects.

/** The Kazakh alphabet (42 Cyrillic letters), in order. */
const KAZAKH_ALPHABET = 'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя';
const LETTER_RANK = new Map([...KAZAKH_ALPHABET].map((ch, i) => [ch, i]));

/** Primary weight of one character: separators, digits, Kazakh letters, Latin letters, the rest. */
function weight(ch: string): number {
  const lower = ch.toLowerCase();
  const rank = LETTER_RANK.get(lower);
  if (rank !== undefined) return 2000 + rank;
  if (/[\s\-‐–—'’.,]/u.test(ch)) return 1;
  if (/\d/u.test(ch)) return 100 + Number(ch);
  if (/[a-z]/.test(lower)) return 3000 + lower.charCodeAt(0);
  return 10_000 + (lower.codePointAt(0) ?? 0);
}

/** Kazakh alphabetical order; letter case only breaks ties (lower case first). */
export function compareKazakh(a: string, b: string): number {
  const x = Array.from(a.normalize('NFC'));
  const y = Array.from(b.normalize('NFC'));
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const d = weight(x[i] ?? '') - weight(y[i] ?? '');
    if (d !== 0) return d;
  }
  if (x.length !== y.length) return x.length - y.length;
  // Same primary weights: lower case first, as ICU does; characters that share a weight without being
  // two cases of one letter (the separators) by code point, so the order stays antisymmetric.
  for (let i = 0; i < length; i++) {
    const cx = x[i] ?? '';
    const cy = y[i] ?? '';
    if (cx === cy) continue;
    const lowerX = cx === cx.toLowerCase();
    const lowerY = cy === cy.toLowerCase();
    if (lowerX !== lowerY) return lowerX ? -1 : 1;
    return cx < cy ? -1 : 1;
  }
  return 0;
}
