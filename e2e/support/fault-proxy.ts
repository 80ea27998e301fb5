// A TCP proxy that misbehaves on purpose, put between desks and the hub in the fault tests. What must
// stay true:
// - It works on raw TCP, below HTTP: whatever it does, the desk and the hub see what a bad village
//   link does to them (a connection refused mid-way, a body cut short, an answer arriving late).
// - Each new connection draws one fate from a seeded generator, so a failing run can be repeated:
//   dropped at once; the request cut after some bytes; the response cut after some bytes; delayed;
//   or passed through untouched.
// - It counts what it did, so a test can show that the faults really happened.
import {
  createConnection,
  createServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';

export interface FaultRates {
  /** Connections closed as soon as they open. */
  readonly drop: number;
  /** Connections whose request is cut after a random number of bytes. */
  readonly cutRequest: number;
  /** Connections whose response is cut after a random number of bytes. */
  readonly cutResponse: number;
  /** Connections delayed by up to `maxDelayMs` before anything is forwarded. */
  readonly delay: number;
  readonly maxDelayMs: number;
}

export const VILLAGE_LINK: FaultRates = {
  drop: 0.2,
  cutRequest: 0.1,
  cutResponse: 0.1,
  delay: 0.2,
  maxDelayMs: 400,
};

export interface FaultCounts {
  connections: number;
  dropped: number;
  requestsCut: number;
  responsesCut: number;
  delayed: number;
  passed: number;
}

export interface FaultProxy {
  readonly url: string;
  readonly counts: FaultCounts;
  /** Lets every connection through untouched from now on (to converge at the end of a test). */
  heal(): void;
  close(): Promise<void>;
}

/** mulberry32: a small seeded generator, so a run's faults can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Fate =
  | { kind: 'drop' }
  /** Cut after `after` bytes; counted only if the message was longer. */
  | { kind: 'cutRequest'; after: number }
  | { kind: 'cutResponse'; after: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'pass' };

function drawFate(random: () => number, rates: FaultRates): Fate {
  const r = random();
  let edge = rates.drop;
  if (r < edge) return { kind: 'drop' };
  edge += rates.cutRequest;
  // Cut somewhere in the headers or the start of the body: 1 to 400 bytes in (sync messages are
  // gzip-small; most are longer than that, so most cuts drop bytes).
  if (r < edge) return { kind: 'cutRequest', after: 1 + Math.floor(random() * 400) };
  edge += rates.cutResponse;
  if (r < edge) return { kind: 'cutResponse', after: 1 + Math.floor(random() * 400) };
  edge += rates.delay;
  if (r < edge) return { kind: 'delay', ms: Math.floor(random() * rates.maxDelayMs) };
  return { kind: 'pass' };
}

/**
 * Forwards `from` to `to`, passing at most `limit` bytes, then cuts both and calls `cut` — only when
 * bytes were really dropped: a message shorter than the limit passes whole and counts as passed.
 */
function pipeLimited(from: Socket, to: Socket, limit: number, cut: () => void): void {
  let sent = 0;
  from.on('data', (chunk: Buffer) => {
    if (sent >= limit) return;
    const room = limit - sent;
    if (chunk.length <= room) {
      sent += chunk.length;
      to.write(chunk);
      return;
    }
    sent = limit;
    to.write(chunk.subarray(0, room), () => cut());
  });
  from.on('end', () => to.end());
}

export async function startFaultProxy(
  target: { host: string; port: number },
  options: { seed: number; rates?: FaultRates },
): Promise<FaultProxy> {
  const random = seeded(options.seed);
  const rates = options.rates ?? VILLAGE_LINK;
  const counts: FaultCounts = {
    connections: 0,
    dropped: 0,
    requestsCut: 0,
    responsesCut: 0,
    delayed: 0,
    passed: 0,
  };
  let healed = false;
  const open = new Set<Socket>();

  const server: Server = createServer((client) => {
    counts.connections += 1;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    const fate: Fate = healed ? { kind: 'pass' } : drawFate(random, rates);
    if (fate.kind === 'drop') {
      counts.dropped += 1;
      client.destroy();
      return;
    }
    client.pause();
    const connect = (): void => {
      const upstream = createConnection(target);
      open.add(upstream);
      upstream.on('close', () => {
        open.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
      const cutBoth = (counted: 'requestsCut' | 'responsesCut') => (): void => {
        counts[counted] += 1;
        client.destroy();
        upstream.destroy();
      };
      if (fate.kind === 'cutRequest') {
        pipeLimited(client, upstream, fate.after, cutBoth('requestsCut'));
        upstream.pipe(client);
      } else if (fate.kind === 'cutResponse') {
        client.pipe(upstream);
        pipeLimited(upstream, client, fate.after, cutBoth('responsesCut'));
      } else {
        client.pipe(upstream);
        upstream.pipe(client);
      }
      client.resume();
    };
    if (fate.kind === 'delay') {
      counts.delayed += 1;
      setTimeout(connect, fate.ms);
    } else {
      if (fate.kind === 'pass') counts.passed += 1;
      connect();
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    heal: () => {
      healed = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
