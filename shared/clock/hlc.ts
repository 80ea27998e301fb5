// Hybrid logical clock (Kulkarni et al., 2014): orders case events across devices whose clocks disagree.
// A stamp is (wall ms, counter, node id). Invariants that other code relies on:
// - Stamps from tick() on one node strictly increase, whatever the physical clock does.
// - After receive(remote), every later tick() is greater than `remote`.
// - The text form sorts as plain strings exactly as compareStamps orders stamps (fixed-width fields,
//   node id last), so stores and the hub order events with ordinary string comparison. Distinct node ids
//   make two devices' stamps never equal.
// - A wrong clock never throws (ARCHITECTURE §4): the clock keeps its own order and skewMs/driftMs let
//   the UI warn.
// The first two hold everywhere below the top of the domain, see next().

/** The text form: 'WWWWWWWWWWWWWWW-CCCCCC-nodeId' (15-digit wall ms, 6-digit counter). */
export type HlcStamp = string;

export interface HlcTimestamp {
  readonly wallMs: number;
  readonly counter: number;
  readonly nodeId: string;
}

/** The clock of one node: the greatest timestamp it has issued or received, under its own node id. */
export type HlcState = HlcTimestamp;

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 999_999;
/**
 * The last millisecond of the year 9999, the top of the stamp domain: physical readings are clamped to it
 * and parseStamp rejects later walls (garbage, not skew: adopting one would pin every later stamp of the
 * receiver to that far future).
 */
export const MAX_WALL_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const NODE_ID = /^[0-9A-Za-z_-]{1,64}$/;
const STAMP = /^(\d{15})-(\d{6})-([0-9A-Za-z_-]{1,64})$/;

export function isNodeId(value: string): boolean {
  return NODE_ID.test(value);
}

export function createHlc(nodeId: string): HlcState {
  if (!isNodeId(nodeId)) throw new RangeError(`Bad HLC node id: ${nodeId}`);
  return { wallMs: 0, counter: 0, nodeId };
}

/** A physical clock reading made safe: NaN/±Infinity mean "no reading", the rest is clamped. */
function physical(nowMs: number): number {
  if (!Number.isFinite(nowMs)) return 0;
  return Math.min(Math.max(Math.floor(nowMs), 0), MAX_WALL_MS);
}

/**
 * The smallest (wall, counter) after `counter` at `wallMs`; a full counter carries into the wall. The one
 * point with no successor, (MAX_WALL_MS, MAX_COUNTER), saturates instead of throwing: it takes a stamp from
 * the last millisecond of the year 9999 and a million events after it, so order is given up only there.
 */
function next(wallMs: number, counter: number): { wallMs: number; counter: number } {
  if (counter < MAX_COUNTER) return { wallMs, counter: counter + 1 };
  if (wallMs >= MAX_WALL_MS) return { wallMs: MAX_WALL_MS, counter: MAX_COUNTER };
  return { wallMs: wallMs + 1, counter: 0 };
}

/** A stamp for a local event. */
export function tick(state: HlcState, nowMs: number): { state: HlcState; stamp: HlcStamp } {
  const now = physical(nowMs);
  const t = now > state.wallMs ? { wallMs: now, counter: 0 } : next(state.wallMs, state.counter);
  const nextState = { ...t, nodeId: state.nodeId };
  return { state: nextState, stamp: formatStamp(nextState) };
}

/**
 * Merges a stamp seen on another node's event. A remote clock far ahead is adopted (that is what keeps
 * causal order); check skewMs first to warn about it. Throws only for a malformed stamp, which the sync
 * schema should have rejected.
 */
export function receive(state: HlcState, remoteStamp: HlcStamp, nowMs: number): HlcState {
  const remote = parseStamp(remoteStamp);
  if (remote === null) throw new RangeError(`Malformed HLC stamp: ${remoteStamp}`);
  const now = physical(nowMs);
  const wallMs = Math.max(state.wallMs, remote.wallMs, now);
  let t: { wallMs: number; counter: number };
  if (wallMs === state.wallMs && wallMs === remote.wallMs) {
    t = next(wallMs, Math.max(state.counter, remote.counter));
  } else if (wallMs === state.wallMs) {
    t = next(wallMs, state.counter);
  } else if (wallMs === remote.wallMs) {
    t = next(wallMs, remote.counter);
  } else {
    t = { wallMs, counter: 0 };
  }
  return { ...t, nodeId: state.nodeId };
}

/** How far a remote stamp's wall clock is ahead of our physical clock (negative: behind), in ms. */
export function skewMs(remoteStamp: HlcStamp, nowMs: number): number {
  const remote = parseStamp(remoteStamp);
  if (remote === null) throw new RangeError(`Malformed HLC stamp: ${remoteStamp}`);
  return remote.wallMs - physical(nowMs);
}

/**
 * How far this clock runs ahead of our physical clock, in ms: positive after adopting a remote clock that
 * was ahead, or after our own clock was set back.
 */
export function driftMs(state: HlcState, nowMs: number): number {
  return state.wallMs - physical(nowMs);
}

export function formatStamp(t: HlcTimestamp): HlcStamp {
  if (!isTimestamp(t)) throw new RangeError(`Bad HLC timestamp: ${JSON.stringify(t)}`);
  const wall = String(t.wallMs).padStart(WALL_DIGITS, '0');
  const counter = String(t.counter).padStart(COUNTER_DIGITS, '0');
  return `${wall}-${counter}-${t.nodeId}`;
}

/** null for text that formatStamp would not produce, including a wall later than MAX_WALL_MS. */
export function parseStamp(text: string): HlcTimestamp | null {
  const m = STAMP.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) return null;
  const wallMs = Number(m[1]);
  if (wallMs > MAX_WALL_MS) return null;
  return { wallMs, counter: Number(m[2]), nodeId: m[3] };
}

export function isHlcStamp(text: string): boolean {
  return parseStamp(text) !== null;
}

function isTimestamp(t: HlcTimestamp): boolean {
  return (
    Number.isSafeInteger(t.wallMs) &&
    t.wallMs >= 0 &&
    t.wallMs <= MAX_WALL_MS &&
    Number.isSafeInteger(t.counter) &&
    t.counter >= 0 &&
    t.counter <= MAX_COUNTER &&
    isNodeId(t.nodeId)
  );
}

/** Orders by wall ms, then counter, then node id (UTF-16 code units, as string `<` does). */
export function compareStamps(a: HlcStamp, b: HlcStamp): -1 | 0 | 1 {
  const x = parseStamp(a);
  const y = parseStamp(b);
  if (x === null || y === null) throw new RangeError(`Malformed HLC stamp: ${x === null ? a : b}`);
  if (x.wallMs !== y.wallMs) return x.wallMs < y.wallMs ? -1 : 1;
  if (x.counter !== y.counter) return x.counter < y.counter ? -1 : 1;
  if (x.nodeId !== y.nodeId) return x.nodeId < y.nodeId ? -1 : 1;
  return 0;
}
