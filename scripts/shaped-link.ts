// A TCP proxy on loopback for the sync benchmark (scripts/bench-sync.ts): in front of a server, it
// counts the bytes that pass each way and, when asked, shapes the link like a slow village line.
// What must stay true:
// - Bytes pass unchanged and in order on every connection; a close or an error on one side closes the
//   other.
// - Shaping is one link shared by every connection, as a real line is: each way, a chunk leaves after
//   the one-way delay (RTT/2) and after every byte queued before it has gone out at `bytesPerSecond`
//   (a serialisation queue per direction). So a request and its answer cost a round trip each, and a
//   big upload holds the line for its length in the direction it goes.
// - With no shaping (rttMs 0, bytesPerSecond Infinity) it only counts: bytes are written as they come.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface LinkShape {
  /** Round trip in ms: each direction is delayed by half of it. */
  readonly rttMs: number;
  /** Bytes per second each way (Infinity: not paced). 256 kbit/s is 32,000. */
  readonly bytesPerSecond: number;
}

export const UNSHAPED: LinkShape = { rttMs: 0, bytesPerSecond: Infinity };

export interface ShapedLink {
  /** http://127.0.0.1:<port>, to put where the server's address would be. */
  readonly url: string;
  /**
   * Bytes that went client → server (`up`) and server → client (`down`), headers included, counted
   * as they leave the proxy (on a shaped link, at the line's pace).
   */
  readonly bytes: { up: number; down: number };
  /** Connections accepted so far. */
  connections: number;
  /** Closes every connection open now (what pulling the cable does); the proxy keeps listening. */
  cut(): void;
  stop(): Promise<void>;
}

/** Pieces a paced chunk is cut into, so a big write leaves the queue smoothly. */
const PACE_PIECE_BYTES = 4096;

/** One direction of the line: when the last byte queued so far will have left. */
interface Lane {
  busyUntilMs: number;
}

/** Most of the line's time a lane queues before its sender is paused (as TCP's window would). */
const MAX_QUEUED_MS = 500;

/**
 * Writes `chunk` from `from` to `to` as the lane lets it: after the delay, at the lane's pace, each
 * piece counted by `counted` when it leaves. A sender far ahead of the line is paused until it drains.
 */
function send(
  lane: Lane,
  shape: LinkShape,
  from: Socket,
  to: Socket,
  chunk: Buffer,
  counted: (bytes: number) => void,
): void {
  if (shape.rttMs === 0 && shape.bytesPerSecond === Infinity) {
    counted(chunk.length);
    to.write(chunk);
    return;
  }
  const now = performance.now();
  for (let at = 0; at < chunk.length; at += PACE_PIECE_BYTES) {
    const piece = chunk.subarray(at, at + PACE_PIECE_BYTES);
    const startMs = Math.max(now, lane.busyUntilMs);
    lane.busyUntilMs = startMs + (piece.length / shape.bytesPerSecond) * 1000;
    const leaveMs = lane.busyUntilMs + shape.rttMs / 2;
    setTimeout(
      () => {
        if (to.destroyed) return;
        counted(piece.length);
        to.write(piece);
      },
      Math.max(0, leaveMs - now),
    );
  }
  const queuedMs = lane.busyUntilMs - now;
  if (queuedMs > MAX_QUEUED_MS && !from.isPaused()) {
    from.pause();
    setTimeout(() => from.resume(), queuedMs - MAX_QUEUED_MS / 2);
  }
}

/** When the last piece queued on `lane` has left, plus the delay: when to pass on a close. */
function drainedInMs(lane: Lane, shape: LinkShape): number {
  return Math.max(0, lane.busyUntilMs + shape.rttMs / 2 - performance.now());
}

export function startShapedLink(
  target: { readonly host: string; readonly port: number },
  shape: LinkShape = UNSHAPED,
): Promise<ShapedLink> {
  const up: Lane = { busyUntilMs: 0 };
  const down: Lane = { busyUntilMs: 0 };
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    link.connections += 1;
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    client.on('data', (chunk: Buffer) => {
      send(up, shape, client, upstream, chunk, (n) => (link.bytes.up += n));
    });
    upstream.on('data', (chunk: Buffer) => {
      send(down, shape, upstream, client, chunk, (n) => (link.bytes.down += n));
    });
    // A half-close or close passes on once the bytes before it have left.
    client.on('end', () => setTimeout(() => upstream.end(), drainedInMs(up, shape)));
    upstream.on('end', () => setTimeout(() => client.end(), drainedInMs(down, shape)));
    const close = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('close', () => setTimeout(close, drainedInMs(up, shape)));
    upstream.on('close', () => setTimeout(close, drainedInMs(down, shape)));
    client.on('error', close);
    upstream.on('error', close);
  });
  const link: { -readonly [K in keyof ShapedLink]: ShapedLink[K] } = {
    url: '',
    bytes: { up: 0, down: 0 },
    connections: 0,
    cut() {
      for (const socket of open) socket.destroy();
      open.clear();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        link.cut();
        server.close(() => resolve());
      }),
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      link.url = `http://127.0.0.1:${port}`;
      resolve(link);
    });
  });
}
