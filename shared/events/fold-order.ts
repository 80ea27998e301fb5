// The order every log of the desk is folded in (cases, registers, the directory). What must stay true:
// - It depends only on the SET of events delivered: events are sorted by (hlc, id) as plain strings,
//   and two copies of one id are ordered by their canonical text, so the choice never depends on
//   delivery order.
// - Each id is folded once. A second copy with the same content is a repeated delivery and is
//   ignored; one with other content (a bug or a forgery) is reported once, for the fold to keep as a
//   conflict.
import { canonicalJson } from '../signing/canonical-json';

interface Stamped {
  readonly id: string;
  readonly hlc: string;
}

/** The fold order: hlc, then id, as plain strings. */
export function compareStamped(a: Stamped, b: Stamped): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export type Delivery<E> =
  | { readonly kind: 'first'; readonly event: E }
  /** Another event under an id already folded, with other content. */
  | { readonly kind: 'idReused'; readonly event: E };

/** The events of one log in fold order, each id once (see the invariants above). */
export function inFoldOrder<E extends Stamped>(events: readonly E[]): Delivery<E>[] {
  const delivered = events.map((event) => ({ event, canonical: undefined as string | undefined }));
  const canonicalOf = (d: (typeof delivered)[number]): string => {
    d.canonical ??= canonicalJson(d.event);
    return d.canonical;
  };
  delivered.sort(
    (x, y) =>
      compareStamped(x.event, y.event) ||
      (canonicalOf(x) < canonicalOf(y) ? -1 : canonicalOf(x) > canonicalOf(y) ? 1 : 0),
  );
  const out: Delivery<E>[] = [];
  const kept = new Map<string, (typeof delivered)[number]>();
  const reported = new Set<string>();
  for (const d of delivered) {
    const first = kept.get(d.event.id);
    if (first === undefined) {
      kept.set(d.event.id, d);
      out.push({ kind: 'first', event: d.event });
      continue;
    }
    const text = canonicalOf(d);
    if (text !== canonicalOf(first) && !reported.has(text)) {
      reported.add(text);
      out.push({ kind: 'idReused', event: d.event });
    }
  }
  return out;
}
