// The state hash of a scope: one digest over the canonical folded states of every case a party holds
// in it, so a desk and the hub can show they agree without comparing logs event by event (the sync
// tests compare them after every run). What must stay true:
// - It depends only on the set of events per case: folds are order-independent (shared/events
//   fold-order), cases are taken in id order, and the digest is over canonical JSON.
// - Two parties with the same events in scope get the same hash whatever order they received them in.
import { foldCase, type CaseEvent } from '../case';
import { canonicalJson } from '../signing/canonical-json';
import { encodeBase64 } from '../signing/base64';
import { sha256, type SubtleCryptoLike } from '../signing/subtle';
import { strToU8 } from 'fflate';

/** JSON of a folded state: undefined members dropped, as canonical JSON cannot carry them. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

export async function scopeStateHash(
  subtle: SubtleCryptoLike,
  eventsByCase: ReadonlyMap<string, readonly CaseEvent[]>,
): Promise<string> {
  const ids = [...eventsByCase.keys()].sort();
  const states = ids.map((id) => [id, plain(foldCase(eventsByCase.get(id) ?? []))]);
  const bytes = new Uint8Array(strToU8(canonicalJson(states)));
  return encodeBase64(await sha256(subtle, bytes));
}
